// The fixture corpus (tests/fixtures/corpus/fiches, 8 sheets written for the search assertions),
// indexed once per test process into a temporary directory.
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
    pratiques::IndexOptions o;
    o.content = (fixtures() / "corpus").string();
    o.schemas = schemas().string();
    o.out = (dir.path() / "index").string();
    const pratiques::IndexReport r = pratiques::build_index(o);
    if (!r.published || r.sheets != 8) throw std::runtime_error("fixture corpus not indexed:\n" + describe(r.diagnostics));
    return o.out;
  }();
  return out;
}

inline const pratiques::Searcher& corpus_searcher() {
  static const pratiques::Searcher s(corpus_index());
  return s;
}

inline std::vector<std::string> ids(const std::vector<pratiques::Hit>& hits) {
  std::vector<std::string> out;
  for (const auto& h : hits) out.push_back(h.id);
  return out;
}

inline bool contains(const std::vector<std::string>& v, const std::string& x) {
  return std::find(v.begin(), v.end(), x) != v.end();
}

}  // namespace testing
