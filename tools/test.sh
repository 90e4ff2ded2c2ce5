#!/usr/bin/env bash
# Second README command: every test (unit, integration, content, end-to-end), then the C++
# suites but the static site's under AddressSanitizer + UndefinedBehaviorSanitizer with a bounded fuzzing of each harness
# (clang, build-sanitize/: only the targets those tests need). FUZZ_SECONDS (30) per harness.
set -euo pipefail
cd "$(dirname "$0")/.."
source tools/stages.sh
# The tests' temporary files on a tmpfs when the machine has one with room: on ext4 mounted with
# `discard` (this project's 2-core VMs), creating and removing the thousands of files of the server
# tests' sites was most of their time (one test 1.3 s -> 0.5 s; the Release suite 263 s -> 206 s).
own_tmp=""
if [ -z "${TMPDIR:-}" ] && [ "$(stat -f -c %T /dev/shm 2>/dev/null)" = tmpfs ] && [ -w /dev/shm ] &&
  [ "$(df --output=avail -k /dev/shm | tail -1)" -ge 2097152 ]; then
  own_tmp=$(mktemp -d /dev/shm/pratiques-tests.XXXXXX)
  export TMPDIR=$own_tmp
fi
trap 'stages_report tools/test.sh $?; [ -z "$own_tmp" ] || rm -rf "$own_tmp"' EXIT
stage "dépendances"
bash tools/install-deps.sh --tests
jobs=$(nproc)
# Ninja for new build directories (an existing one keeps its generator): 9 to 17 % less wall time
# than CMake's recursive Makefiles for the same build (tools/install-deps.sh installs it).
export CMAKE_GENERATOR=${CMAKE_GENERATOR:-Ninja}
stage "construction Release"
cmake -S . -B build-tests -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=ON >/dev/null
cmake --build build-tests -j"$jobs"
stage "tests Release"
(cd build-tests && ctest --output-on-failure -j"$jobs")

stage "construction sanitizers"
CXX=clang++ cmake -S . -B build-sanitize -DCMAKE_BUILD_TYPE=Debug -DBUILD_TESTING=ON -DPRATIQUES_SANITIZE=ON \
  -DPRATIQUES_FUZZ=ON -DPRATIQUES_FUZZ_SECONDS="${FUZZ_SECONDS:-30}" >/dev/null
cmake --build build-sanitize -j"$jobs" --target pratiques pratiques-unit-tests pratiques-integration-tests \
  pratiques-server-tests fuzz-sheet fuzz-course fuzz-query fuzz-snippet fuzz-http fuzz-markdown
stage "tests sanitizers et fuzzing"
# Under the sanitizers: the parsers, the validator, the search library and the server (which renders
# its pages with the site's code), one ctest test per source file (tests/CMakeLists.txt); the static
# site's own suite runs in Release only, for CI's 20 minutes. Not under them either, tagged
# [no-sanitizers]: the fault-injection runs, which kill -9 the CLI at every point of a run (a killed
# process reports no leak, and they test files on disk, already checked in Release), and the
# export's memory peak (AddressSanitizer's quarantine keeps freed memory: 49 MB more there for
# sections the export reads one at a time and frees; checked in Release).
(cd build-sanitize && ctest --output-on-failure -j"$jobs" -L '^(unit|integration|server|fuzz-replay|fuzz)$' -LE e2e)
