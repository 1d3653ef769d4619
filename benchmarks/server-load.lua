-- wrk script for benchmarks/server-load.sh: alternates the two reads (a round's summary
-- and a street's pairs list) with a clerk's session cookie, and prints the percentiles and
-- the count of answers that are not 200.
local cookie = os.getenv("MATCH_COOKIE")
local paths = { os.getenv("MATCH_SUMMARY_PATH"), os.getenv("MATCH_LIST_PATH") }
local counter = 0
local threads = {}

setup = function(thread)
  table.insert(threads, thread)
end

init = function(args)
  non200 = 0
end

request = function()
  counter = counter + 1
  return wrk.format("GET", paths[(counter % 2) + 1], { ["Cookie"] = cookie })
end

response = function(status, headers, body)
  if status ~= 200 then non200 = non200 + 1 end
end

done = function(summary, latency, requests)
  local bad = 0
  for _, thread in ipairs(threads) do bad = bad + thread:get("non200") end
  io.write(string.format("requests %d, errors %d (connect %d, read %d, write %d, timeout %d), non-200 %d\n",
    summary.requests, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.errors.connect, summary.errors.read, summary.errors.write, summary.errors.timeout, bad))
  io.write(string.format("latency ms: p50 %.2f, p90 %.2f, p99 %.2f, max %.2f\n",
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
