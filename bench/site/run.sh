#!/usr/bin/env bash
# Benchmark of the static site (issue 4): `pratiques build` on one core (taskset -c 0) for a generated
# 10,000-sheet corpus, pages per second, compared in the same run with Hugo (Debian package) rendering the
# same Markdown with a minimal layout (bench/site/hugo/).
#
#   bash bench/site/run.sh [N]          N sheets (default 10000); PRATIQUES_BIN=path/to/pratiques
#
# Steps: corpus (bench/gen-corpus.mjs, cached in bench/out/site/), index (not timed), then timed:
# a full build into an empty directory, a second build with nothing changed, a build after one sheet was
# edited (incremental), and Hugo. Times are wall clock and CPU (user + system) from /usr/bin/time; on a
# shared machine the CPU figure is the fair one ("one core": the process is pinned to CPU 0).
set -euo pipefail
cd "$(dirname "$0")/../.."
N=${1:-10000}
BIN=${PRATIQUES_BIN:-build/pratiques}
OUT=bench/out/site
CORPUS=${CORPUS:-$OUT/corpus-$N}   # overridable: an existing corpus and its index
INDEX=${INDEX:-$OUT/index-$N}
PUBLIC=$OUT/public-$N
HUGO_OUT=$OUT/hugo-public-$N
mkdir -p "$OUT"
[ -x "$BIN" ] || { echo "run.sh: $BIN absent (cmake --build build, or PRATIQUES_BIN=...)" >&2; exit 2; }
command -v hugo >/dev/null || { echo "run.sh: hugo absent (apt-get install hugo)" >&2; exit 2; }

if [ ! -f "$CORPUS/corpus.json" ]; then
  echo "== corpus : $N fiches (bench/gen-corpus.mjs)"
  node bench/gen-corpus.mjs --n "$N" --out "$CORPUS" >/dev/null
fi
if [ ! -e "$INDEX" ] || [ "$CORPUS/corpus.json" -nt "$INDEX" ]; then
  echo "== index (non chronométré)"
  "$BIN" index --content "$CORPUS" --out "$INDEX" --keep-going | tail -1
fi

# run NAME CMD... : times CMD pinned to CPU 0; appends "NAME wall cpu maxrss" to $OUT/times.txt
run() {
  local name=$1; shift
  /usr/bin/time -f "%e %U %S %M" -o "$OUT/time.tmp" taskset -c 0 "$@" > "$OUT/$name.log"
  read -r wall user sys rss < "$OUT/time.tmp"
  cpu=$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }')
  echo "$name $wall $cpu $rss" >> "$OUT/times.txt"
}
: > "$OUT/times.txt"
load_before=$(cut -d' ' -f1 /proc/loadavg)

# The previous run's outputs are moved aside and deleted after the last timing: on ext4 without a
# journal, creating files in the minutes after tens of thousands were deleted costs several times
# the system time (the allocator skips recently deleted inodes, one buffer lookup each).
trash="$OUT/.corbeille-$$"
mkdir -p "$trash"
for old in "$PUBLIC" "$HUGO_OUT"; do [ ! -e "$old" ] || mv "$old" "$trash/"; done
sync

echo "== pratiques build : construction complète (répertoire vide)"
run full "$BIN" build --index "$INDEX" --out "$PUBLIC"
pages=$(grep -o '[0-9]* page(s)' "$OUT/full.log" | grep -o '^[0-9]*')
files=$(grep -o '[0-9]* fichier(s)' "$OUT/full.log" | grep -o '^[0-9]*')

echo "== pratiques build : sans changement"
run again "$BIN" build --index "$INDEX" --out "$PUBLIC"

echo "== pratiques build : après modification d'une fiche"
sheets=("$CORPUS"/fiches/*.md)
sheet=${sheets[0]}
cp "$sheet" "$OUT/sheet.bak"
trap 'cp "$OUT/sheet.bak" "$sheet"' EXIT  # the corpus is restored whatever happens
sed -i '0,/^## Objectifs$/s//## Objectifs\n\nParagraphe ajouté par le banc d'"'"'essai./' "$sheet"
"$BIN" index --content "$CORPUS" --out "$INDEX" --keep-going > /dev/null
run incremental "$BIN" build --index "$INDEX" --out "$PUBLIC" --verbeux
written=$(grep -c '^écrit ' "$OUT/incremental.log" || true)
cp "$OUT/sheet.bak" "$sheet"
trap - EXIT
"$BIN" index --content "$CORPUS" --out "$INDEX" --keep-going > /dev/null

echo "== hugo $(hugo version | cut -d' ' -f2) : même Markdown, gabarit minimal"
sync
# Hugo's content: the sheets alone, not scriptindex's dump beside them (Hugo would copy it).
mkdir -p "$OUT/hugo-content-$N"
ln -sfn "$(realpath "$CORPUS")/fiches" "$OUT/hugo-content-$N/fiches"
run hugo env HUGO_NUMWORKERMULTIPLIER=1 hugo --quiet --source bench/site/hugo --contentDir "$(realpath "$OUT/hugo-content-$N")" \
  --destination "$(realpath -m "$HUGO_OUT")"
hugo_pages=$(find "$HUGO_OUT" -name '*.html' | wc -l)
[ "$hugo_pages" -gt "$N" ] || { echo "run.sh: hugo n'a produit que $hugo_pages pages" >&2; cat "$OUT/hugo.log" >&2; rm -rf "$trash"; exit 1; }
load_after=$(cut -d' ' -f1 /proc/loadavg)
rm -rf "$trash"

awk -v pages="$pages" -v files="$files" -v hpages="$hugo_pages" -v written="$written" -v n="$N" \
    -v l1="$load_before" -v l2="$load_after" '
  { wall[$1] = $2; cpu[$1] = $3; rss[$1] = $4 }
  END {
    printf "\nCorpus : %d fiches ; charge de la machine : %s puis %s (nproc = 2)\n", n, l1, l2
    printf "%-34s %9s %9s %12s %12s %9s\n", "", "mur (s)", "CPU (s)", "pages/s mur", "pages/s CPU", "RSS (Mo)"
    printf "%-34s %9.2f %9.2f %12.0f %12.0f %9.0f\n", "pratiques build, complet", wall["full"], cpu["full"], pages / wall["full"], pages / cpu["full"], rss["full"] / 1024
    printf "%-34s %9.2f %9.2f %12.0f %12.0f %9.0f\n", "pratiques build, sans changement", wall["again"], cpu["again"], pages / wall["again"], pages / cpu["again"], rss["again"] / 1024
    printf "%-34s %9.2f %9.2f %12.0f %12.0f %9.0f\n", "pratiques build, 1 fiche modifiée", wall["incremental"], cpu["incremental"], pages / wall["incremental"], pages / cpu["incremental"], rss["incremental"] / 1024
    printf "%-34s %9.2f %9.2f %12.0f %12.0f %9.0f\n", "hugo (même Markdown)", wall["hugo"], cpu["hugo"], hpages / wall["hugo"], hpages / cpu["hugo"], rss["hugo"] / 1024
    printf "\npratiques : %d pages HTML (%d fichiers avec citation.bib/.ris, flux, plan) ; hugo : %d pages HTML\n", pages, files, hpages
    printf "après une fiche modifiée : %d fichier(s) réécrit(s)\n", written
    printf "rapport pages/s pratiques ÷ hugo : %.2f (mur), %.2f (CPU)\n", (pages / wall["full"]) / (hpages / wall["hugo"]), (pages / cpu["full"]) / (hpages / cpu["hugo"])
  }' "$OUT/times.txt" | tee "$OUT/results.txt"

# The same figures as JSON, for the README's generated block (node bench/http/readme.mjs).
awk -v pages="$pages" -v files="$files" -v hpages="$hugo_pages" -v written="$written" -v n="$N" -v l1="$load_before" \
    -v l2="$load_after" -v commit="$(git rev-parse --short HEAD 2>/dev/null || echo '?')" \
    -v date="$(date -u +%Y-%m-%dT%H:%M:%SZ)" -v hugo="$(hugo version | cut -d' ' -f2)" '
  { wall[$1] = $2; cpu[$1] = $3; rss[$1] = $4 }
  END {
    printf "{\"sheets\": %d, \"date\": \"%s\", \"commit\": \"%s\", \"load_before\": %s, \"load_after\": %s, \"hugo_version\": \"%s\",\n", n, date, commit, l1, l2, hugo
    printf " \"pages\": %d, \"files\": %d, \"hugo_pages\": %d, \"rewritten_after_one_change\": %d", pages, files, hpages, written
    split("full again incremental hugo", names, " ")
    for (i = 1; i <= 4; i++)
      printf ",\n \"%s\": {\"wall_s\": %s, \"cpu_s\": %s, \"rss_kib\": %s}", names[i], wall[names[i]], cpu[names[i]], rss[names[i]]
    printf "}\n"
  }' "$OUT/times.txt" > "$OUT/results.json"
echo "Résultats : $OUT/results.json"
