#include "pratiques/write/reindex.h"

#include "pratiques/generations.h"
#include "pratiques/index_store.h"
#include "pratiques/index_writer.h"

namespace pratiques::write {

namespace {

IndexOptions options_of(const Paths& paths) {
  IndexOptions o;
  o.content = paths.content;
  o.schemas = paths.schemas;
  o.out = paths.index;
  o.keep_going = true;
  return o;
}

ReindexResult result_of(IndexReport r, const Paths& paths) {
  ReindexResult out;
  out.published = r.published;
  out.generation = r.published ? r.generation : resolve_index(paths.index);
  out.diagnostics = std::move(r.diagnostics);
  out.rejected = std::move(r.rejected);
  return out;
}

}  // namespace

Reindexer::Reindexer(Paths paths) : paths_(std::move(paths)) {}

Reindexer::~Reindexer() = default;

ReindexResult Reindexer::reindex(const std::vector<std::string>& changed) {
  std::lock_guard serial(mutex_);
  try {
    if (!publisher_) publisher_ = std::make_unique<pratiques::Publisher>(options_of(paths_));
    return result_of(publisher_->publish(changed), paths_);
  } catch (const IndexBusy&) {
    throw;  // another writer: the caller reports it, a full run would wait for the same lock
  } catch (const IndexError&) {
    // No index yet, or one built from other schemas: the incremental run rebuilds what it must.
    publisher_.reset();
    ReindexResult out = result_of(build_index(options_of(paths_)), paths_);
    out.full_run = true;
    return out;
  }
}

}  // namespace pratiques::write
