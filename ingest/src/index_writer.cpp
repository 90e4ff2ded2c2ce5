#include "pratiques/index_writer.h"

#include <xapian.h>

#include <filesystem>
#include <future>

#include "full_build.h"
#include "pratiques/catalogue.h"
#include "pratiques/failpoint.h"
#include "pratiques/generations.h"
#include "pratiques/index_store.h"
#include "publication.h"
#include "write_failure.h"

namespace fs = std::filesystem;

namespace pratiques {

namespace {

// A change of more files than this is published as a new generation: a publication in place holds
// all its changes in memory until its single commit (Xapian buffers them), a full build does not.
constexpr std::size_t kMaxInPlaceChanges = 2000;

// Why the current generation cannot be changed in place ("" when it can).
std::string incompatibility(const Catalog& cat, const IndexContext& context) {
  if (cat.meta("index_format") != catalogue::kIndexFormat) return "le format de l'index a changé";
  if (cat.meta("grid_fingerprint") != context.grid.fingerprint) return "les schémas ont changé";
  return "";
}

}  // namespace

IndexReport build_index(const IndexOptions& options) {
  // The content is listed while the schemas are parsed: the two are most of a one-sheet
  // publication, and neither needs the other. Both ways of publishing use the same listing.
  std::future<ContentScan> listing = std::async(std::launch::async, [&options] { return scan_content(options.content); });
  const IndexContext context(options.schemas);  // invalid schemas: nothing is touched
  const IndexLock lock(options.out, std::chrono::milliseconds(0));
  failpoint::reached("lock");
  return clearly(options.out, [&] {
    Generations generations(options.out);  // removes what interrupted runs left
    const std::optional<std::string> current = generations.current();
    std::unique_ptr<Catalog> cat;  // the current generation's, when it can be changed in place
    if (current && !options.full) {
      try {
        if (recover(*current)) failpoint::reached("recovered");
        cat = open_catalogue_for_writing(*current);
        if (!incompatibility(*cat, context).empty()) cat.reset();
      } catch (const Xapian::Error&) {
        cat.reset();  // unreadable: a new generation replaces it
      } catch (const std::exception&) {
        cat.reset();
      }
    }
    ContentScan scan = listing.get();
    failpoint::reached("scan");
    if (cat) {
      const bool trust_times = cat->meta("content_dir") == canonical_content_dir(options.content);
      ChangeSet changes = changes_since(*cat, scan.files, trust_times);
      changes.refused = scan.refused;
      if (changes.changed.size() + changes.removed.size() <= kMaxInPlaceChanges) {
        cat->exec("PRAGMA synchronous=FULL");  // the catalogue commit is durable before the run says so
        return publish_in_place(context, options, *current, *cat, std::move(changes));
      }
    }
    return full_build(context, options, generations, std::move(scan));
  });
}

struct Publisher::State {
  IndexOptions options;
  std::chrono::milliseconds lock_wait;
  IndexContext context;
};

Publisher::Publisher(IndexOptions options, std::chrono::milliseconds lock_wait)
    : state_(new State{options, lock_wait, IndexContext(options.schemas)}) {}

Publisher::~Publisher() = default;

IndexReport Publisher::publish(const std::vector<std::string>& paths) {
  std::lock_guard serial(mutex_);
  const IndexOptions& options = state_->options;
  const IndexLock lock(options.out, state_->lock_wait);
  return clearly(options.out, [&] {
    const std::optional<std::string> current = Generations(options.out).current();
    if (!current) throw IndexError("aucun index dans « " + options.out + " » : lancer d'abord « pratiques index »");
    recover(*current);
    const std::unique_ptr<Catalog> opened = open_catalogue_for_writing(*current);
    Catalog& cat = *opened;
    if (const std::string why = incompatibility(cat, state_->context); !why.empty())
      throw IndexError("publication impossible dans « " + options.out + " » : " + why +
                       " depuis sa construction ; lancer « pratiques index --complet »");
    cat.exec("PRAGMA synchronous=FULL");
    return publish_in_place(state_->context, options, *current, cat, changes_of(cat, options.content, paths));
  });
}

}  // namespace pratiques
