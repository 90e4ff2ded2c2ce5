#!/usr/bin/env bash
# First README command: install, build, check and index content/, build the static site and serve
# the whole site with its search at http://localhost:8080 (Ctrl-C stops the server).
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/install-deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo -DBUILD_TESTING=OFF >/dev/null
cmake --build build -j"$(nproc)"
./build/pratiques check content
./build/pratiques index --contenu content --schemas schemas --sortie index
./build/pratiques build --index index --sortie public --url-base "http://localhost:${PORT:-8080}"
echo "Pratiques : http://localhost:${PORT:-8080}"
exec ./build/pratiques serve --index index --site public --port "${PORT:-8080}"
