#include "pratiques/server/pool.h"

#include <filesystem>
#include <iostream>

#include "pratiques/catalogue.h"
#include "pratiques/facets.h"
#include "pratiques/index_store.h"
#include "pratiques/index_layout.h"

namespace fs = std::filesystem;

namespace pratiques::server {

std::shared_ptr<const Generation> Generation::load(const Searcher& searcher, std::shared_ptr<const Suggester> keys) {
  auto g = std::make_shared<Generation>();
  g->dir = searcher.generation();
  g->publication = searcher.publication();
  Catalog& cat = searcher.catalog();  // at the searcher's publication
  // The primary's generation, which a read node's catalogue keeps: a primary and its nodes name the
  // same publication alike (a node's own directories are numbered apart).
  const std::string primary_generation = cat.meta(kGenerationKey);
  g->name = (primary_generation.empty() ? fs::path(g->dir).filename().string() : primary_generation) + "." +
            std::to_string(g->publication);
  const FacetSpace space = FacetSpace::load(cat);
  for (const auto& f : space.facets()) {
    g->facets.push_back({f.key, f.label});
    g->facet_keys.insert(f.key);
    g->facet_label[f.key] = f.label;
  }
  g->sheets = catalogue::sheet_count(cat);
  g->published_at = cat.meta(kPublishedAtKey);
  g->loaded_at = std::time(nullptr);
  for (const auto& t : catalogue::top_values(cat, "thematiques", 8))
    g->top_themes.push_back({t.facet, t.value, t.label, static_cast<unsigned>(t.sheets)});
  g->suggester_.store(keys ? std::move(keys)
                           : std::make_shared<const Suggester>(Suggester::load(cat, synonym_groups_in_sheets(g->dir))));
  g->courses = CourseFinder::load(cat);
  auto site = std::make_shared<site::SiteData>();
  site->generation = g->dir;
  site->foreign_terms = ForeignTerms::parse(cat.meta(kForeignTermsKey));  // marked in the results' titles
  for (const auto& page : catalogue::pages(cat)) {
    site::TextPage tp;
    tp.id = page.id;
    tp.title = page.title;
    tp.front = site::parse_object(page.front_json);  // footer links
    site->pages.push_back(std::move(tp));
  }
  g->site = std::move(site);
  return g;
}

struct SearcherPool::Lease::Slot {
  Searcher searcher;
  std::shared_ptr<const Generation> generation;
  // A searcher of the index as it is now; `generation` is set by the caller.
  explicit Slot(const std::string& index, std::chrono::milliseconds patience = std::chrono::seconds(10))
      : searcher(index, patience) {}
};

SearcherPool::Lease::Lease(SearcherPool* pool, std::unique_ptr<Slot> slot) : pool_(pool), slot_(std::move(slot)) {}
SearcherPool::Lease::Lease(Lease&& o) noexcept : pool_(o.pool_), slot_(std::move(o.slot_)) {}
SearcherPool::Lease::~Lease() {
  if (slot_) pool_->give_back(std::move(slot_));
}
const Searcher& SearcherPool::Lease::searcher() const { return slot_->searcher; }
const Generation& SearcherPool::Lease::generation() const { return *slot_->generation; }
std::shared_ptr<const Generation> SearcherPool::Lease::shared_generation() const { return slot_->generation; }
Catalog& SearcherPool::Lease::catalog() { return slot_->searcher.catalog(); }

SearcherPool::SearcherPool(std::string index) : index_(std::move(index)) {
  refresh();
  {
    std::lock_guard lock(mutex_);
    if (!current_) throw SearchError("index « " + index_ + " » inutilisable : lancer « pratiques index »");
  }
  keys_thread_ = std::thread([this] { build_keys(); });
}

SearcherPool::~SearcherPool() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  keys_cv_.notify_all();
  if (keys_thread_.joinable()) keys_thread_.join();
}

void SearcherPool::build_keys() {
  std::unique_lock lock(mutex_);
  for (;;) {
    keys_cv_.wait(lock, [this] { return stopping_ || keys_wanted_; });
    if (stopping_) return;
    const auto g = std::move(keys_wanted_);
    keys_wanted_.reset();
    lock.unlock();
    std::string error;
    try {
      g->suggester_.store(std::make_shared<const Suggester>(
          Suggester::load(*open_catalogue(g->dir), synonym_groups_in_sheets(g->dir))));
    } catch (const std::exception& e) {
      error = e.what();
    }
    lock.lock();
    if (!error.empty() && g == current_)  // an older state may have been removed meanwhile: no matter
      std::cerr << "pratiques serve : complétion de " << g->name << " non construite (" << error
                << ") ; celle de l'état précédent reste en service\n";
  }
}

namespace {
// A publication in place is seen within this delay (one PRAGMA data_version per delay, not per request).
constexpr auto kPublicationCheck = std::chrono::milliseconds(5);
// A state that could not be loaded (a publication not yet whole on a replica, an unreadable
// generation) is tried again after this delay; meanwhile the current one serves.
constexpr auto kRetry = std::chrono::milliseconds(100);

long long data_version(Catalog& cat) {
  auto s = cat.prepare("PRAGMA data_version");
  return s.step() ? s.integer(0) : -1;
}
}  // namespace

void SearcherPool::refresh() {
  // Every request asks; one readlink answers for another generation (names are never reused), where
  // resolving the whole path costs a system call per component.
  std::error_code ec;
  const std::string link = fs::read_symlink(index_, ec).string();
  const auto now = std::chrono::steady_clock::now();
  {
    std::lock_guard lock(mutex_);
    if (current_ && link == current_link_) {
      if (now - checked_at_ < kPublicationCheck || !probe_) return;
      checked_at_ = now;
      try {
        const long long version = data_version(*probe_);
        if (version == probe_version_) return;
        probe_version_ = version;
        if (publication_of(*probe_) == current_->publication) return;
      } catch (const std::exception&) {
        // the generation was removed under the probe: the link has changed, or soon will
      }
    }
    if (loading_) return;  // another thread loads it; meanwhile the current state serves
    if (current_ && link == failed_link_ && now - failed_at_ < kRetry) return;  // a new link is tried at once
    loading_ = true;
  }
  std::shared_ptr<const Generation> g;
  std::unique_ptr<Catalog> probe;
  std::shared_ptr<const Suggester> keys;  // the state in service's, meanwhile
  {
    std::lock_guard lock(mutex_);
    if (current_) keys = current_->suggester();
  }
  try {
    // Patience 0 when something serves already: a state not yet whole is not waited for.
    auto slot = current_ ? std::make_unique<Lease::Slot>(index_, std::chrono::milliseconds(0))
                         : std::make_unique<Lease::Slot>(index_);
    g = Generation::load(slot->searcher, keys);
    slot->generation = g;
    probe = open_catalogue(g->dir);
    data_version(*probe);
    std::lock_guard lock(mutex_);
    free_.push_back(std::move(slot));  // it opened as a searcher: it serves
    ++open_;
  } catch (const std::exception& e) {
    std::lock_guard lock(mutex_);
    loading_ = false;
    failed_at_ = now;
    failed_link_ = link;
    if (!current_) throw SearchError(std::string("index inutilisable : ") + e.what());
    const std::string state = link + " " + e.what();
    if (state != failed_)
      std::cerr << "pratiques serve : nouvelle génération d'index « " << link << " » illisible pour l'instant ("
                << e.what() << ") ; la génération " << current_->name << " reste en service\n";
    failed_ = state;
    return;
  }
  std::vector<std::unique_ptr<Lease::Slot>> old;
  {
    std::lock_guard lock(mutex_);
    const bool first = !current_;
    current_ = g;
    current_link_ = link;
    probe_ = std::move(probe);
    probe_version_ = data_version(*probe_);
    checked_at_ = now;
    failed_.clear();
    loading_ = false;
    if (!first) {
      ++reloads_;
      keys_wanted_ = g;
      keys_cv_.notify_one();
    }
    for (auto& s : free_)
      if (s->generation != g) old.push_back(std::move(s));
    std::erase(free_, nullptr);
    open_ -= old.size();
  }
  // `old` is closed here, outside the lock.
}

void SearcherPool::recheck() {
  std::lock_guard lock(mutex_);
  checked_at_ = {};
}

SearcherPool::Lease SearcherPool::acquire() {
  refresh();
  std::vector<std::unique_ptr<Lease::Slot>> stale;
  std::unique_lock lock(mutex_);
  const auto gen = current_;
  while (!free_.empty()) {
    auto s = std::move(free_.back());
    free_.pop_back();
    if (s->generation == gen) {
      lock.unlock();
      return Lease(this, std::move(s));
    }
    --open_;
    stale.push_back(std::move(s));
  }
  ++open_;
  lock.unlock();
  stale.clear();
  try {
    auto slot = std::make_unique<Lease::Slot>(index_);
    slot->generation = gen;  // or one publication older than the searcher's: the next lease moves on
    return Lease(this, std::move(slot));
  } catch (...) {
    lock.lock();
    --open_;
    throw;
  }
}

void SearcherPool::give_back(std::unique_ptr<Lease::Slot> slot) {
  {
    std::lock_guard lock(mutex_);
    if (slot->generation == current_) {
      free_.push_back(std::move(slot));
    } else {
      --open_;
    }
  }
  // A slot of an older generation is destroyed here (the searcher closes its files).
}

std::shared_ptr<const Generation> SearcherPool::current() {
  refresh();
  std::lock_guard lock(mutex_);
  return current_;
}

SearcherPool::Stats SearcherPool::stats() const {
  std::lock_guard lock(mutex_);
  return {reloads_, open_};
}

}  // namespace pratiques::server
