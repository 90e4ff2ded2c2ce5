#!/usr/bin/env bash
# The indexing and query benchmark in one command (docs/performance.md, issue 12). Builds Release,
# generates the corpora (bench/gen-corpus.mjs, deterministic per seed), then, one measurement after
# the other so that the ratios of one run share the same footing, at the smallest size (at every
# size with --every-size):
#   - full index with one thread pinned to one core (`taskset -c 0 pratiques index --complet --taches 1`),
#     with every core (`pratiques index --complet --taches $(nproc)`, not pinned), and Omega's
#     scriptindex on the same text (single-threaded, pinned to the same core): wall, CPU, sheets/s,
#     peak RSS, index size; scriptindex also with the flush batch of pratiques at the smallest size;
#   - the two pratiques indexes compared on the bench queries (bench/compare-hits.mjs: same match
#     count, facets and first page, up to exact ties);
#   - query latency in process (and per process, and the Omega CGI, at the smallest size);
# at the larger sizes, the full index on every core and the query latency in process; at the
# largest size, the one-sheet publication in place: one sheet edited, `pratiques index`
# (the first run after the full build, then the median and p95 of --publications runs); with
# --100k, at 100,000 sheets (--big-size N for another size, e.g. 2000 to try the step quickly), one
# after the other, each with wall, CPU and peak RSS from /usr/bin/time: `pratiques check` of the
# corpus, the full index on every core (peak RSS: target ≤ 1 GB), `pratiques build` of the site from
# that index, then what a user would run today for a searchable static site from the same Markdown:
# Hugo (bench/site/hugo/, not pinned, Hugo's default workers on every core) and Pagefind (npm
# `pagefind`, `pagefind --site` on Hugo's output, every core). Pratiques = check + index + site (sum of
# walls, max of peak RSS) against Hugo + Pagefind (the same); target: faster, at ≤ 1/4 of their
# peak memory (issue 12). Hugo took 3.1 GB at 10,000 sheets: Hugo and Pagefind run under an RSS
# watchdog (the RSS of the process tree, polled every second; BENCH_RSS_LIMIT_KB, default 20 GB)
# that kills them above it, so that the kernel's OOM killer does not pick another process of the
# machine; a failure or a kill is recorded (exit status, wall, peak RSS until then) and reported
# ("Hugo n'a pas abouti"), the run goes on. (No cgroup for this: the machine has cgroup v1, whose
# memory group belongs to the host, and systemd is not PID 1, so no `systemd-run -p MemoryMax`.)
# PRATIQUES_BIN=path skips the Release build and uses that binary (enough for --only-100k).
# Writes bench/out/results.md and bench/out/results.json; `node bench/readme.mjs` then rewrites the
# README's generated block from them.
#
#   bench/run.sh [--sizes "10000 30000"] [--seed 1] [--repeat 3] [--publications 20] [--comparer 400]
#                [--every-size] [--omega-large] [--100k] [--only-100k] [--only-publication] [--only-queries]
#                [--only-index] [--big-size N]
#
# --every-size measures one core, scriptindex and the comparison at every size (on 2 loaded cores,
# about 40 more minutes at 30,000 sheets); --omega-large also runs the Omega queries at the larger sizes; --only-100k runs the 100,000-sheet
# step alone and adds it to the results already in bench/out/results/ (or starts them); --only-publication and
# --only-queries measure again, on the indexes and corpora of that run, the one-sheet publication
# and the query latencies (after a change to either), replacing those figures (machine.txt records
# the command, commit and load of each such run); --only-index measures again, back to back, the
# full indexes of the smallest size (one core, every core, scriptindex both ways) and compares them,
# on its corpus of that run (after a change to indexing, or on a quieter machine).
# The load average is recorded before every measurement: machines are noisy, compare the ratios
# of one run, not absolute figures across runs. Every measurement starts after a `sync`: the
# one-core index leaves ~600 MB unwritten, which the kernel otherwise writes back during the next.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

command_line="bench/run.sh$(printf ' %q' "$@")"
sizes="10000 30000"
seed=1
repeat=3
publications=20
compare=400
omega_large=0
every=0
big=0
only_big=0
only_publication=0
only_queries=0
only_index=0
big_size=100000
while (($#)); do
  case "$1" in
    --sizes) sizes="$2"; shift 2 ;;
    --seed) seed="$2"; shift 2 ;;
    --repeat) repeat="$2"; shift 2 ;;
    --publications) publications="$2"; shift 2 ;;
    --comparer) compare="$2"; shift 2 ;;
    --every-size) every=1; shift ;;
    --omega-large|--omega30k) omega_large=1; shift ;;
    --100k) big=1; shift ;;
    --only-100k) big=1; only_big=1; shift ;;
    --only-publication) only_publication=1; shift ;;
    --only-queries) only_queries=1; shift ;;
    --only-index) only_index=1; shift ;;
    --big-size) big_size="$2"; shift 2 ;;
    -h|--help) sed -n '2,39p' "$0"; exit 0 ;;
    *) echo "run.sh : option inconnue $1" >&2; exit 2 ;;
  esac
done
partial=$(( only_big || only_publication || only_queries || only_index ))  # adds to the results of a previous run
read -r -a size_list <<< "$sizes"
small=${size_list[0]}
large=${size_list[${#size_list[@]}-1]}

out="$root/bench/out"
res="$out/results"
build="$root/build-bench"
pratiques="${PRATIQUES_BIN:-$build/pratiques}"
latency="$build/bench/query-latency"
omega_cgi=/usr/lib/cgi-bin/omega/omega
tools=(taskset /usr/bin/time scriptindex node "$omega_cgi")
if ((big)); then tools+=(hugo "$root/node_modules/.bin/pagefind"); fi
for tool in "${tools[@]}"; do
  command -v "$tool" >/dev/null || { echo "run.sh : $tool introuvable (tools/install-deps.sh)" >&2; exit 2; }
done
cores=$(nproc)
log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*"; }
t_start=$(date +%s)
if ((partial)) && ! { ((only_big)) && [ ! -f "$res/machine.txt" ]; }; then
  [ -f "$res/machine.txt" ] || { echo "run.sh : --only-* complète un run précédent (bench/out/results/ absent)" >&2; exit 2; }
else
  rm -rf "$res"
fi
mkdir -p "$res"

# Every measurement: "wall user sys rss load1" appended to FILE (s, s, s, KB, load average before).
timed() {  # timed FILE CORE|all COMMAND...
  local file=$1 core=$2 load
  shift 2
  sync  # the previous step's writes reach the disk first: no measurement pays the kernel's writeback of another
  load=$(cut -d' ' -f1 /proc/loadavg)
  if [ "$core" = all ]; then /usr/bin/time -o "$file.time" -f '%e %U %S %M' "$@"
  else taskset -c "$core" /usr/bin/time -o "$file.time" -f '%e %U %S %M' "$@"; fi
  echo "$(cat "$file.time") $load" >> "$file"
  rm -f "$file.time"
}

# Hugo and Pagefind: like timed (all cores), but a failure does not stop the run, and an RSS watchdog
# kills the process tree above BENCH_RSS_LIMIT_KB (bench/bounded.sh).
. "$root/bench/bounded.sh"

# (a) Release build, machine.
if [ -n "${PRATIQUES_BIN:-}" ]; then
  log "pratiques : $pratiques (PRATIQUES_BIN, pas de construction)"
  ((partial)) || { echo "run.sh : PRATIQUES_BIN seulement avec --only-* (query-latency est construit avec)" >&2; exit 2; }
else
  log "construction Release ($build)"
  cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF > "$res/build.log"
  cmake --build "$build" -j"$cores" --target pratiques query-latency >> "$res/build.log"
fi
[ -f "$root/schemas/territoires.tsv" ] || node "$root/tools/derive-territoires.mjs" >> "$res/build.log"
if ((partial)) && [ -f "$res/machine.txt" ]; then
  key=command_100k
  ((only_big)) || key=command_again
  echo "$key=$command_line (commit $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo '?'), $(date -u +%Y-%m-%dT%H:%M:%SZ), load $(cut -d' ' -f1-3 /proc/loadavg))" >> "$res/machine.txt"
else
  {
    echo "machine=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //')"
    echo "nproc=$cores"
    echo "mem=$(free -g | awk '/^Mem:/{print $2}') GB"
    echo "kernel=$(uname -r)"
    echo "load=$(cut -d' ' -f1-3 /proc/loadavg)"
    echo "xapian=$(scriptindex --version | head -1)"
    echo "commit=$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo '?')$(git -C "$root" diff --quiet HEAD -- . ':!bench' ':!README.md' ':!docs' 2>/dev/null || echo '+modifs')"
    echo "date=$(date -u +%Y-%m-%dT%H:%M:%SZ)"
    echo "command=$command_line"
    echo "sizes=$sizes"
    if ((only_big)); then echo "command_100k=$command_line"; fi
  } > "$res/machine.txt"
fi
if ((big)); then echo "big_size=$big_size" >> "$res/machine.txt"; fi

# (b) Corpora (deterministic for a seed: reused when the generator has not changed).
gen() {
  local n=$1 dir="$out/corpus-$1"
  if [ -f "$dir/corpus.json" ] && [ "$dir/corpus.json" -nt "$root/bench/gen-corpus.mjs" ] &&
     grep -q "\"seed\": $seed," "$dir/corpus.json"; then
    log "corpus $n : déjà généré"
  else
    log "corpus $n : génération"
    node "$root/bench/gen-corpus.mjs" --n "$n" --out "$dir" --seed "$seed" > /dev/null
    # Its files on disk before anything is timed: at 40,000 sheets, a full index run right after
    # the corpus was generated took 130 s, and 105-113 s a few minutes later (the same binary).
    sync
  fi
}

full_index() {  # full_index N TASKS : one thread pinned to core 0, or TASKS threads on every core
  local n=$1 tasks=$2 name dir core=all
  if [ "$tasks" = 1 ]; then name="index-1-$n"; dir="$out/index-1-$n"; core=0
  else name="index-$n"; dir="$out/index-$n"; fi
  rm -rf "$dir" "$dir.d"
  log "pratiques index --complet --taches $tasks, $n fiches ($([ "$core" = all ] && echo "tous les cœurs" || echo "cœur $core"))"
  timed "$res/$name.txt" "$core" "$pratiques" index --complet --taches "$tasks" --contenu "$out/corpus-$n" \
    --schemas "$root/schemas" --sortie "$dir" > "$res/$name.log" 2>&1
  du -skL "$dir" | cut -f1 > "$res/$name.size"
}

queries() {  # queries N [omega] : in process (the target), then one process per query (pratiques, Omega)
  local n=$1
  local q="$out/corpus-$n/queries.tsv"
  log "latence des requêtes, $n fiches (cœur 0)"
  timed "$res/rss-query-$n.txt" 0 "$latency" --index "$out/index-$n" --queries "$q" --repeat "$repeat" \
    --label "$n" --json > "$res/query-$n.json"
  if [ "${2:-}" = omega ]; then
    taskset -c 0 "$latency" --mode cli --pratiques "$pratiques" --index "$out/index-$n" --queries "$q" --repeat 1 \
      --label "$n" --json > "$res/query-cli-$n.json"
    log "latence des requêtes, Omega CGI, $n fiches (cœur 0)"
    taskset -c 0 "$latency" --mode omega --omega "$omega_cgi" --omega-db "$out/omega-$n" --queries "$q" \
      --repeat 1 --label "$n" --json > "$res/query-omega-$n.json"
  fi
}

scriptindex_run() {  # scriptindex_run N [FLUSH] : as shipped, or flushing every FLUSH documents like pratiques
  local n=$1 flush=${2:-}
  local name="scriptindex-$n" db="$out/omega-$n"
  if [ -n "$flush" ]; then name="scriptindex-flush-$n"; db="$out/omega-flush-$n"; fi
  rm -rf "$db"
  log "scriptindex${flush:+ (XAPIAN_FLUSH_THRESHOLD=$flush)}, $n fiches (cœur 0)"
  if [ -n "$flush" ]; then export XAPIAN_FLUSH_THRESHOLD=$flush; fi
  timed "$res/$name.txt" 0 scriptindex -s french --overwrite "$db" \
    "$out/corpus-$n/omega/pratiques.script" "$out/corpus-$n/omega/dump.txt" > "$res/$name.log"
  unset XAPIAN_FLUSH_THRESHOLD
  du -sk "$db" | cut -f1 > "$res/$name.size"
  if [ -n "$flush" ]; then rm -rf "$db"; fi
}

# (c) One size's full indexes: with WHOLE, one thread, every core and scriptindex, back to back,
# and the two pratiques indexes compared; without, every core alone.
index_size() {  # index_size N WHOLE
  local n=$1 whole=$2
  if ((whole)); then full_index "$n" 1; fi
  full_index "$n" "$cores"
  if ((whole)); then
    scriptindex_run "$n"
    if [ "$n" = "$small" ]; then scriptindex_run "$n" 200; fi  # same Xapian batch size as pratiques (kFlushEvery)
    log "mêmes résultats avec --taches 1 et --taches $cores, $n fiches ($compare requêtes)"
    node "$root/bench/compare-hits.mjs" --pratiques "$pratiques" --a "$out/index-1-$n" --b "$out/index-$n" \
      --queries "$out/corpus-$n/queries.tsv" --limit "$compare" --json > "$res/compare-$n.json" || true
    rm -rf "$out/index-1-$n" "$out/index-1-$n.d"
  fi
}

if ((big)); then
  gen "$big_size"
  cp "$out/corpus-$big_size/corpus.json" "$res/corpus-$big_size.json"
fi

if ((!partial)); then
  node "$root/bench/gen-corpus.mjs" --n 1 --out "$out/corpus-pool" --seed "$seed" > /dev/null  # fills the text cache once
  pids=()
  for n in "${size_list[@]}"; do gen "$n" & pids+=($!); done
  for p in "${pids[@]}"; do wait "$p"; done
  for n in "${size_list[@]}"; do cp "$out/corpus-$n/corpus.json" "$res/corpus-$n.json"; done
  log "validation du corpus $small"
  "$pratiques" check --schemas "$root/schemas" "$out/corpus-$small" | tail -1 | tee "$res/check-$small.txt"

  # (c) Per size: one thread, every core, scriptindex, back to back; the two indexes compared.
  for n in "${size_list[@]}"; do
    whole=$(( every || n == small ))
    index_size "$n" "$whole"
    if [ -d "$out/omega-$n" ] && { [ "$n" = "$small" ] || ((omega_large)); }; then queries "$n" omega; else queries "$n"; fi
    if [ "$n" != "$small" ]; then rm -rf "$out/omega-$n"; fi
  done

fi

if ((only_index)); then
  # timed() appends: the figures of the run measured again go first.
  rm -f "$res/index-1-$small.txt" "$res/index-$small.txt" "$res/scriptindex-$small.txt" "$res/scriptindex-flush-$small.txt"
  index_size "$small" 1
fi

if ((only_queries)); then
  for n in "${size_list[@]}"; do
    if [ -d "$out/omega-$n" ] && [ "$n" = "$small" ]; then queries "$n" omega; else queries "$n"; fi
  done
fi

# (d) One-sheet publication in place at the largest size, on the index built on every core, in the
# two ways a curator publishes: the file named (`pratiques index fiches/x.md`, as the server's write
# side does), then a whole run that compares every file; each way its first run, then
# $publications more; each run appends a sentence to one sheet.
if ((!partial || only_publication)); then
  [ -d "$out/index-$large" ] || { echo "run.sh : index $large absent (lancer d'abord bench/run.sh)" >&2; exit 2; }
  sheet=$(ls "$out/corpus-$large/fiches" | sed -n 137p)
  backup="$res/incremental-sheet.md"
  rm -f "$res"/incremental-*.txt
  cp "$out/corpus-$large/fiches/$sheet" "$backup"
  for way in named scan; do
    named=()
    [ "$way" = named ] && named=("fiches/$sheet")
    for i in $(seq 0 "$publications"); do
      printf '\nModification %s du banc d essai : une phrase ajoutée pour mesurer la publication.\n' "$way $i" \
        >> "$out/corpus-$large/fiches/$sheet"
      file="$res/incremental-$way-$large.txt"
      ((i == 0)) && file="$res/incremental-$way-first-$large.txt"
      ((i == 0 || i == publications)) && log "publication d'une fiche modifiée ($way) $i/$publications, $large fiches"
      timed "$file" all "$pratiques" index --contenu "$out/corpus-$large" --schemas "$root/schemas" \
        --sortie "$out/index-$large" "${named[@]}" >> "$res/incremental-$large.log" 2>&1
    done
  done
  cp "$backup" "$out/corpus-$large/fiches/$sheet"  # the corpus stays as generated (the index is one edit ahead)
fi

# (e) 100,000 sheets (--big-size): check + index on every core + site, then Hugo + Pagefind on the same
# Markdown, one after the other.
if ((big)); then
  n=$big_size
  rm -f "$res"/{check,index,site,hugo,pagefind}-"$n".{txt,status,pages,log} "$res/index-$n.size"
  log "pratiques check, $n fiches (tous les cœurs)"
  timed "$res/check-$n.txt" all "$pratiques" check --schemas "$root/schemas" "$out/corpus-$n" > "$res/check-$n.log" 2>&1
  full_index "$n" "$cores"
  log "pratiques build, $n fiches (tous les cœurs)"
  # A site or Hugo output left by an interrupted run is moved aside and deleted after the last
  # timing: on ext4 without a journal (this machine's disk), creating files in the minutes after
  # hundreds of thousands were deleted costs several times the system time (the allocator skips
  # recently deleted inodes, one buffer lookup each).
  trash="$out/.corbeille-$$"
  mkdir -p "$trash"
  for old in "$out/site-$n" "$out/hugo-$n"; do [ ! -e "$old" ] || mv "$old" "$trash/"; done
  sync
  timed "$res/site-$n.txt" all "$pratiques" build --index "$out/index-$n" --out "$out/site-$n" > "$res/site-$n.log" 2>&1
  find "$out/site-$n" -name '*.html' | wc -l > "$res/site-$n.pages" || true
  sync
  log "hugo $(hugo version | cut -d' ' -f2), même Markdown, $n fiches (tous les cœurs, plafond RSS $((rss_limit / 1024)) Mo)"
  # Hugo's content: the sheets alone. The corpus folder also holds scriptindex's dump (1.4 GB at
  # 100,000 sheets), which Hugo would copy into its site as a static file.
  mkdir -p "$out/hugo-content-$n"
  ln -sfn "$out/corpus-$n/fiches" "$out/hugo-content-$n/fiches"
  bounded "$res/hugo-$n" hugo --quiet --source "$root/bench/site/hugo" --contentDir "$out/hugo-content-$n" --destination "$out/hugo-$n"
  find "$out/hugo-$n" -name '*.html' 2>/dev/null | wc -l > "$res/hugo-$n.pages" || true
  if [ "$(cat "$res/hugo-$n.status")" = 0 ]; then
    log "pagefind --site (sortie de Hugo), $n fiches (tous les cœurs)"
    bounded "$res/pagefind-$n" "$root/node_modules/.bin/pagefind" --site "$out/hugo-$n"
    { grep -o 'Indexed [0-9]* page' "$res/pagefind-$n.log" || echo 0; } | grep -o '[0-9]*' | head -1 > "$res/pagefind-$n.pages" || true
  else
    log "Hugo n'a pas abouti (statut $(cat "$res/hugo-$n.status")) : Pagefind non lancé"
  fi
  # Only now, for the same reason: deleting our site before Hugo ran slowed Hugo.
  rm -rf "$out/hugo-$n" "$out/hugo-content-$n" "$out/index-$n" "$out/index-$n.d" "$out/site-$n" "$trash"
fi

# (f) The report.
elapsed=$(( $(date +%s) - t_start ))
if ((only_big)); then echo "$elapsed" > "$res/elapsed-100k.txt"; elif ((!partial)); then echo "$elapsed" > "$res/elapsed.txt"; fi
# A run of one part (--only-*) keeps the load at the end of the run it adds to: its own goes apart.
key=load_end
((partial)) && key=load_end_again
echo "$key=$(cut -d' ' -f1-3 /proc/loadavg)" >> "$res/machine.txt"
node "$root/bench/report.mjs" "$res" > "$out/results.md"
log "terminé en ${elapsed} s : $out/results.md (node bench/readme.mjs pour réécrire le README)"
cat "$out/results.md"
