#!/usr/bin/env bash
# A full disk and a read-only index directory (issue 16, "Fault injection"), with the real CLI in a
# private mount namespace (unshare): a small tmpfs holds the index. Each failed run must give a clear
# message, exit 4, leave no .tmp behind, and leave the previous index searchable; once space is back,
# the next run succeeds.
#   bash tests/integration/disk-faults.sh PRATIQUES SCHEMAS FIXTURES
# Skipped (77) where unprivileged mount namespaces are not allowed, unless CI is set (then it fails).
set -euo pipefail
pratiques=$1 schemas=$2 fixtures=$3

if ! unshare -rm true 2>/dev/null; then
  echo "unshare -rm refusé sur cette machine : test sauté"
  [ -n "${CI:-}" ] && exit 1
  exit 77
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -r "$fixtures/corpus" "$work/content"
mkdir "$work/disk"

# shellcheck disable=SC2016
unshare -rm bash -s "$pratiques" "$schemas" "$work" <<'SCRIPT'
set -euo pipefail
pratiques=$1 schemas=$2 work=$3
disk=$work/disk
fail() { echo "ÉCHEC : $*" >&2; exit 1; }
index() { "$pratiques" index --contenu "$work/content" --schemas "$schemas" --sortie "$disk/index" "$@"; }
hits() { "$pratiques" search --index "$disk/index" --json "$1" | sed -n 's/.*"total": *\([0-9]*\).*/\1/p'; }
expect_refused() {  # expect_refused WORD [index options]: exit 4, a message with WORD, previous index whole
  local word=$1 status=0
  shift
  index "$@" > "$work/out" 2> "$work/err" || status=$?
  [ "$status" = 4 ] || fail "code de sortie $status au lieu de 4 : $(cat "$work/err")"
  grep -q "$word" "$work/err" || fail "message sans « $word » : $(cat "$work/err")"
  grep -q "un autre « pratiques index »" "$work/err" && fail "message trompeur : $(cat "$work/err")"
  if ls "$disk/index.d" | grep -q '\.tmp$'; then fail "un répertoire .tmp reste"; fi
  [ "$(hits potager)" = 2 ] || fail "l'index précédent ne répond plus (potager)"
  [ "$(hits verger)" = 0 ] || fail "un changement non publié est visible (verger)"
}

mount -t tmpfs -o size=6m tmpfs "$disk"
index > /dev/null
[ "$(hits potager)" = 2 ] || fail "premier index"
sed -i 's/potager/verger/g' "$work/content/fiches/ecole-ouverte-parents-fives.md"

# Full disk: a publication in place, then a full build.
dd if=/dev/zero of="$disk/plein" bs=64k 2> /dev/null || true
expect_refused "disque plein"
expect_refused "disque plein" --complet
rm "$disk/plein"
index > /dev/null || fail "l'index ne repart pas une fois de la place libérée"
[ "$(hits verger)" = 1 ] || fail "la publication après le disque plein"

# Read-only directory: the next change is refused clearly, and searches go on.
sed -i 's/verger/potager/g' "$work/content/fiches/ecole-ouverte-parents-fives.md"
sed -i 's/tricot/macramé/g' "$work/content/fiches/familles-cafe-des-parents-roubaix.md"
mount -o remount,ro "$disk"
status=0
index > /dev/null 2> "$work/err" || status=$?
[ "$status" = 4 ] || fail "lecture seule : code $status"
grep -q "lecture seule" "$work/err" || fail "lecture seule : $(cat "$work/err")"
[ "$(hits verger)" = 1 ] || fail "lecture seule : l'index ne répond plus"
echo "disque plein et répertoire en lecture seule : messages clairs, index précédent intact"
SCRIPT
