#!/usr/bin/env bash
# Installs what Pratiques needs on Debian 12 (run as root): compilers, libraries, test tools,
# and the pinned npm packages of package-lock.json. Idempotent: installed packages are skipped.
#   bash tools/install-deps.sh           # what `pratiques` needs to build, run and benchmark
#   bash tools/install-deps.sh --tests   # and clang with libFuzzer and the sanitizers (tools/test.sh)
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(
  build-essential cmake pkg-config git ca-certificates
  ninja-build                                # builds from one graph: no make recursion, no idle core between targets
  lld                                        # LLVM's linker: links the large test executables faster
  libxapian-dev xapian-tools xapian-omega   # search engine; omega/scriptindex for benchmarks
  libcmark-dev libyaml-cpp-dev libicu-dev libsqlite3-dev libpoco-dev catch2 libkainjow-mustache-dev
  libsodium-dev libgit2-dev                  # write side: argon2id passwords, publication commits
  libjemalloc-dev                            # the command's allocator (a fifth less CPU to index)
  libhunspell-dev hunspell-fr-comprehensive  # which words French has: a word no sheet writes is no typo
  nodejs npm                                 # pinned npm packages (official territories, test tools)
  chromium chromium-driver                   # end-to-end and accessibility tests
  wrk hugo time procps                       # benchmarks (time: peak memory; ps: the watchdog's process tree)
  sqlite3                                    # the relevance and spelling benchmarks read the catalogue with its command
  libxml2-utils libhttp-oai-perl python3     # OAI-PMH tests: xmllint --schema, a real harvester; CSV read back
  raptor2-utils                              # SKOS tests: rapper parses Turtle and RDF/XML
)
if [ "${1:-}" = --tests ]; then
  packages+=(clang libclang-rt-14-dev llvm-14)  # sanitizers and libFuzzer; llvm-symbolizer for their reports
fi
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# A node already on PATH (e.g. a newer one) is fine: do not replace it with Debian's.
if command -v node >/dev/null && command -v npm >/dev/null; then
  missing=("${missing[@]/nodejs}"); missing=("${missing[@]/npm}")
fi
read -r -a missing <<< "${missing[*]}"
if ((${#missing[@]})); then
  echo "install-deps: apt-get install ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
# Debian 12's nodejs is 18.19/18.20: every pinned npm package accepts it (tools/check-node-engines.mjs).
if ! node -e 'const [a, b] = process.versions.node.split(".").map(Number); process.exit(a > 18 || (a === 18 && b >= 19) ? 0 : 1)'; then
  echo "install-deps : Node $(node --version) est trop ancien ; il faut Node ≥ 18.19 (nodejs de Debian 12)" >&2
  exit 1
fi
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi
