// What people type, through the search library as the server calls it: the query rewriter (ET/OU/
// SAUF, prefixes, phrases, the real synonyms and acronyms of schemas/), Xapian's QueryParser,
// spelling, facet counts and extracts, on an index of the fixture corpus built once. The only
// exception allowed out of a search is SearchError (a French message for the user).
#include <cstdlib>
#include <filesystem>

#include "fuzz.h"
#include "pratiques/index_writer.h"
#include "pratiques/search.h"

namespace {

struct Index {
  std::filesystem::path dir;
  std::unique_ptr<pratiques::Searcher> searcher;
  Index() {
    std::string pattern = (std::filesystem::temp_directory_path() / "pratiques-fuzz-requete-XXXXXX").string();
    fuzz::require(::mkdtemp(pattern.data()) != nullptr, "répertoire temporaire");
    dir = pattern;
    pratiques::IndexOptions o;
    o.content = fuzz::source_dir() + "/tests/fixtures/corpus";
    o.schemas = fuzz::source_dir() + "/schemas";
    o.out = (dir / "index").string();
    fuzz::require(pratiques::build_index(o).published, "index du corpus de test");
    searcher = std::make_unique<pratiques::Searcher>(o.out);
  }
  ~Index() {
    searcher.reset();
    std::filesystem::remove_all(dir);
  }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const Index index;
  pratiques::SearchRequest request;
  request.query.assign(fuzz::bytes(data, size));
  request.sort = static_cast<pratiques::Sort>(size % 3);
  try {
    const pratiques::SearchResponse r = index.searcher->search(request);
    fuzz::require(r.hits.size() <= static_cast<std::size_t>(request.per_page), "au plus une page de résultats");
    pratiques::to_json(r);
  } catch (const pratiques::SearchError&) {
  }
  return 0;
}
