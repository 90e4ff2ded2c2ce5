// Atomic publication of an index directory. OUT is a symbolic link to OUT.d/<n>; a new
// generation is written in OUT.d/<n>.tmp, made durable, renamed, and the link is replaced
// with rename(2): a reader (or a kill at any moment) always sees one complete generation.
#pragma once
#include <optional>
#include <string>

#include "pratiques/index_layout.h"  // resolve_index

namespace pratiques {

class Generations {
 public:
  explicit Generations(std::string out);  // takes an exclusive lock; throws if already held
  ~Generations();
  Generations(const Generations&) = delete;
  Generations& operator=(const Generations&) = delete;

  // Directory of the published generation, if any.
  std::optional<std::string> current() const;
  // The generation published before the current one, when it is still kept.
  std::optional<std::string> previous() const;
  // A fresh working directory, optionally a copy of the current generation.
  std::string begin(bool copy_current);
  // Turns a kept generation that is no longer current (previous()) into the working directory,
  // to be brought up to date in place: an incremental run then costs what changed, not a copy
  // of the whole index (bench/, docs/performance.md). The current generation is never written;
  // a reader still on the one published before it (a request that began two publications ago)
  // may see it change: readers reopen the link's generation at each request (server pool).
  std::string begin_from(const std::string& generation);
  // Makes the working directory the published generation; keeps the previous one for readers.
  std::string publish(const std::string& work);

 private:
  std::string out_, store_;
  int lock_fd_ = -1;
};

}  // namespace pratiques
