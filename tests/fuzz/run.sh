#!/usr/bin/env bash
# Runs a fuzz harness on its seed corpora, dictionary and reproducers (tests/fuzz/README.md).
#   bash tests/fuzz/run.sh BINARY SECONDS [libFuzzer options…]
# BINARY is build-…/tests/fuzz/fuzz-<name>. SECONDS = 0 replays the seeds and reproducers once
# (any build); otherwise libFuzzer fuzzes for that long and fails (non-zero) on a crash, a leak,
# a timeout (10 s for one input) or more than 2 GB of memory. New inputs are kept in
# <build>/fuzz-corpus/<name>/, what broke the harness in <build>/fuzz-artifacts/.
# Run from the repository's root (ctest does).
set -euo pipefail
bin=$1 seconds=$2
shift 2
name=$(basename "$bin")
name=${name#fuzz-}
here=tests/fuzz
case $name in
  # A whole sheet is needed to reach the checks after parsing: inputs as large as the seeds.
  sheet) seeds=(content/fiches tests/fixtures/valide tests/fixtures/regles tests/fixtures/corpus); dict=yaml; max_len=0 ;;
  course) seeds=(content/parcours tests/fixtures/cours); dict=yaml; max_len=0 ;;
  query) seeds=("$here/seeds/query"); dict=query; max_len=1100 ;;  # the library refuses more than 1,000 bytes
  snippet) seeds=("$here/seeds/snippet"); dict=snippet; max_len=16384 ;;  # past the 12,000 bytes an extract reads
  http) seeds=("$here/seeds/http"); dict=http; max_len=4096 ;;
  markdown) seeds=(content/fiches content/pages); dict=markdown; max_len=4096 ;;
  *) echo "run.sh : harnais inconnu « $name »" >&2; exit 2 ;;
esac
[ -d "$here/regressions/$name" ] && seeds+=("$here/regressions/$name")
options=(-dict="$here/dict/$dict.dict" -timeout=10 -rss_limit_mb=2048 -malloc_limit_mb=2048)
[ "$max_len" = 0 ] || options+=(-max_len="$max_len")
if [ "$seconds" = 0 ]; then
  exec "$bin" -runs=0 "${options[@]}" "$@" "${seeds[@]}"
fi
build=$(cd "$(dirname "$bin")/../.." && pwd)
corpus=$build/fuzz-corpus/$name artifacts=$build/fuzz-artifacts/$name
mkdir -p "$corpus" "$artifacts"
exec "$bin" -max_total_time="$seconds" -print_final_stats=1 -artifact_prefix="$artifacts/" "${options[@]}" "$@" \
  "$corpus" "${seeds[@]}"
