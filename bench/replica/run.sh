#!/usr/bin/env bash
# How long a publication on a primary takes to be served by a read node (docs/repliques.md), on
# loopback: a primary indexed from content/ with XAPIAN_MAX_CHANGESETS, xapian-replicate-server,
# `pratiques replique --intervalle 1` and `pratiques serve` on the node. Each round appends a line to
# one sheet, publishes it on the primary (`pratiques index`), and polls the node's /api/etat until it
# serves the new publication. Prints one line a round.
#   BUILD=build-tests ROUNDS=6 bash bench/replica/run.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
repo=$PWD
pratiques=$repo/${BUILD:-build}/pratiques
rounds=${ROUNDS:-6}
work=$(mktemp -d)
port_rs=$((20000 + RANDOM % 20000)) port_http=$((20000 + RANDOM % 20000))
pids=()
trap 'kill "${pids[@]}" 2>/dev/null; wait 2>/dev/null; rm -rf "$work"' EXIT
mkdir -p "$work/primary" "$work/node"
cp -r content "$work/primary/content"
export XAPIAN_MAX_CHANGESETS=10
publish() { "$pratiques" index --contenu "$work/primary/content" --schemas schemas --sortie "$work/primary/index" "$@" > /dev/null; }
publish --complet
# xapian-replicate-server ends its whole process group on SIGTERM: a group of its own.
setsid xapian-replicate-server -I 127.0.0.1 -p "$port_rs" "$work/primary" > "$work/replicate-server.log" 2>&1 &
pids+=($!)
"$pratiques" replique --primaire "127.0.0.1:$port_rs" --base index/xapian --sortie "$work/node/index" --intervalle 1 \
  > "$work/replique.log" 2>&1 &
pids+=($!)
until [ -L "$work/node/index" ]; do sleep 0.2; done
"$pratiques" serve --index "$work/node/index" --site "$work/node/public" --port "$port_http" --donnees "$work/node/var" \
  --silencieux > "$work/serve.log" 2>&1 &
pids+=($!)
state() { curl -sf "localhost:$port_http/api/etat"; }
field() { sed -n "s/.*\"$1\":\"\\{0,1\\}\\([^\",}]*\\).*/\\1/p"; }
until state > /dev/null; do sleep 0.2; done
sheet=$(find "$work/primary/content/fiches" -name '*.md' | sort | head -1)
echo "commit $(git rev-parse --short HEAD), $(nproc) cœurs, replique --intervalle 1"
for i in $(seq "$rounds"); do
  before=$(state | field generation)
  echo "Ligne ajoutée $i." >> "$sheet"
  t0=$(date +%s%N)
  publish
  t1=$(date +%s%N)
  while s=$(state) && [ "$(echo "$s" | field generation)" = "$before" ]; do sleep 0.05; done
  t2=$(date +%s%N)
  echo "publication $(echo "$s" | field generation) : publiée en $(( (t1 - t0) / 1000000 )) ms, servie par le nœud" \
    "$(( (t2 - t1) / 1000000 )) ms plus tard (delai_chargement_s : $(echo "$s" | field delai_chargement_s))"
done
