#!/usr/bin/env bash
# Load test of a running newsdesk server with wrk, every request a new conversation and a question not
# asked before (see load.lua): a warm-up (the JIT needs about a minute of traffic), then the two targets:
#   16 connections for 30 s: p99 <= 200 ms, every request answered;
#   64 connections for 30 s: every request answered within 2 s or refused at once with 503 + Retry-After,
#                            no other error.
# Prints PASS or FAIL for each and exits 1 when one failed.
# Start the server with a bounded heap, as the README does:
#   java -Xmx512m -jar target/newsdesk.jar serve
# Usage: src/test/load/load.sh [base-url]   (default http://127.0.0.1:7070; needs wrk: apt-get install wrk)
set -euo pipefail

url="${1:-http://127.0.0.1:7070}"
script="$(dirname "$0")/load.lua"
command -v wrk >/dev/null || { echo "load.sh: wrk is not installed (apt-get install -y wrk)" >&2; exit 2; }
curl -fsS "$url/health" >/dev/null || { echo "load.sh: $url/health is not 200; start the server and wait" >&2; exit 2; }

failed=0
run() { # connections, seconds, check, label
  echo "== $4: $1 connections, $2 s"
  # --timeout above the 2 s target, so a slow answer is measured rather than dropped as a timeout.
  out="$(wrk -t2 -c"$1" -d"$2"s --timeout 10s -s "$script" "$url" -- "$3")"
  echo "$out" | sed -n '/^answered:/,$p'
  if echo "$out" | grep -q '^FAIL'; then
    failed=1
  fi
}

run 16 60 none "warm-up"
run 16 30 p99 "16 connections"
run 64 30 shed "64 connections"
exit "$failed"
