-- wrk script: one GET with a bearer token; prints p50/p95/p99 and the answers that were not 200.
-- Usage: wrk ... -s get.lua <url> -- <token> [<first day> <days>]
-- With a first day (YYYY-MM-DD) and a number of days, every request adds asOf=<a random one of those days> to the
-- URL, so that hardly two requests ask the same day: the query-service's kept answers miss, as they do under writes.
local token, first_day, days
local non200 = 0
local thread_list = {}

function setup(thread)
  table.insert(thread_list, thread)
end

function init(args)
  token = args[1]
  wrk.headers["Authorization"] = "Bearer " .. token
  if args[2] then
    local y, m, d = args[2]:match("(%d+)-(%d+)-(%d+)")
    first_day = os.time({year = tonumber(y), month = tonumber(m), day = tonumber(d), hour = 12})
    days = tonumber(args[3])
    math.randomseed(os.time() + (tonumber(tostring({}):sub(8)) or 0))
  end
end

function request()
  local path = wrk.path
  if days then
    local separator = path:find("?", 1, true) and "&" or "?"
    path = path .. separator .. "asOf=" .. os.date("%Y-%m-%d", first_day + math.random(0, days - 1) * 86400)
  end
  return wrk.format(nil, path)
end

function response(status, headers, body)
  if status ~= 200 then
    non200 = non200 + 1
  end
end

function done(summary, latency, requests)
  local failed = 0
  for _, t in ipairs(thread_list) do
    failed = failed + (t:get("non200") or 0)
  end
  io.write(string.format("RESULT requests=%d seconds=%.2f rate=%.1f p50_ms=%.1f p95_ms=%.1f p99_ms=%.1f max_ms=%.1f non200=%d bytes_per_answer=%d\n",
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000, failed, summary.requests > 0 and math.floor(summary.bytes / summary.requests) or 0))
end
