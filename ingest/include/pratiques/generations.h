// Generations of an index (index_store.h): OUT is a symbolic link to OUT.d/<n>. A full build writes
// OUT.d/<n>.tmp, makes it durable, renames it, then replaces the link with rename(2): a reader, or a
// kill at any moment, sees one complete generation. The generation published before the current one
// is kept for the readers that still have it open; older ones are removed, and so is whatever an
// interrupted run left: .tmp directories, and a generation renamed but never linked. A generation
// never becomes a working directory again: the last published state is never written by a full build.
#pragma once
#include <optional>
#include <string>

#include "pratiques/index_layout.h"  // resolve_index

namespace pratiques {

class Generations {
 public:
  // The caller holds the index lock (IndexLock). Throws IndexError when OUT exists and is not a link.
  explicit Generations(std::string out);

  // Directory of the published generation, if any.
  std::optional<std::string> current() const;
  // A fresh working directory, OUT.d/<next>.tmp.
  std::string begin();
  // Makes `work` the published generation: fsync, rename, link switch; removes the generations
  // older than the one it replaces. Returns the generation's directory.
  std::string publish(const std::string& work);
  // Removes a working directory that will not be published (an error, a refused run), so that a
  // full disk does not stay full.
  void abandon(const std::string& work) noexcept;

 private:
  void remove_leftovers();
  std::string out_, store_;
};

}  // namespace pratiques
