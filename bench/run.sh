#!/usr/bin/env bash
# The whole performance benchmark in one command (docs/performance.md): builds Release, generates
# 10,000- and 30,000-sheet corpora, measures full index throughput on one core against Omega's
# scriptindex on the same text, one-sheet incremental re-index at 30,000 sheets, query latency at
# 10,000 and 30,000 sheets with all facets (against the Omega CGI), peak memory; writes
# bench/out/results.md (and results.json).
#
#   bench/run.sh [--sizes "10000 30000"] [--seed 1] [--repeat 5] [--omega30k]
#
# Two cores are used, each measurement pinned to one core (taskset): the largest full build on
# core 0 while core 1 runs the smallest full build, scriptindex on the same text and the small
# query runs, so that the whole run stays under ~15 minutes on two cores. --omega30k also runs
# scriptindex and the Omega queries at the largest size (about 15 more minutes).
# Machines are noisy: compare the ratios of one run, not absolute figures across runs.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

sizes="10000 30000"
seed=1
repeat=5
omega30k=0
while (($#)); do
  case "$1" in
    --sizes) sizes="$2"; shift 2 ;;
    --seed) seed="$2"; shift 2 ;;
    --repeat) repeat="$2"; shift 2 ;;
    --omega30k) omega30k=1; shift ;;
    -h|--help) sed -n '2,15p' "$0"; exit 0 ;;
    *) echo "run.sh : option inconnue $1" >&2; exit 2 ;;
  esac
done
read -r -a size_list <<< "$sizes"
small=${size_list[0]}
large=${size_list[${#size_list[@]}-1]}

out="$root/bench/out"
res="$out/results"
build="$root/build-bench"
rm -rf "$res"
mkdir -p "$res"
pratiques="$build/pratiques"
latency="$build/bench/query-latency"
omega_cgi=/usr/lib/cgi-bin/omega/omega
for tool in taskset /usr/bin/time scriptindex node "$omega_cgi"; do
  command -v "$tool" >/dev/null || { echo "run.sh : $tool introuvable (tools/install-deps.sh)" >&2; exit 2; }
done
cores=$(nproc)
core_b=1
((cores >= 2)) || core_b=0
log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*"; }
t_start=$(date +%s)

# /usr/bin/time format shared by every measurement: wall, user, sys (s), peak RSS (KB).
timed() {  # timed FILE CORE COMMAND... : runs pinned to CORE, appends "wall user sys rss" to FILE
  local file=$1 core=$2
  shift 2
  taskset -c "$core" /usr/bin/time -o "$file.time" -f '%e %U %S %M' "$@"
  cat "$file.time" >> "$file"
  rm -f "$file.time"
}

# (a) Release build.
log "construction Release ($build)"
cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF > "$res/build.log"
cmake --build "$build" -j"$cores" --target pratiques query-latency >> "$res/build.log"
{
  echo "machine=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //')"
  echo "nproc=$cores"
  echo "mem=$(free -g | awk '/^Mem:/{print $2}') Go"
  echo "kernel=$(uname -r)"
  echo "load=$(cut -d' ' -f1-3 /proc/loadavg)"
  echo "xapian=$(scriptindex --version | head -1)"
  echo "commit=$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo '?')$(git -C "$root" diff --quiet 2>/dev/null || echo '+modifs')"
  echo "date=$(date -Iseconds)"
} > "$res/machine.txt"

# (b) Corpora (deterministic for a seed: reused when the generator has not changed).
gen() {
  local n=$1 dir="$out/corpus-$1"
  if [ -f "$dir/corpus.json" ] && [ "$dir/corpus.json" -nt "$root/bench/gen-corpus.mjs" ] &&
     grep -q "\"seed\": $seed," "$dir/corpus.json"; then
    log "corpus $n : déjà généré"
  else
    log "corpus $n : génération"
    node "$root/bench/gen-corpus.mjs" --n "$n" --out "$dir" --seed "$seed" > /dev/null
  fi
}
node "$root/bench/gen-corpus.mjs" --n 1 --out "$out/corpus-pool" --seed "$seed" > /dev/null  # fills the text cache once
pids=()
for n in "${size_list[@]}"; do gen "$n" & pids+=($!); done
for p in "${pids[@]}"; do wait "$p"; done
for n in "${size_list[@]}"; do cp "$out/corpus-$n/corpus.json" "$res/corpus-$n.json"; done
log "validation du corpus $small"
"$pratiques" check --schemas "$root/schemas" "$out/corpus-$small" | tail -1 | tee "$res/check-$small.txt"

# (c) Full index, one core; (d) scriptindex on the same text, on the other core at the same time.
full_index() {  # full_index N CORE
  local n=$1 core=$2
  rm -rf "$out/index-$n" "$out/index-$n.d"
  log "pratiques index --complet, $n fiches (cœur $core)"
  timed "$res/index-$n.txt" "$core" "$pratiques" index --complet --content "$out/corpus-$n" --schemas "$root/schemas" \
    --out "$out/index-$n" > "$res/index-$n.log"
  du -sk "$out/index-$n.d" | cut -f1 > "$res/index-$n.size"
}
scriptindex_run() {  # scriptindex_run N CORE [FLUSH] : as shipped, or flushing every FLUSH documents like pratiques
  local n=$1 core=$2 flush=${3:-}
  local name="scriptindex-$n" db="$out/omega-$n"
  if [ -n "$flush" ]; then name="scriptindex-flush-$n"; db="$out/omega-flush-$n"; fi
  rm -rf "$db"
  log "scriptindex${flush:+ (XAPIAN_FLUSH_THRESHOLD=$flush)}, $n fiches (cœur $core)"
  if [ -n "$flush" ]; then export XAPIAN_FLUSH_THRESHOLD=$flush; fi
  timed "$res/$name.txt" "$core" scriptindex -s french --overwrite "$db" \
    "$out/corpus-$n/omega/pratiques.script" "$out/corpus-$n/omega/dump.txt" > "$res/$name.log"
  unset XAPIAN_FLUSH_THRESHOLD
  du -sk "$db" | cut -f1 > "$res/$name.size"
  if [ -n "$flush" ]; then rm -rf "$db"; fi
}
queries() {  # queries N CORE [nomega] : in process (the target), then one process per query (pratiques, Omega)
  local n=$1 core=$2
  local q="$out/corpus-$n/queries.tsv"
  log "latence des requêtes, $n fiches (cœur $core)"
  timed "$res/rss-query-$n.txt" "$core" "$latency" --index "$out/index-$n" --queries "$q" --repeat "$repeat" \
    --label "$n" --json > "$res/query-$n.json"
  taskset -c "$core" "$latency" --mode cli --pratiques "$pratiques" --index "$out/index-$n" --queries "$q" --repeat 1 \
    --label "$n" --json > "$res/query-cli-$n.json"
  if [ "${3:-}" != nomega ] && [ -d "$out/omega-$n" ]; then queries_omega "$n" "$core"; fi
}
queries_omega() {  # queries_omega N CORE
  local n=$1 core=$2
  log "latence des requêtes, Omega CGI, $n fiches (cœur $core)"
  taskset -c "$core" "$latency" --mode omega --omega "$omega_cgi" --omega-db "$out/omega-$n" --queries "$out/corpus-$n/queries.tsv" \
    --repeat 1 --label "$n" --json > "$res/query-omega-$n.json"
}

# Core 0: the largest full build (the longest step), then the steps that need it (below).
# Core 1 meanwhile: the small full build, scriptindex on the same text, the small query runs.
if [ "$large" != "$small" ]; then
  full_index "$large" 0 &
  p1=$!
fi
(
  full_index "$small" "$core_b"
  scriptindex_run "$small" "$core_b"
  queries "$small" "$core_b"
  scriptindex_run "$small" "$core_b" 200  # same Xapian batch size as pratiques (kFlushEvery)
  if ((omega30k)) && [ "$large" != "$small" ]; then scriptindex_run "$large" "$core_b"; fi
) &
p2=$!
if [ "$large" != "$small" ]; then wait $p1; else wait $p2; fi

# (e) One-sheet incremental re-index at the largest size: the first run after a full build copies
# the current generation (no older generation to bring up to date yet); the next ones update the
# previous generation in place. Median of $repeat runs.
sheet=$(ls "$out/corpus-$large/fiches" | sed -n 137p)
backup="$res/incremental-sheet.md"
cp "$out/corpus-$large/fiches/$sheet" "$backup"
for i in $(seq 0 "$repeat"); do
  printf '\nModification %s du banc d essai : une phrase ajoutée pour mesurer la réindexation.\n' "$i" \
    >> "$out/corpus-$large/fiches/$sheet"
  file="$res/incremental-$large.txt"
  ((i == 0)) && file="$res/incremental-first-$large.txt"
  log "réindexation incrémentale $i, $large fiches"
  timed "$file" 0 "$pratiques" index --content "$out/corpus-$large" --schemas "$root/schemas" --out "$out/index-$large" \
    >> "$res/incremental-$large.log"
done
cp "$backup" "$out/corpus-$large/fiches/$sheet"  # the corpus stays as generated (the index is one edit ahead)

# (f) Query latency at the largest size (Omega: once scriptindex is done on core 1).
if [ "$large" != "$small" ]; then
  queries "$large" 0 nomega
  wait $p2
  if ((omega30k)); then queries_omega "$large" 0; fi
fi

# (g) The report.
elapsed=$(( $(date +%s) - t_start ))
echo "$elapsed" > "$res/elapsed.txt"
node "$root/bench/report.mjs" "$res" "$sizes" > "$out/results.md"
log "terminé en ${elapsed} s : $out/results.md"
cat "$out/results.md"
