#include "durable_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <stdexcept>

#include "pratiques/os_error.h"

namespace fs = std::filesystem;

namespace pratiques::write {

void fsync_dir(const fs::path& dir) {
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd >= 0) {
    ::fsync(fd);
    ::close(fd);
  }
}

void write_atomically(const fs::path& path, const std::string& bytes) {
  fs::create_directories(path.parent_path());
  const fs::path tmp = path.parent_path() / ("." + path.filename().string() + ".tmp");
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) throw StorageError("écriture impossible de " + path.string() + " : " + os_error_text(errno));
  std::size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    done += static_cast<std::size_t>(n);
  }
  int err = done == bytes.size() ? 0 : errno ? errno : ENOSPC;  // a short write is a full disk
  if (!err && ::fsync(fd) != 0) err = errno;
  ::close(fd);
  if (err) {
    fs::remove(tmp);
    throw StorageError("écriture impossible de " + path.string() + " : " + os_error_text(err));
  }
  fs::rename(tmp, path);
  fsync_dir(path.parent_path());
}

}  // namespace pratiques::write
