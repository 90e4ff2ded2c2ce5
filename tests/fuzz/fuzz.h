// Shared by the fuzz harnesses (tests/fuzz/README.md): where the repository is, and invariants
// whose violation is reported like a crash (libFuzzer saves the input that broke them).
#pragma once
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#ifndef PRATIQUES_SOURCE_DIR
#error "PRATIQUES_SOURCE_DIR must be defined (tests/fuzz/CMakeLists.txt)"
#endif

namespace fuzz {

inline std::string source_dir() { return PRATIQUES_SOURCE_DIR; }

inline std::string_view bytes(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

// An invariant of the code under test: aborting lets libFuzzer (or the replay driver) report it.
inline void require(bool ok, const char* what) {
  if (ok) return;
  std::fprintf(stderr, "invariant violé : %s\n", what);
  std::abort();
}

}  // namespace fuzz
