-- wrk script for the search server benchmark (bench/http/run.sh): cycles through real queries
-- with facets (queries.tsv written by bench/gen-corpus.mjs: "words<TAB>facet=value&facet=value"),
-- each thread from its own offset, on /api/recherche by default.
--   wrk -t2 -c64 -d60s --latency -s bench/http/recherche.lua http://127.0.0.1:8080 -- QUERIES [PATH]
-- Prints one JSON line at the end ("wrk-json: {...}") for run.sh.

local paths = {}
local counter = 0
local thread_offset = 0
local threads = {}

local function encode(s)
  return (s:gsub("[^%w%-%._~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

local function load(file, endpoint)
  local list = {}
  for line in io.lines(file) do
    if line ~= "" and line:sub(1, 1) ~= "#" then
      local words, filters = line:match("^([^\t]*)\t?(.*)$")
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
  paths = load(file, endpoint)
  if #paths == 0 then error("aucune requête dans " .. tostring(file)) end
  thread_offset = math.floor((thread_index or 0) * #paths / 7)
end

function request()
  counter = counter + 1
  local path = paths[((counter + thread_offset) % #paths) + 1]
  return wrk.format("GET", path, { ["Accept"] = "application/json" })
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
