// The fixture corpus (tests/fixtures/corpus/fiches, 8 sheets written for the search assertions),
// indexed once per test run (ctest) or per test process, and writable copies of it.
#pragma once
#include <algorithm>
#include <string>
#include <vector>

#include "pratiques/index_writer.h"
#include "pratiques/search.h"
#include "support.h"

namespace testing {

inline const std::string& corpus_index() {
  static TempDir dir;
  static const std::string out = [] {
    if (std::string built = prebuilt_index("corpus"); !built.empty()) return built;
    pratiques::IndexOptions o;
    o.content = (fixtures() / "corpus").string();
    o.schemas = schemas().string();
    o.out = (dir.path() / "index").string();
    const pratiques::IndexReport r = pratiques::build_index(o);
    if (!r.published || r.sheets != 8)
      throw std::runtime_error("fixture corpus not indexed:\n" + describe(r.diagnostics));
    return o.out;
  }();
  return out;
}

inline const pratiques::Searcher& corpus_searcher() {
  static const pratiques::Searcher s(corpus_index());
  return s;
}

inline std::vector<std::string> ids(const std::vector<pratiques::Hit>& hits);

// A writable copy of the fixture corpus (plus `copies` copies of the valid sheet under other ids),
// and the options to index it.
struct Workspace {
  TempDir dir;
  pratiques::IndexOptions options;
  explicit Workspace(int copies = 0) {
    copy_tree(fixtures() / "corpus", dir / "content");
    for (int i = 0; i < copies; ++i) write_sheet("copie-" + std::to_string(i));
    options.content = (dir / "content").string();
    options.schemas = schemas().string();
    options.out = (dir / "index").string();
  }
  fs::path sheet(const std::string& id) const { return dir / "content" / "fiches" / (id + ".md"); }
  // A sheet written from the valid fixture sheet under another id, with more front matter.
  void write_sheet(const std::string& id, const std::string& extra_front = "") const {
    std::string text = read_file(fixtures() / "valide" / "fiche-valide.md");
    text.replace(text.find("id: fiche-valide"), 16, "id: " + id + "\n" + extra_front);
    write_file(sheet(id), text);
  }
  void replace_in(const std::string& id, const std::string& from, const std::string& to) const {
    std::string text = read_file(sheet(id));
    std::size_t n = 0;
    for (std::size_t p = text.find(from); p != std::string::npos; p = text.find(from, p + to.size()), ++n)
      text.replace(p, from.size(), to);
    if (n == 0) throw std::runtime_error("« " + from + " » absent de " + id);
    write_file(sheet(id), text);
  }
  pratiques::SearchResponse search(const std::string& q) const {
    pratiques::SearchRequest r;
    r.query = q;
    r.per_page = pratiques::kMaxPerPage;
    return pratiques::Searcher(options.out).search(r);
  }
  std::vector<std::string> found(const std::string& q) const { return ids(search(q).hits); }
};

inline std::vector<std::string> ids(const std::vector<pratiques::Hit>& hits) {
  std::vector<std::string> out;
  for (const auto& h : hits) out.push_back(h.id);
  return out;
}

// Do the results rank by how many words they hold? None lacks more words than one ranked below it,
// but among those that lack at most one word more than the best, which a sentence ranks by
// relevance (QueryPlanner, Plan::ranking).
inline bool ranked_by_words_held(const std::vector<pratiques::Hit>& hits) {
  std::size_t fewest = std::string::npos;
  for (const auto& h : hits) fewest = std::min(fewest, h.missing.size());
  std::size_t previous = 0;
  for (const auto& h : hits) {
    const std::size_t tier = std::max(h.missing.size(), fewest + 1);
    if (tier < previous) return false;
    previous = tier;
  }
  return true;
}

inline bool contains(const std::vector<std::string>& v, const std::string& x) {
  return std::find(v.begin(), v.end(), x) != v.end();
}

}  // namespace testing
