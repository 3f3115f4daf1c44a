-- wrk prints this one line at the end of a run; `portal/bench/wrk.py` reads it.
-- Latencies are in microseconds; errors are connection errors and timeouts, non2xx the other
-- answers (a fast 404 or 500 must not pass for a fast page).
done = function(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format(
    "BENCH requests=%d duration_us=%d errors=%d non2xx=%d p50=%d p95=%d p99=%d\n",
    summary.requests, summary.duration,
    errors.connect + errors.read + errors.write + errors.timeout, errors.status,
    latency:percentile(50), latency:percentile(95), latency:percentile(99)
  ))
end
