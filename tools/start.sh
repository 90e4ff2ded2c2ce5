#!/usr/bin/env bash
# First README command: install, build, check and index content/, build the static site, make sure
# an administrator exists (its activation link is printed), and serve the whole site with its
# search and the write side at http://localhost:8080 (Ctrl-C stops the server).
set -euo pipefail
cd "$(dirname "$0")/.."
port=${PORT:-8080}
admin=${PRATIQUES_ADMIN:-admin@pratiques.local}
bash tools/install-deps.sh
export CMAKE_GENERATOR=${CMAKE_GENERATOR:-Ninja}  # for a new build directory (tools/test.sh says why)
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo -DBUILD_TESTING=OFF >/dev/null
cmake --build build -j"$(nproc)"
./build/pratiques check content
./build/pratiques index --contenu content --schemas schemas --sortie index
./build/pratiques build --index index --sortie public --url-base "http://localhost:$port"
# The first administrator: created once; while it has not chosen a password, a new link each start.
bash tools/first-admin.sh ./build/pratiques var "http://localhost:$port" "$admin"
echo "Pratiques : http://localhost:$port"
exec ./build/pratiques serve --index index --site public --donnees var --contenu content --schemas schemas --port "$port"
