-- wrk script for the search server benchmark (bench/http/run.sh): real queries with facets
-- (queries.tsv written by bench/gen-corpus.mjs: "words<TAB>facet=value&facet=value"), on
-- /api/recherche by default (on /api/suggestions, the prefix of each query's first word that a user
-- has typed when completion is asked), in one of two orders:
--   cycle (default): each thread goes through the list from its own offset (every query as often);
--   zipf: the query of rank k is drawn with probability proportional to 1/k^S (S = 1 by default,
--         env ZIPF_S), as in real search logs: a few frequent queries and a long tail.
-- ACCEPT_GZIP=1 adds "Accept-Encoding: gzip" to every request.
--   wrk -t2 -c64 -d60s --latency -s bench/http/recherche.lua http://127.0.0.1:8080 -- QUERIES [PATH] [cycle|zipf]
-- Prints one JSON line at the end ("wrk-json: {...}") for run.sh.

local paths = {}
local order = "cycle"
local cumulative = {}  -- zipf: cumulative weights of ranks 1..n
local counter = 0
-- ACCEPT_GZIP=1: ask for gzip, as browsers and HTTP libraries do.
local headers = { ["Accept"] = "application/json" }
if os.getenv("ACCEPT_GZIP") == "1" then headers["Accept-Encoding"] = "gzip" end
local thread_offset = 0
local threads = {}

local function encode(s)
  return (s:gsub("[^%w%-%._~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

-- What a user has typed when completion is asked: the first 1 to 6 bytes of the query's first
-- word (n-th line: 1 + n % 6), never cutting a UTF-8 character.
local function typed_prefix(words, n)
  local word = (words or ""):match("^%s*(%S+)") or ""
  local k = math.min(#word, 1 + n % 6)
  while k < #word and word:byte(k + 1) >= 0x80 and word:byte(k + 1) < 0xC0 do k = k + 1 end
  return word:sub(1, k)
end

local function load(file, endpoint)
  local list = {}
  for line in io.lines(file) do
    if line ~= "" and line:sub(1, 1) ~= "#" then
      local words, filters = line:match("^([^\t]*)\t?(.*)$")
      if endpoint == "/api/suggestions" then words, filters = typed_prefix(words, #list), "" end
      local qs = "q=" .. encode(words or "")
      for pair in (filters or ""):gmatch("[^&]+") do
        local k, v = pair:match("^([^=]+)=(.*)$")
        if k then qs = qs .. "&" .. encode(k) .. "=" .. encode(v) end
      end
      list[#list + 1] = endpoint .. "?" .. qs
    end
  end
  return list
end

function setup(thread)
  thread:set("thread_index", #threads)
  threads[#threads + 1] = thread
end

function init(args)
  local file = args[1] or os.getenv("QUERIES")
  local endpoint = args[2] or "/api/recherche"
  order = args[3] or "cycle"
  paths = load(file, endpoint)
  if #paths == 0 then error("aucune requête dans " .. tostring(file)) end
  thread_offset = math.floor((thread_index or 0) * #paths / 7)
  if order == "zipf" then
    local s = tonumber(os.getenv("ZIPF_S") or "1")
    local total = 0
    for k = 1, #paths do
      total = total + 1 / k ^ s
      cumulative[k] = total
    end
    math.randomseed(os.time() + (thread_index or 0) * 7919)
  end
end

local function zipf_index()
  local x = math.random() * cumulative[#cumulative]
  local lo, hi = 1, #cumulative
  while lo < hi do
    local mid = math.floor((lo + hi) / 2)
    if cumulative[mid] < x then lo = mid + 1 else hi = mid end
  end
  return lo
end

function request()
  counter = counter + 1
  local path
  if order == "zipf" then path = paths[zipf_index()]
  else path = paths[((counter + thread_offset) % #paths) + 1] end
  return wrk.format("GET", path, headers)
end

function done(summary, latency, requests)
  local secs = summary.duration / 1e6
  local e = summary.errors
  local non2xx = e.status or 0
  io.write(string.format(
    'wrk-json: {"requests":%d,"seconds":%.3f,"rps":%.1f,"bytes":%d,' ..
    '"latency_ms":{"mean":%.3f,"p50":%.3f,"p90":%.3f,"p99":%.3f,"p999":%.3f,"max":%.3f},' ..
    '"errors":{"connect":%d,"read":%d,"write":%d,"timeout":%d,"status":%d}}\n',
    summary.requests, secs, summary.requests / secs, summary.bytes,
    latency.mean / 1000, latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
    latency:percentile(99.9) / 1000, latency.max / 1000,
    e.connect, e.read, e.write, e.timeout, non2xx))
end
