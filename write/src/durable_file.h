// Durable file operations of the write side (the library's own, not installed).
#pragma once
#include <filesystem>
#include <string>

namespace pratiques::write {

// fsync of a directory (its entries: a rename, a removal); errors ignored.
void fsync_dir(const std::filesystem::path& dir);

// Temporary file beside the target (".<name>.tmp"), fsync, rename(2), fsync of the directory: a
// crash leaves the previous file or the new one, never half of one. Throws std::runtime_error.
void write_atomically(const std::filesystem::path& path, const std::string& bytes);

}  // namespace pratiques::write
