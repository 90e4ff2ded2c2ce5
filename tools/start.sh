#!/usr/bin/env bash
# First README command: install, build, check and index content/, then serve the site.
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/install-deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo -DBUILD_TESTING=OFF >/dev/null
cmake --build build -j"$(nproc)"
./build/pratiques check content
./build/pratiques index --content content --schemas schemas --out index
echo "Index prêt. Exemple : ./build/pratiques search \"développement social\""
