-- wrk script for benchmarks/load.sh: spreads requests over the users whose cookies are in
-- $LOAD_COOKIES (one Cookie header value per line), each thread walking them from its own offset.
-- Every NEW_EVERY-th request carries no cookie (a new visitor), so new sessions keep arriving and
-- the sender always has updates to deliver. Requests carry a browser's User-Agent.
-- Prints one machine-readable RESULT line at the end.

local path = os.getenv("LOAD_PATH") or "/app/hello"
local file = os.getenv("LOAD_COOKIES")
local new_every = tonumber(os.getenv("LOAD_NEW_EVERY") or "100")
local agent = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36"

local threads = 0
function setup(thread)
  thread:set("offset", threads * 4999)
  threads = threads + 1
end

function init(args)
  local cookies = {}
  for line in io.lines(file) do
    cookies[#cookies + 1] = line
  end
  requests = {}
  for k = 1, #cookies do
    if new_every > 0 and k % new_every == 0 then
      requests[k] = wrk.format("GET", path, { ["User-Agent"] = agent })
    else
      requests[k] = wrk.format("GET", path, { ["Cookie"] = cookies[k], ["User-Agent"] = agent })
    end
  end
  count = #requests
  index = (offset or 0) % count
end

function request()
  index = index + 1
  if index > count then
    index = 1
  end
  return requests[index]
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "RESULT requests=%d duration_us=%d rps=%.1f p50_us=%d p90_us=%d p99_us=%d max_us=%d errors=%d\n",
    summary.requests, summary.duration, summary.requests / summary.duration * 1e6,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max,
    e.connect + e.read + e.write + e.status + e.timeout))
end
