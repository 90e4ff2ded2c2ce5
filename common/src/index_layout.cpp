#include "pratiques/index_layout.h"

#include <filesystem>

namespace fs = std::filesystem;

namespace pratiques {

std::string resolve_index(const std::string& out) {
  std::error_code ec;
  fs::path p = fs::canonical(out, ec);
  return ec ? out : p.string();
}

}  // namespace pratiques
