#!/usr/bin/env bash
# The libraries' layering (README, Layout): common/ and search/ include no yaml-cpp header and no
# header of ingest/; the site and the server (site/render, site/server) include no ingest header.
# Usage: check-layering.sh SOURCE_DIR. Prints each offending include; exits 1 if there is one.
set -u
cd "$1" || exit 2
ingest=$(ls ingest/include/pratiques | sed 's/\./\\./g' | paste -sd'|')
pattern="#include [<\"](yaml-cpp/|pratiques/($ingest)[>\"])"
if grep -rnE "$pattern" common search site/render site/server site/include; then
  echo "an include above crosses the layering (see README, Layout)" >&2
  exit 1
fi
exit 0
