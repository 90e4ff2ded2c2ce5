#!/usr/bin/env bash
# HTTP benchmark of the search server (`pratiques serve`, issue 5), with Xapian Omega for comparison.
#
#   bash bench/http/run.sh            # N=10000 sheets, 60 s, 64 connections, wrk with 2 threads
#   N=2000 DURATION=20 bash bench/http/run.sh
#
# 1. corpus: N grid-conformant sheets of real French text (bench/gen-corpus.mjs) and QUERIES (5,000)
#    realistic queries (queries.tsv: words, words + facets, facets only); built once in bench/out/http/.
# 2. `pratiques index` of the corpus; the same text indexed for Omega by scriptindex (same fields,
#    weights and filter terms: bench/gen-corpus.mjs writes the index script and the dump).
# 3. the server on 127.0.0.1, wrk (Debian package) on the same machine, on /api/recherche
#    (bench/http/recherche.lua), CONNECTIONS connections:
#      a. "sans cache": --cache 0, cycling through all the queries: every request searches (the
#         library's own throughput); the server's CPU time per request is read from /proc;
#      b. the default configuration (result cache of 32 MB), from a cold cache, for DURATION
#         seconds, queries drawn with a Zipf law (rank k with probability ∝ 1/k, ZIPF_S): a few
#         frequent queries and a long tail, as in search logs; "Accept-Encoding: gzip", as browsers
#         and HTTP libraries send it. The cache's hit rate is reported; the server's resident
#         memory is sampled twice a second. The 5,000 queries hold ~3,900 distinct ones, which the
#         cache ends up holding all: after the cold start, nearly every request is a cache hit;
#      b2. the same with a long tail: LONGTAIL (50,000) queries of the same generator, ~29,000
#         distinct, more than the cache holds: a fifth of the requests search;
#      b3. completion: /api/suggestions on what a user has typed (the first 1 to 6 letters of each
#         query's first word), 20 s (aim: a completion under 5 ms end to end).
# 4. Omega's CGI (xapian-omega) on the same queries and corpus, by direct invocation (one process
#    per query, as a web server runs a CGI, without the web server's own cost): one runner per core
#    (bench/query-latency --mode omega), for about DURATION seconds.
# Results: bench/out/http/results-N.json and a summary on stdout (the README reports them).
set -euo pipefail
cd "$(dirname "$0")/../.."

N=${N:-10000}
DURATION=${DURATION:-60}
CONNECTIONS=${CONNECTIONS:-64}
WRK_THREADS=${WRK_THREADS:-2}
QUERIES=${QUERIES:-5000}
LONGTAIL=${LONGTAIL:-50000}
export ZIPF_S=${ZIPF_S:-1}
BUILD=${BUILD:-build}
PORT=${PORT:-8097}
OUT=bench/out/http
mkdir -p "$OUT"

for tool in wrk node scriptindex /usr/lib/cgi-bin/omega/omega; do
  command -v "$tool" >/dev/null || [ -x "$tool" ] || { echo "bench/http : $tool absent (bash tools/install-deps.sh)" >&2; exit 2; }
done
if [ ! -x "$BUILD/pratiques" ] || [ ! -x "$BUILD/bench/query-latency" ]; then
  cmake -S . -B "$BUILD" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DBUILD_TESTING=OFF >/dev/null
  cmake --build "$BUILD" -j"$(nproc)" --target pratiques query-latency
fi
BIN=$BUILD/pratiques

corpus=$OUT/corpus-$N
if [ ! -f "$corpus/corpus.json" ] || [ "$(grep -vc '^#' "$corpus/queries.tsv")" -lt "$QUERIES" ]; then
  echo "== corpus : $N fiches, $QUERIES requêtes (bench/gen-corpus.mjs)"
  node bench/gen-corpus.mjs --n "$N" --out "$corpus" --queries "$QUERIES" >/dev/null
fi
queries=$corpus/queries.tsv
index=$OUT/index-$N
# Every run: an index of this format and these schemas is left as it is (nothing changed), one of
# another is rebuilt. Built only when missing, an index of an older format made the server refuse to start.
echo "== pratiques index ($N fiches)"
/usr/bin/time -f "   %e s, %M Kio au plus" "$BIN" index --content "$corpus" --schemas schemas --out "$index" | tail -1
omega_db=$OUT/omega-$N
if [ ! -f "$omega_db/iamglass" ]; then
  echo "== scriptindex ($N fiches, pour Omega)"
  rm -rf "$omega_db"
  /usr/bin/time -f "   %e s" scriptindex -s french "$omega_db" "$corpus/omega/pratiques.script" "$corpus/omega/dump.txt" >/dev/null
fi

server_pid=""
stop_server() {
  if [ -n "$server_pid" ]; then
    kill -TERM "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
    server_pid=""
  fi
}
trap stop_server EXIT
start_server() {
  mkdir -p "$OUT/site"
  "$BIN" serve --index "$index" --site "$OUT/site" --donnees "$OUT/var" --port "$PORT" "$@" >"$OUT/serve.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 100); do
    curl -sf "http://127.0.0.1:$PORT/api/etat" >/dev/null 2>&1 && return 0
    sleep 0.1
  done
  echo "le serveur ne répond pas :" >&2
  cat "$OUT/serve.log" >&2
  exit 1
}
run_wrk() {  # seconds order(cycle|zipf) [extra wrk options…]; the queries of $queries on $endpoint
  local secs=$1 order=$2
  shift 2
  wrk -t"$WRK_THREADS" -c"$CONNECTIONS" -d"${secs}s" --latency "$@" -s bench/http/recherche.lua "http://127.0.0.1:$PORT" \
    -- "$queries" "${endpoint:-/api/recherche}" "$order" | sed -n 's/^wrk-json: //p'
}
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }  # user + system, in clock ticks
rss_kib() { awk '/^VmRSS/ {print $2}' "/proc/$1/status" 2>/dev/null || echo 0; }

model=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')
load_start=$(cut -d' ' -f1-3 /proc/loadavg)
echo "== machine : $(nproc) cœur(s), $model"
echo "== requêtes : $(grep -vc '^#' "$queries") (texte, texte + facettes, facettes seules)"

echo "== a. serveur sans cache (--cache 0), requêtes parcourues dans l'ordre : 30 s, $CONNECTIONS connexions"
start_server --cache 0
ticks0=$(cpu_ticks "$server_pid")
nocache=$(run_wrk 30 cycle --timeout 10s)
ticks1=$(cpu_ticks "$server_pid")
stop_server
echo "   $nocache"
tck=$(getconf CLK_TCK)

# The default configuration from a cold cache, queries drawn with a Zipf law from the file $1:
# prints the wrk JSON, then the server's /api/etat, then the resident memory at start and at most.
run_default() {
  rm -f "$OUT/var/pratiques.sqlite"*
  start_server
  local rss_start rss_max sampler result
  rss_start=$(rss_kib "$server_pid")
  ( while kill -0 "$server_pid" 2>/dev/null; do rss_kib "$server_pid"; sleep 0.5; done ) >"$OUT/rss.txt" &
  sampler=$!
  result=$(queries=$1 ACCEPT_GZIP=1 run_wrk "$DURATION" zipf)
  kill "$sampler" 2>/dev/null || true
  wait "$sampler" 2>/dev/null || true
  rss_max=$(sort -n "$OUT/rss.txt" | tail -1)
  echo "$result"
  curl -s "http://127.0.0.1:$PORT/api/etat"
  echo
  echo "$rss_start $rss_max"
  stop_server
}

echo "== b. configuration par défaut (cache de résultats), cache froid, loi de Zipf (S = $ZIPF_S) : $DURATION s, $CONNECTIONS connexions"
mapfile -t b < <(run_default "$queries")
cached=${b[0]} etat=${b[1]} rss_start=${b[2]% *} rss_max=${b[2]#* }
echo "   $cached"
echo "   mémoire résidente : $((rss_start / 1024)) Mio au démarrage, $((rss_max / 1024)) Mio au plus pendant la mesure"
logged=$(sqlite3 "$OUT/var/pratiques.sqlite" "SELECT COUNT(*) FROM search_log" 2>/dev/null || echo "?")
echo "   recherches journalisées : $logged"

longtail_dir=$OUT/longtail-$LONGTAIL
if [ ! -f "$longtail_dir/queries.tsv" ] || [ "$(grep -vc '^#' "$longtail_dir/queries.tsv")" -ne "$LONGTAIL" ]; then
  node bench/gen-corpus.mjs --n "$N" --out "$longtail_dir" --queries "$LONGTAIL" --only-queries
fi
distinct=$(grep -v '^#' "$longtail_dir/queries.tsv" | sort -u | wc -l)
echo "== b2. longue traîne : la même chose sur $LONGTAIL requêtes ($distinct distinctes) : $DURATION s"
mapfile -t b2 < <(run_default "$longtail_dir/queries.tsv")
longtail=${b2[0]} etat2=${b2[1]} rss2_max=${b2[2]#* }
echo "   $longtail"
echo "   mémoire résidente : $((rss2_max / 1024)) Mio au plus pendant la mesure"

echo "== b3. complétion (/api/suggestions, préfixes de 1 à 6 lettres des requêtes) : 20 s, $CONNECTIONS connexions"
start_server
completion=$(endpoint=/api/suggestions run_wrk 20 cycle)
stop_server
echo "   $completion"

echo "== c. Omega (CGI, invocation directe) : $(nproc) exécutant(s), ~$DURATION s"
nq=$(grep -vc '^#' "$queries")
# Calibrate: one pass over the queries, then enough repeats to last about DURATION seconds per runner.
one=$("$BUILD/bench/query-latency" --mode omega --omega-db "$omega_db" --queries "$queries" --repeat 1 --warmup 0 --json)
qps1=$(node -e "console.log(JSON.parse(process.argv[1]).qps)" "$one")
repeat=$(node -e "console.log(Math.max(1, Math.round($DURATION * $qps1 / $nq)))")
pids=()
for i in $(seq "$(nproc)"); do
  "$BUILD/bench/query-latency" --mode omega --omega-db "$omega_db" --queries "$queries" --repeat "$repeat" --warmup 0 --json \
    >"$OUT/omega-$i.json" &
  pids+=($!)
done
for p in "${pids[@]}"; do wait "$p"; done

machine=$(node -e 'console.log(JSON.stringify({model: process.argv[1], cores: +process.argv[2], mem_gb: Math.round(require("os").totalmem() / 2 ** 30),
  commit: process.argv[3], load_start: process.argv[4], load_end: process.argv[5], build: process.argv[6], omega: process.argv[7]}))' \
  "$model" "$(nproc)" "$(git rev-parse --short HEAD 2>/dev/null || echo '?')$(git diff --quiet HEAD -- . ':!bench' ':!README.md' ':!docs' 2>/dev/null || echo '+modifs')" \
  "$load_start" "$(cut -d' ' -f1-3 /proc/loadavg)" "$BUILD" "$(dpkg-query -W -f '${Version}' xapian-omega 2>/dev/null || echo '?')")
node - "$OUT" "$N" "$DURATION" "$CONNECTIONS" "$nocache" "$cached" "$rss_start" "$rss_max" "$etat" "$(nproc)" "$logged" \
  "$(( (ticks1 - ticks0) * 1000 / tck ))" "$ZIPF_S" "$longtail" "$etat2" "$rss2_max" "$LONGTAIL" "$distinct" "$completion" "$machine" "$QUERIES" <<'JS'
const fs = require("fs");
const [out, n, duration, connections, nocache, cached, rssStart, rssMax, etat, cores, logged, cpuMs, zipfS, longtail, etat2, rss2Max,
  longtailQueries, distinct, completionJson, machine, queryCount] = process.argv.slice(2);
const omegaRuns = fs.readdirSync(out).filter((f) => /^omega-\d+\.json$/.test(f)).map((f) => JSON.parse(fs.readFileSync(`${out}/${f}`, "utf8")));
const omega = {
  runners: omegaRuns.length,
  requests: omegaRuns.reduce((s, r) => s + r.runs, 0),
  rps: omegaRuns.reduce((s, r) => s + r.qps, 0),
  p50_ms: Math.max(...omegaRuns.map((r) => r.p50_ms)),
  p99_ms: Math.max(...omegaRuns.map((r) => r.p99_ms)),
};
const c = JSON.parse(cached), u = JSON.parse(nocache), l = JSON.parse(longtail), completion = JSON.parse(completionJson);
const state = JSON.parse(etat), state2 = JSON.parse(etat2);
const hits = (st) => st.cache_succes / Math.max(1, st.cache_succes + st.cache_echecs);
const hitRate = hits(state);
const errors = (w) => Object.values(w.errors).reduce((a, b) => a + b, 0);
const results = {
  date: new Date().toISOString(), sheets: +n, cores: +cores, connections: +connections, duration_s: +duration,
  queries: +queryCount, machine: JSON.parse(machine),
  server_default_zipf: { ...c, errors_total: errors(c), zipf_s: +zipfS, cache_hit_rate: hitRate,
    rss_mib_start: Math.round(rssStart / 1024), rss_mib_max: Math.round(rssMax / 1024) },
  server_default_longtail: { ...l, errors_total: errors(l), zipf_s: +zipfS, queries: +longtailQueries, distinct_queries: +distinct,
    cache_hit_rate: hits(state2), rss_mib_max: Math.round(rss2Max / 1024) },
  server_uncached: { ...u, errors_total: errors(u), cpu_ms_per_request: +cpuMs / u.requests },
  completion: { ...completion, errors_total: errors(completion) },
  omega, ratio_default: c.rps / omega.rps, ratio_longtail: l.rps / omega.rps, ratio_uncached: u.rps / omega.rps,
  searches_logged: logged, server_state: state,
};
fs.writeFileSync(`${out}/results-${n}.json`, JSON.stringify(results, null, 2) + "\n");
const f = (x, d = 1) => Number(x).toFixed(d);
console.log(`
| ${n} fiches, ${cores} cœurs, ${connections} connexions | requêtes/s | p50 | p99 | erreurs | mémoire |
|---|---|---|---|---|---|
| pratiques serve, configuration par défaut, Zipf S = ${zipfS} (${duration} s, ${f(100 * hitRate, 1)} % servies par le cache) | ${f(c.rps, 0)} | ${f(c.latency_ms.p50)} ms | ${f(c.latency_ms.p99)} ms | ${errors(c)} | ${Math.round(rssMax / 1024)} Mio au plus |
| longue traîne : ${longtailQueries} requêtes (${distinct} distinctes), même loi (${f(100 * hits(state2), 1)} % servies par le cache) | ${f(l.rps, 0)} | ${f(l.latency_ms.p50)} ms | ${f(l.latency_ms.p99)} ms | ${errors(l)} | ${Math.round(rss2Max / 1024)} Mio au plus |
| pratiques serve sans cache (30 s ; ${f(results.server_uncached.cpu_ms_per_request, 2)} ms de CPU serveur par requête) | ${f(u.rps, 0)} | ${f(u.latency_ms.p50)} ms | ${f(u.latency_ms.p99)} ms | ${errors(u)} | |
| complétion, /api/suggestions (20 s, préfixes de 1 à 6 lettres) | ${f(completion.rps, 0)} | ${f(completion.latency_ms.p50)} ms | ${f(completion.latency_ms.p99)} ms | ${errors(completion)} | |
| Omega CGI, ${omega.runners} exécutants | ${f(omega.rps, 0)} | ${f(omega.p50_ms)} ms | ${f(omega.p99_ms)} ms | | |

Rapport pratiques / Omega : ${f(results.ratio_default)} × (configuration par défaut), ${f(results.ratio_longtail)} × (longue traîne), ${f(results.ratio_uncached)} × (sans cache).
Résultats : ${out}/results-${n}.json`);
const met = (w, rss) => w.rps >= 2000 && w.latency_ms.p99 <= 50 && errors(w) === 0 && rss / 1024 < 200;
const ok = met(c, rssMax) && met(l, rss2Max);
console.log(ok ? "Objectif atteint sur les deux mélanges (≥ 2 000 req/s, p99 ≤ 50 ms, 0 erreur, < 200 Mio)." : "Objectif NON atteint.");
JS
