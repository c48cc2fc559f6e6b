#!/usr/bin/env python3
"""Living-archive benchmark: runs `serve` (target/newsdesk.jar) on a copy of the seeds in a temporary
folder and measures the bars of issue 9 on this machine:

  drop     a file written into the corpus folder, until a question cites it (20 files: p50, max)
  post     POST /api/articles until it returns, and whether the next question cites the article (20)
  load     answer latency idle, then while 1,000 articles are copied into the folder and indexed
           (2 asking threads; errors, p50, p99, and the p99 ratio during/idle)
  kill     kill -9 in the middle of a 1,000-article ingest, restart: every article answerable, and the
           index holds exactly the chunks a fresh build of the same folder holds (none twice)

Usage: mvn -q -B package -DskipTests && python3 src/test/load/archive_bench.py [drop post load kill]
Loopback only; needs nothing but Python 3 and Java.
"""
import json
import os
import random
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
JAR = os.path.join(ROOT, "target", "newsdesk.jar")
SEEDS = os.path.join(ROOT, "seeds")
TOKEN = "bench-token"


def name(n, prefix="Zel"):
    """A made-up, unique proper name per article: a prefix and n in base 26."""
    letters = ""
    n += 26 * 26
    while n:
        n, d = divmod(n, 26)
        letters = chr(97 + d) + letters
    return prefix + letters


def article(n):
    """An article with its own names in every sentence, so that no two articles make the same statement."""
    z, town, boss = name(n), name(n, "Tor"), name(n, "Vel")
    return (f"{z} works expands\n\nThe {z} works in {town} employs {100 + n} people, its director {boss} said on Tuesday. "
            f"The {z} plant opened in {town} in {1950 + n % 70}. {boss} said the {z} works makes parts for tractors. "
            f"Officials in {town} welcomed the expansion. Orders at {z} rose sharply this year, {boss} added.\n")


def question(n):
    return f"How many people does the {name(n)} works employ?"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    def __init__(self, corpus, index):
        self.corpus, self.index, self.port = corpus, index, free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.proc = None

    def start(self):
        env = dict(os.environ, NEWSDESK_ADMIN_TOKEN=TOKEN)
        self.log = open(os.path.join(self.index, "..", f"serve-{self.port}.log"), "ab")
        self.proc = subprocess.Popen(["java", "-jar", JAR, "serve", "--corpus", self.corpus, "--index", self.index,
                                      "--port", str(self.port)], env=env, stdout=self.log, stderr=self.log)
        deadline = time.time() + 600
        while time.time() < deadline:
            try:
                if self.get("/health")["status"] == "ok":
                    return self
            except (OSError, urllib.error.URLError, ValueError):
                pass
            time.sleep(0.2)
        raise RuntimeError("server did not get ready")

    def request(self, method, path, body=None, headers=None):
        data = None if body is None else json.dumps(body).encode()
        req = urllib.request.Request(self.base + path, data=data, method=method, headers=headers or {})
        if data is not None:
            req.add_header("Content-Type", "application/json")
        with urllib.request.urlopen(req, timeout=30) as r:
            return r.status, json.loads(r.read() or b"null")

    def get(self, path):
        return self.request("GET", path)[1]

    def ask(self, q):
        return self.request("POST", "/api/chat", {"question": q})[1]

    def cites(self, q, file):
        return any(c["file"] == file for c in self.ask(q)["citations"])

    def kill9(self):
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait()

    def stop(self):
        self.proc.terminate()
        self.proc.wait()


def pct(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def fresh(tmp, label):
    corpus = os.path.join(tmp, label, "corpus")
    index = os.path.join(tmp, label, "index")
    shutil.copytree(SEEDS, corpus)
    os.makedirs(index)
    return corpus, index


def write_atomically(folder, file, text):
    tmp = os.path.join(folder, "." + file + ".part")
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(text)
    os.replace(tmp, os.path.join(folder, file))


def bench_drop(server):
    times = []
    for i in range(20):
        n = 5000 + i
        file = f"drop-{n}.txt"
        started = time.perf_counter()
        write_atomically(server.corpus, file, article(n))
        while not server.cites(question(n), file):
            if time.perf_counter() - started > 30:
                raise RuntimeError(file + " not answerable after 30 s")
            time.sleep(0.02)
        times.append(time.perf_counter() - started)
        time.sleep(0.3)
    print(f"drop: 20 files, answerable after p50 {statistics.median(times) * 1000:.0f} ms, "
          f"max {max(times) * 1000:.0f} ms")


def bench_post(server):
    times, cited = [], 0
    for i in range(20):
        n = 6000 + i
        started = time.perf_counter()
        status, body = server.request("POST", "/api/articles",
                                      {"title": f"{name(n)} works expands", "text": article(n).split("\n", 2)[2],
                                       "source": "Bench Ledger", "published": "2024-06-0%dT10:00:00Z" % (1 + i % 9)},
                                      {"Authorization": "Bearer " + TOKEN})
        times.append(time.perf_counter() - started)
        assert status == 201, body
        cited += server.cites(question(n), body["file"])
    print(f"post: 20 articles, 201 after p50 {statistics.median(times) * 1000:.0f} ms, max {max(times) * 1000:.0f} ms;"
          f" next question cites it: {cited}/20")


def ask_loop(server, questions, stop, latencies, errors):
    rng = random.Random()
    while not stop.is_set():
        q = rng.choice(questions) + " " + str(rng.randint(0, 10 ** 6))  # no cached question embedding helps
        started = time.perf_counter()
        try:
            server.ask(q)
            latencies.append(time.perf_counter() - started)
        except Exception:  # noqa: BLE001 - every failure counts as an error
            errors.append(q)


def measure(server, questions, seconds=None, until=None):
    stop, latencies, errors = threading.Event(), [], []
    threads = [threading.Thread(target=ask_loop, args=(server, questions, stop, latencies, errors)) for _ in range(2)]
    for t in threads:
        t.start()
    started = time.time()
    while (seconds and time.time() - started < seconds) or (until and not until()):
        time.sleep(0.2)
    stop.set()
    for t in threads:
        t.join()
    return latencies, errors, time.time() - started


def copy_articles(folder, first, count):
    for n in range(first, first + count):
        write_atomically(folder, f"bulk-{n}.txt", article(n))


def articles(server):
    return server.get("/health")["articles"]


def bench_load(server, questions):
    measure(server, questions, seconds=10)  # warm-up
    idle, idle_errors, _ = measure(server, questions, seconds=20)
    target = articles(server) + 1000
    writer = threading.Thread(target=copy_articles, args=(server.corpus, 10000, 1000))
    writer.start()
    during, errors, took = measure(server, questions, until=lambda: articles(server) >= target)
    writer.join()
    print(f"load: idle {len(idle)} answers, p50 {pct(idle, 50) * 1000:.1f} ms, p99 {pct(idle, 99) * 1000:.1f} ms,"
          f" {len(idle_errors)} errors")
    print(f"load: during a 1,000-article ingest ({took:.0f} s) {len(during)} answers, p50 {pct(during, 50) * 1000:.1f} ms,"
          f" p99 {pct(during, 99) * 1000:.1f} ms, {len(errors)} errors; p99 ratio {pct(during, 99) / pct(idle, 99):.1f}x")


def bench_kill(tmp):
    corpus, index = fresh(tmp, "kill")
    server = Server(corpus, index).start()
    before = articles(server)
    threading.Thread(target=copy_articles, args=(corpus, 20000, 1000)).start()
    while articles(server) < before + 400:
        time.sleep(0.05)
    indexed = articles(server) - before
    server.kill9()
    while len([f for f in os.listdir(corpus) if f.startswith("bulk-")]) < 1000:
        time.sleep(0.1)
    print(f"kill: kill -9 with {indexed} of 1,000 articles indexed; restarting")
    started = time.time()
    server = Server(corpus, index).start()
    print(f"kill: ready again after {time.time() - started:.1f} s (catching up from the folder)")
    sources = server.get("/api/sources")
    health = server.get("/health")
    answerable = sum(server.cites(question(n), f"bulk-{n}.txt") for n in range(20000, 21000))
    server.stop()
    fresh_chunks = fresh_count(corpus, os.path.join(tmp, "kill", "fresh-index"))
    print(f"kill: after restart {len(sources)} articles listed, {sum(1 for s in sources if s['chunks'] > 0)} with chunks;"
          f" {answerable}/1000 new articles cited by their question; index chunks {health['chunks']},"
          f" a fresh build of the same folder {fresh_chunks} ({'none twice' if health['chunks'] == fresh_chunks else 'MISMATCH'})")


def fresh_count(corpus, index):
    """The chunks of an index built from scratch over the same folder."""
    os.makedirs(index)
    server = Server(corpus, index).start()
    chunks = server.get("/health")["chunks"]
    server.stop()
    return chunks


def main():
    wanted = sys.argv[1:] or ["drop", "post", "load", "kill"]
    questions = [json.loads(line)["question"] for line in open(os.path.join(ROOT, "eval", "questions.jsonl"))]
    tmp = tempfile.mkdtemp(prefix="newsdesk-archive-bench-")
    try:
        if {"drop", "post", "load"} & set(wanted):
            corpus, index = fresh(tmp, "live")
            server = Server(corpus, index).start()
            try:
                if "drop" in wanted:
                    bench_drop(server)
                if "post" in wanted:
                    bench_post(server)
                if "load" in wanted:
                    bench_load(server, questions)
            finally:
                server.stop()
        if "kill" in wanted:
            bench_kill(tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
