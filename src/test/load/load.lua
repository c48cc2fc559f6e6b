-- wrk script for newsdesk: POST /api/chat with questions taken in turn from a small set, each
-- request a new conversation (no "conversation" field), as first questions from many users are.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"

local questions = {
  "What did Blinken say about Ukraine using American weapons?",
  "What did Putin warn about?",
  "What did John Kirby say?",
  "Where will Blinken travel next?",
  "Who is the NATO secretary general?",
  "What did Stoltenberg say about restrictions on weapons?",
  "Which weapons has the US given Ukraine?",
  "What is the capital of Australia?",
}

local bodies = {}
for i, q in ipairs(questions) do
  bodies[i] = '{"question": "' .. q .. '"}'
end

local n = 0
request = function()
  n = n + 1
  return wrk.format(nil, "/api/chat", nil, bodies[(n % #bodies) + 1])
end

-- wrk counts only socket errors and non-2xx/3xx statuses; report them plainly at the end.
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("answers/s: %.1f  p50: %.1f ms  p99: %.1f ms  max: %.1f ms\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1e3,
    latency:percentile(99) / 1e3, latency.max / 1e3))
  io.write(string.format("errors: %d (connect %d, read %d, write %d, timeout %d, non-2xx %d)\n",
    e.connect + e.read + e.write + e.timeout + e.status, e.connect, e.read, e.write, e.timeout, e.status))
end
