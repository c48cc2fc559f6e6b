#!/usr/bin/env python3
"""Served latency of both stores: runs `serve` (target/newsdesk.jar) on the Lucene store and then on the
OpenSearch store at $OPENSEARCH_URL, one at a time, over the same corpus, and asks each the same questions
over HTTP (POST /api/chat, one new conversation per question, one at a time) after the server's own
warm-up. Prints p50 and p99 per store, the cluster's p50 against Lucene's, and the cluster round trips per
question (from /metrics). Every server is new, so every question is one it has not seen.

Usage: mvn -q -B package -DskipTests && \
       OPENSEARCH_URL=http://127.0.0.1:9200 python3 src/test/load/served_latency.py [--corpus DIR]
           [--questions FILE] [--rounds N] [--index DIR]
It builds the cluster's index itself (a prefix of its own, deleted afterwards); it needs Python 3 and Java.
"""
import argparse
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
JAR = os.path.join(ROOT, "target", "newsdesk.jar")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(url):
    with urllib.request.urlopen(url, timeout=30) as r:
        return r.read().decode()


def ask(port, question):
    body = json.dumps({"question": question}).encode()
    request = urllib.request.Request(f"http://127.0.0.1:{port}/api/chat", data=body,
                                     headers={"Content-Type": "application/json"})
    started = time.perf_counter()
    with urllib.request.urlopen(request, timeout=30) as r:
        r.read()
    return (time.perf_counter() - started) * 1000


def round_trips(port):
    for line in get(f"http://127.0.0.1:{port}/metrics").splitlines():
        if line.startswith("newsdesk_store_round_trips_total"):
            return float(line.split()[-1])
    return 0.0


def serve(env, work):
    port = free_port()
    log = open(os.path.join(work, f"serve-{port}.log"), "w")
    process = subprocess.Popen(["java", "-Xmx512m", "-jar", JAR, "serve"], stdout=log, stderr=subprocess.STDOUT,
                               env={**env, "NEWSDESK_PORT": str(port),
                                    "NEWSDESK_CONVERSATIONS": os.path.join(work, f"conversations-{port}")})
    deadline = time.time() + 600
    while time.time() < deadline:
        try:
            if json.loads(get(f"http://127.0.0.1:{port}/health")).get("status") == "ok":
                return process, port
        except Exception:
            pass
        if process.poll() is not None:
            sys.exit(f"serve exited with {process.returncode}; see {log.name}")
        time.sleep(0.5)
    sys.exit("serve did not become ready in 10 minutes")


def measure(name, env, questions, rounds, work):
    process, port = serve(env, work)
    try:
        before = round_trips(port)
        millis = [ask(port, q) for _ in range(rounds) for q in questions]
        trips = (round_trips(port) - before) / len(millis)
    finally:
        process.terminate()
        process.wait()
    millis.sort()
    p50, p99 = statistics.median(millis), millis[min(len(millis) - 1, int(0.99 * len(millis)))]
    print(f"{name:10s} {len(millis)} answers: p50 {p50:.1f} ms, p99 {p99:.1f} ms, {trips:.1f} round trips each")
    return p50


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--corpus", default=os.path.join(ROOT, "seeds"))
    parser.add_argument("--questions", default=os.path.join(ROOT, "eval", "questions.jsonl"))
    parser.add_argument("--rounds", type=int, default=1, help="ask every question this many times")
    parser.add_argument("--index", help="a Lucene index already built from --corpus (bench --work keeps one)")
    args = parser.parse_args()
    if "OPENSEARCH_URL" not in os.environ:
        sys.exit("set OPENSEARCH_URL to the cluster to measure")
    questions = [json.loads(line)["question"] for line in open(args.questions) if line.strip()]
    work = tempfile.mkdtemp(prefix="newsdesk-served-")
    corpus = os.path.join(work, "corpus")
    shutil.copytree(args.corpus, corpus)
    prefix = f"served-{int(time.time())}"
    base = {**os.environ, "NEWSDESK_CORPUS": corpus, "NEWSDESK_INDEX": os.path.join(work, "index"),
            "OPENSEARCH_INDEX": prefix}
    if args.index:
        shutil.copytree(args.index, base["NEWSDESK_INDEX"])
    subprocess.run(["java", "-jar", JAR, "index"], env=base, check=True, stdout=subprocess.DEVNULL)
    subprocess.run(["java", "-jar", JAR, "index", "--store", "opensearch", "--copy-from", base["NEWSDESK_INDEX"]],
                   env=base, check=True, stdout=subprocess.DEVNULL)
    try:
        lucene = measure("lucene", {**base, "NEWSDESK_STORE": "lucene"}, questions, args.rounds, work)
        cluster = measure("opensearch", {**base, "NEWSDESK_STORE": "opensearch"}, questions, args.rounds, work)
        print(f"opensearch p50 / lucene p50: {cluster / lucene:.2f}x")
    finally:
        url = os.environ["OPENSEARCH_URL"].split(",")[0]
        urllib.request.urlopen(urllib.request.Request(f"{url}/{prefix}-*", method="DELETE"), timeout=30).read()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
