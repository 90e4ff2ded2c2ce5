// A file's bytes in memory (read_file.cpp): the one reader of the schemas, the content files and
// the server's small static files.
#pragma once
#include <cstddef>
#include <limits>
#include <string>

namespace pratiques {

// `out` gets the file's bytes, or, past `limit`, only the first ones (more than `limit`, at most
// `limit` + 64 KiB: enough for a caller to tell the file is too large, never a whole huge file).
// False when the file cannot be opened or a read fails (a directory), `out` then empty.
bool read_file(const std::string& path, std::string& out,
               std::size_t limit = std::numeric_limits<std::size_t>::max());

}  // namespace pratiques
