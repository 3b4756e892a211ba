-- wrk script: status changes spread over many pre-registered projects (ids BE-1 .. BE-<projects>).
-- Usage: wrk ... -s status-changes.lua <url> -- <token> <projects>
-- Prints p50/p99 latency and the answers that were not 201 (conflicts, errors) at the end.
local token, projects
local statuses = {
  '{"status":"IN_PROGRESS","progressPercent":%d,"note":"%d %% TEHTY"}',
  '{"status":"INVESTIGATING","note":"SELVITETÄÄN vaihtoehtoja %d/%d"}',
  '{"status":"PLANNED","scheduledFor":"2027-Q%d","note":"TOTEUTUS %d"}',
  '{"status":"WAITING","note":"ODOTTAA hankintaa %d/%d"}',
}
local counter = 0
local non201 = 0
local thread_list = {}

function setup(thread)
  table.insert(thread_list, thread)
end

function init(args)
  token = args[1]
  projects = tonumber(args[2])
  math.randomseed(os.time() + (tonumber(tostring({}):sub(8)) or 0))
end

function request()
  counter = counter + 1
  local id = "BE-" .. math.random(projects)
  local kind = math.random(#statuses)
  local n = math.random(1, 4)
  if kind == 1 then n = math.random(0, 100) end
  local body = string.format(statuses[kind], n, n)
  return wrk.format("POST", "/api/projects/" .. id .. "/status-changes",
                    {["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/json"}, body)
end

function response(status, headers, body)
  if status ~= 201 then
    non201 = non201 + 1
  end
end

function done(summary, latency, requests)
  local failed = 0
  for _, t in ipairs(thread_list) do
    failed = failed + (t:get("non201") or 0)
  end
  io.write(string.format("RESULT requests=%d seconds=%.2f rate=%.1f p50_ms=%.2f p99_ms=%.2f max_ms=%.2f non201=%d socket_errors=%d\n",
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000, failed,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
