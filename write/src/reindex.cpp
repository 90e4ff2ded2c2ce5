#include "pratiques/write/reindex.h"

#include "pratiques/generations.h"
#include "pratiques/index_writer.h"

namespace pratiques::write {

ReindexResult reindex(const Paths& paths, const std::vector<std::string>& /*changed*/) {
  // The incremental run finds the changed files itself (size, mtime, hash); the indexing library's
  // call will take them as given.
  ReindexResult out;
  IndexOptions o;
  o.content = paths.content;
  o.schemas = paths.schemas;
  o.out = paths.index;
  o.keep_going = true;
  IndexReport r = build_index(o);
  out.published = r.published;
  out.generation = r.published ? r.generation : resolve_index(paths.index);
  out.diagnostics = std::move(r.diagnostics);
  out.rejected = std::move(r.rejected);
  return out;
}

}  // namespace pratiques::write
