#include "pratiques/server/pool.h"

#include <filesystem>
#include <iostream>

#include "pratiques/catalogue.h"
#include "pratiques/facets.h"
#include "pratiques/index_layout.h"

namespace fs = std::filesystem;

namespace pratiques::server {

std::shared_ptr<const Generation> Generation::load(const std::string& dir) {
  auto g = std::make_shared<Generation>();
  g->dir = dir;
  g->name = fs::path(dir).filename().string();
  const fs::path file = fs::path(dir) / kCatalogFile;
  if (!fs::exists(file)) throw SearchError("aucun index dans « " + dir + " » : lancer d'abord « pratiques index »");
  Catalog cat(file.string(), false);
  const FacetSpace space = FacetSpace::load(cat);
  for (const auto& f : space.facets()) {
    g->facets.push_back({f.key, f.label});
    g->facet_keys.insert(f.key);
    g->facet_label[f.key] = f.label;
  }
  g->sheets = catalogue::sheet_count(cat);
  for (const auto& t : catalogue::top_values(cat, "thematiques", 8))
    g->top_themes.push_back({t.facet, t.value, t.label, static_cast<unsigned>(t.sheets)});
  g->suggester = Suggester::load(cat);
  g->courses = CourseFinder::load(cat);
  auto site = std::make_shared<site::SiteData>();
  site->generation = dir;
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
  std::shared_ptr<const Generation> generation;
  Searcher searcher;
  std::unique_ptr<Catalog> catalog;
  explicit Slot(std::shared_ptr<const Generation> g) : generation(std::move(g)), searcher(generation->dir) {}
};

SearcherPool::Lease::Lease(SearcherPool* pool, std::unique_ptr<Slot> slot) : pool_(pool), slot_(std::move(slot)) {}
SearcherPool::Lease::Lease(Lease&& o) noexcept : pool_(o.pool_), slot_(std::move(o.slot_)) {}
SearcherPool::Lease::~Lease() {
  if (slot_) pool_->give_back(std::move(slot_));
}
const Searcher& SearcherPool::Lease::searcher() const { return slot_->searcher; }
const Generation& SearcherPool::Lease::generation() const { return *slot_->generation; }
std::shared_ptr<const Generation> SearcherPool::Lease::shared_generation() const { return slot_->generation; }
Catalog& SearcherPool::Lease::catalog() {
  if (!slot_->catalog)
    slot_->catalog = std::make_unique<Catalog>((fs::path(slot_->generation->dir) / kCatalogFile).string(), false);
  return *slot_->catalog;
}

SearcherPool::SearcherPool(std::string index) : index_(std::move(index)) {
  refresh();
  std::lock_guard lock(mutex_);
  if (!current_) throw SearchError("index « " + index_ + " » inutilisable : lancer « pratiques index »");
}

SearcherPool::~SearcherPool() = default;

void SearcherPool::refresh() {
  // Every request asks; one readlink answers (generation names are never reused), where resolving
  // the whole path costs a system call per component.
  std::error_code ec;
  const std::string link = fs::read_symlink(index_, ec).string();
  {
    std::lock_guard lock(mutex_);
    if (current_ && link == current_link_) return;
  }
  const std::string dir = resolve_index(index_);
  const auto now = std::chrono::steady_clock::now();
  {
    std::lock_guard lock(mutex_);
    if (current_ && current_->dir == dir) {
      current_link_ = link;
      return;
    }
    if (loading_) return;  // another thread loads it; meanwhile the previous generation serves
    if (current_ && dir == failed_dir_ && now - failed_at_ < std::chrono::seconds(5)) return;
    loading_ = true;
  }
  std::shared_ptr<const Generation> g;
  try {
    g = Generation::load(dir);
    auto probe = std::make_unique<Lease::Slot>(g);  // it must also open as a searcher before it is served
    std::lock_guard lock(mutex_);
    free_.push_back(std::move(probe));
    ++open_;
  } catch (const std::exception& e) {
    std::lock_guard lock(mutex_);
    loading_ = false;
    failed_dir_ = dir;
    failed_at_ = now;
    if (!current_) throw SearchError(std::string("index inutilisable : ") + e.what());
    std::cerr << "pratiques serve : nouvelle génération d'index « " << dir << " » illisible (" << e.what()
              << ") ; la génération " << current_->name << " reste en service\n";
    return;
  }
  std::vector<std::unique_ptr<Lease::Slot>> old;
  {
    std::lock_guard lock(mutex_);
    const bool first = !current_;
    current_ = g;
    current_link_ = link;
    loading_ = false;
    if (!first) ++reloads_;
    for (auto& s : free_)
      if (s->generation != g) old.push_back(std::move(s));
    std::erase(free_, nullptr);
    open_ -= old.size();
  }
  // `old` is closed here, outside the lock.
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
    return Lease(this, std::make_unique<Lease::Slot>(gen));
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
