#include "pratiques/write/editorial.h"

namespace pratiques::write {

Editorial::Editorial(EditorialOptions options)
    : options_(std::move(options)),
      db_(server_database(options_.data)),
      grid_(options_.paths.schemas),
      accounts_(db_, options_.clock, options_.kdf, options_.throttle),
      sessions_(db_, accounts_, options_.clock, options_.sessions),
      publisher_(grid_, options_.paths),
      contributions_(db_, publisher_, options_.clock) {
  publisher_.clean_leftovers();
}

Editorial::~Editorial() = default;

}  // namespace pratiques::write
