#!/usr/bin/env bash
# Load test of a running newsdesk server (java -jar target/newsdesk.jar serve) with wrk:
# a warm-up (the JIT needs about a minute of traffic), then 16 connections for 30 s, then 64 for 30 s.
# Target: >= 300 answers/s at 16 connections with p99 <= 200 ms, and no errors at 64 connections.
# Usage: src/test/load/load.sh [base-url]   (default http://127.0.0.1:7070; needs wrk: apt-get install wrk)
set -euo pipefail

url="${1:-http://127.0.0.1:7070}"
script="$(dirname "$0")/load.lua"
command -v wrk >/dev/null || { echo "load.sh: wrk is not installed (apt-get install -y wrk)" >&2; exit 2; }
curl -fsS "$url/health" >/dev/null || { echo "load.sh: $url/health is not 200; start the server and wait" >&2; exit 2; }

failed=0
run() { # connections, seconds, label
  echo "== $3: $1 connections, $2 s"
  out="$(wrk -t2 -c"$1" -d"$2"s --timeout 10s -s "$script" "$url")"
  echo "$out" | tail -n 2
  errors="$(echo "$out" | awk '/^errors:/ {print $2}')"
  if [ "$3" != "warm-up" ] && [ "$errors" -ne 0 ]; then
    failed=1
  fi
  return 0
}

run 16 60 "warm-up"
run 16 30 "measure"
run 64 30 "measure"
exit "$failed"
