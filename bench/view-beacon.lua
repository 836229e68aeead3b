-- wrk script for bench/view-ingestion.mjs: view beacons from many distinct simulated readers.
-- Usage: wrk -tT -s bench/view-beacon.lua <url> -- <articleId> <firstVisitor> <visitorsPerThread> <T>
-- Thread t (0-based) of T sends, in turn, visitors first + t + k*T for k = 0 … perThread-1, then
-- starts over (repeat views the same day, which must not count). A visitor is a distinct
-- X-Forwarded-For address (10.x.y.z from its number) with a browser user agent that varies too.
-- done() prints how many beacons each thread generated, so the caller knows which visitors were
-- sent: every one of them when each thread generated at least perThread beacons.

local threads = {}
local nextId = 0

function setup(thread)
  thread:set("id", nextId)
  nextId = nextId + 1
  table.insert(threads, thread)
end

function init(args)
  local path = "/views/" .. args[1]
  local first = tonumber(args[2])
  perThread = tonumber(args[3])
  -- Each thread runs in a Lua state of its own, copied before setup() counted the threads.
  local nthreads = tonumber(args[4])
  n = 0
  -- Every request is formatted once, up front: formatting per request made wrk, sharing the two
  -- cores with the server, the bottleneck of the measurement.
  requests = {}
  for k = 0, perThread - 1 do
    local v = first + id + k * nthreads
    local address = string.format("10.%d.%d.%d", math.floor(v / 65536) % 256,
      math.floor(v / 256) % 256, v % 256)
    local headers = {
      ["X-Forwarded-For"] = address,
      ["User-Agent"] = string.format(
        "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/%d.0 Safari/537.36",
        120 + v % 40),
    }
    -- As the page script sends a first view: a POST without a body.
    requests[k] = wrk.format("POST", path, headers, nil)
  end
end

function request()
  local r = requests[n % perThread]
  n = n + 1
  return r
end

function done(summary, latency, requests)
  for _, t in ipairs(threads) do
    io.write(string.format("beacon-thread %d generated %d\n", t:get("id"), t:get("n")))
  end
end
