-- wrk script for newsdesk: POST /api/chat, each request a new conversation with a question no request
-- asked before (templates x subjects from the seed articles x a number), so that no cached question
-- embedding helps: every request is a first question from a new user.
-- Arguments (after --): the check to apply at the end, "p99" (p99 <= 200 ms, every request answered)
-- or "shed" (every request answered within 2 s or refused with 503 + Retry-After), or "none".
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"

local templates = {
  "What did %s say about Ukraine?",
  "What happened with %s last month?",
  "Who criticised %s?",
  "How far can %s travel?",
  "When did %s visit Kyiv?",
  "What did the articles report about %s?",
  "Why did %s warn Russia?",
  "How many weapons did %s mention?",
}
local subjects = {
  "Blinken", "Putin", "John Kirby", "Stoltenberg", "NATO", "the ATACMS missiles", "Crimea", "Kharkiv",
  "the United States", "Zelenskyy", "the Pentagon", "Russian forces", "the Biden administration",
  "American weapons", "the airfield", "Poland",
}

local threads = {}
local thread_id = 0

function setup(thread)
  thread_id = thread_id + 1
  thread:set("id", thread_id)
  table.insert(threads, thread)
end

function init(args)
  check = args[1] or "none"
  n = 0
  statuses = {}
  missing_retry_after = 0
end

request = function()
  n = n + 1
  local t = templates[(n % #templates) + 1]
  local s = subjects[(math.floor(n / #templates) % #subjects) + 1]
  local q = string.format(t, s) .. " (" .. id .. "-" .. n .. ")"
  return wrk.format(nil, "/api/chat", nil, '{"question": "' .. q .. '"}')
end

response = function(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
  if status == 503 and headers["Retry-After"] == nil then
    missing_retry_after = missing_retry_after + 1
  end
end

done = function(summary, latency, requests)
  -- done() runs in wrk's main Lua state: what init() and response() kept is read from the threads.
  local check = threads[1]:get("check")
  local counts = {}
  local missing = 0
  for _, thread in ipairs(threads) do
    for status, count in pairs(thread:get("statuses")) do
      counts[status] = (counts[status] or 0) + count
    end
    missing = missing + thread:get("missing_retry_after")
  end
  local answered, refused, other = counts[200] or 0, counts[503] or 0, 0
  for status, count in pairs(counts) do
    if status ~= 200 and status ~= 503 then other = other + count end
  end
  local e = summary.errors
  local socket = e.connect + e.read + e.write + e.timeout
  local p99, max = latency:percentile(99) / 1e3, latency.max / 1e3
  io.write(string.format("answered: %d (%.1f/s)  refused 503: %d  other statuses: %d  socket errors: %d"
    .. " (connect %d, read %d, write %d, timeout %d)\n", answered, answered / (summary.duration / 1e6), refused,
    other, socket, e.connect, e.read, e.write, e.timeout))
  io.write(string.format("latency p50: %.1f ms  p99: %.1f ms  max: %.1f ms\n", latency:percentile(50) / 1e3, p99, max))
  local failures = {}
  if check == "p99" then
    if p99 > 200 then table.insert(failures, string.format("p99 %.1f ms > 200 ms", p99)) end
    if refused + other + socket > 0 then table.insert(failures, "not every request answered") end
  elseif check == "shed" then
    if max > 2000 then table.insert(failures, string.format("max %.1f ms > 2 s", max)) end
    if missing > 0 then table.insert(failures, missing .. " refusals without Retry-After") end
    if other + socket > 0 then table.insert(failures, "errors other than 503") end
  end
  if check ~= "none" then
    io.write((#failures == 0 and "PASS" or "FAIL: " .. table.concat(failures, "; ")) .. "\n")
  end
end
