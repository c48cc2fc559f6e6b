#!/usr/bin/env python3
"""Replicas and a killed writer: two `serve` processes (target/newsdesk.jar) on the cluster at $OPENSEARCH_URL
and one corpus folder (a copy of the seeds). 16 clients ask the replica that does not write while 200 new
articles are dropped into the folder; the writer is killed (SIGKILL) after the 100th. Reports how many of the
200 the survivor answers and cites, how long after the kill the last became answerable, failed answers, and
whether the cluster holds exactly the chunks a fresh Lucene build of the same folder has (none twice).

Usage: mvn -q -B package -DskipTests && OPENSEARCH_URL=http://127.0.0.1:9200 python3 src/test/load/replicas_kill.py
Needs Python 3 and Java; it builds the cluster's index under a prefix of its own and deletes it afterwards.
"""
import tempfile
import json, os, random, shutil, signal, socket, subprocess, sys, threading, time, urllib.request
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
JAR = os.path.join(ROOT, "target", "newsdesk.jar")
URL = os.environ.get("OPENSEARCH_URL") or sys.exit("set OPENSEARCH_URL to the cluster")
work = tempfile.mkdtemp(prefix="newsdesk-replicas-")
corpus = os.path.join(work, "corpus"); shutil.copytree(os.path.join(ROOT, "seeds"), corpus)
prefix = f"kill{int(time.time())}"
env = {**os.environ, "NEWSDESK_STORE": "opensearch", "OPENSEARCH_URL": URL, "OPENSEARCH_INDEX": prefix,
       "NEWSDESK_CORPUS": corpus, "NEWSDESK_WRITER_LEASE_SECONDS": "15", "NEWSDESK_MAX_ANSWERING": "16"}
subprocess.run(["java", "-jar", JAR, "index"], env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
def free():
    s = socket.socket(); s.bind(("127.0.0.1", 0)); p = s.getsockname()[1]; s.close(); return p
def get(u, timeout=30):
    with urllib.request.urlopen(u, timeout=timeout) as r: return json.loads(r.read())
def serve(name):
    port = free()
    p = subprocess.Popen(["java", "-Xmx512m", "-jar", JAR, "serve"], env={**env, "NEWSDESK_PORT": str(port),
        "NEWSDESK_CONVERSATIONS": os.path.join(work, "conv-" + name)}, stdout=open(os.path.join(work, name + ".log"), "w"), stderr=subprocess.STDOUT)
    return p, f"http://127.0.0.1:{port}/"
def ready(base):
    for _ in range(600):
        try:
            if get(base + "health").get("status") == "ok": return
        except Exception: pass
        time.sleep(0.5)
    sys.exit("not ready " + base)
def ask(base, q):
    req = urllib.request.Request(base + "api/chat", data=json.dumps({"question": q}).encode(), headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=60) as r: return json.loads(r.read())
def place(n): return "Harb" + chr(97 + n // 26 % 26) + chr(97 + n % 26) + chr(97 + n // 676) + "wick"
def report(n): return f"Harbour report\nThe {place(n)} harbour registered {100 + n} fishing boats this season, the harbour master said.\n"
def question(n): return f"How many fishing boats did the {place(n)} harbour register?"
A, baseA = serve("a"); B, baseB = serve("b")
ready(baseA); ready(baseB)
for _ in range(100):
    roles = [get(baseA + "health").get("role"), get(baseB + "health").get("role")]
    if sorted(roles) == ["replica", "writer"]: break
    time.sleep(0.2)
print("roles", roles)
writer, replica = (A, baseB) if roles[0] == "writer" else (B, baseA)
seeds = [json.loads(l)["question"] for l in open(os.path.join(ROOT, "eval", "questions.jsonl"))]
stop = threading.Event(); failed = []; answered = [0]; lock = threading.Lock()
def client():
    while not stop.is_set():
        try:
            ask(replica, random.choice(seeds))
            with lock: answered[0] += 1
        except Exception as e:
            failed.append(str(e))
threads = [threading.Thread(target=client) for _ in range(16)]
for t in threads: t.start()
t0 = time.time()
for n in range(200):
    with open(os.path.join(corpus, f"harbour-{n}.txt"), "w") as f: f.write(report(n))
    if n == 100:
        writer.send_signal(signal.SIGKILL); killed = time.time(); print("killed the writer at article 100")
    time.sleep(0.05)
missing = list(range(200)); deadline = time.time() + 600
while missing and time.time() < deadline:
    missing = [n for n in missing if f"harbour-{n}.txt" not in [c["file"] for c in ask(replica, question(n))["citations"]]]
    if missing: time.sleep(1)
done = time.time()
stop.set()
for t in threads: t.join()
health = get(replica + "health"); sources = get(replica + "api/sources")
lucene = subprocess.run(["java", "-jar", JAR, "index"], env={**env, "NEWSDESK_STORE": "lucene", "NEWSDESK_INDEX": os.path.join(work, "lucene")}, capture_output=True, text=True).stdout
print(f"answerable {200 - len(missing)}/200, all within {done - killed:.1f} s of the kill; answers {answered[0]}, failed {len(failed)} {failed[:3]}")
print(f"role now {health.get('role')}; cluster chunks {health['chunks']}, sum over sources {sum(s['chunks'] for s in sources)}, files {len(sources)}; fresh Lucene build: {lucene.strip()}")
for p in (A, B):
    p.kill()
urllib.request.urlopen(urllib.request.Request(URL.split(",")[0] + f"/{prefix}-*", method="DELETE")).read()
shutil.rmtree(work, ignore_errors=True)
