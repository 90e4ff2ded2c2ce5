#include "pratiques/read_file.h"

#include <fstream>

namespace pratiques {

bool read_file(const std::string& path, std::string& out, std::size_t limit) {
  out.clear();
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  char block[1 << 16];
  while (out.size() <= limit && in.read(block, sizeof block).gcount() > 0)
    out.append(block, static_cast<std::size_t>(in.gcount()));
  if (in.bad()) {
    out.clear();
    return false;
  }
  return true;
}

}  // namespace pratiques
