-- wrk script: POST the bytes of the file named by BENCH_BODY to the URL under test, and print
-- one machine-readable line at the end for bench/run:
--   BENCH_RESULT {"requests":N,"duration_us":N,"errors":N,"non2xx":N,"min_us":N,"p50_us":N,...}
-- Any non-2xx answer counts as an error (wrk's summary.errors.status).
local path = os.getenv("BENCH_BODY")
local f = assert(io.open(path, "rb"), "BENCH_BODY must name a readable file")
wrk.method = "POST"
wrk.body = f:read("*a")
f:close()
wrk.headers["Content-Type"] = "application/json"
-- BENCH_INVOCATION_TYPE=Event: asynchronous invokes (answered 202 once journaled)
local invocation = os.getenv("BENCH_INVOCATION_TYPE")
if invocation and invocation ~= "" then
  wrk.headers["X-Amz-Invocation-Type"] = invocation
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'BENCH_RESULT {"requests":%d,"duration_us":%d,"errors":%d,"non2xx":%d,' ..
    '"min_us":%d,"p50_us":%d,"p90_us":%d,"p99_us":%d,"max_us":%d,"mean_us":%.1f}\n',
    summary.requests, summary.duration, e.connect + e.read + e.write + e.timeout, e.status,
    latency.min, latency:percentile(50), latency:percentile(90), latency:percentile(99),
    latency.max, latency.mean))
end
