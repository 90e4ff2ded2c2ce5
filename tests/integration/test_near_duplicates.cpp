// Near-duplicates (near_duplicates.cpp): a sheet with 10 % of its words changed is flagged
// [doublon-probable] by `pratiques check` and `pratiques index`, naming both sheets and the
// similarity; the distinct practices of content/ (several per theme) are not; and the catalogue
// answers the curators' question for a new submission.
#include <catch2/catch.hpp>

#include <atomic>
#include <filesystem>

#include "corpus.h"
#include "pratiques/catalog.h"
#include "pratiques/generations.h"
#include "pratiques/near_duplicate_warnings.h"
#include "pratiques/near_duplicates.h"
#include "pratiques/sheet_document.h"
#include "pratiques/validate.h"

using namespace pratiques;
namespace fs = std::filesystem;

namespace {

Diagnostics near_warnings(const Diagnostics& all) { return testing::with_rule(all, "doublon-probable"); }

}  // namespace

TEST_CASE("fingerprints: stable text form, similarity of a 10 % edit well above the threshold", "[near-duplicates]") {
  const std::string text = testing::read_file(testing::fixtures() / "corpus/fiches/ecole-ouverte-parents-fives.md");
  const Fingerprint f = fingerprint(text);
  CHECK_FALSE(f.empty);
  CHECK(Fingerprint::from_hex(f.hex()).mins == f.mins);
  CHECK(shingle_similarity(text, text) == 1.0);
  CHECK(shingle_similarity(text, testing::near_copy(text, "x")) >= kNearDuplicate);
  CHECK(fingerprint("deux mots").empty);
}

TEST_CASE("shingles are the FNV-1a hashes of three folded words, as stored in catalogues", "[near-duplicates]") {
  // Fingerprints are kept in the catalogue from one run to the next: the hash of a shingle must not
  // change. FNV-1a 64 of "un deux trois" and of "deux trois quatre", computed apart.
  CHECK(shingle_set("Un, DEUX trois\nquatre") ==
        std::vector<std::uint64_t>{0x5abf16872e00e66aULL, 0xc3410f7524eeb16fULL});
}

TEST_CASE("near-duplicate warnings hold fingerprints and read again only the texts of close pairs",
          "[near-duplicates]") {
  // What `pratiques check` does for a whole collection: texts are not kept, each is asked for again
  // when its pair is worth an exact comparison; unrelated sheets are never read again.
  const std::string original = testing::read_file(testing::fixtures() / "corpus/fiches/ecole-ouverte-parents-fives.md");
  const std::vector<std::string> texts = {
      original, testing::near_copy(original, "copie"),
      testing::read_file(testing::source_dir() / "content/fiches/agille-dgcs-adf.md")};
  std::vector<NearDuplicateCandidate> sheets;
  for (std::size_t i = 0; i < texts.size(); ++i)
    sheets.push_back({"fiches/f" + std::to_string(i) + ".md", "f" + std::to_string(i), fingerprint(texts[i]), i != 0});
  std::vector<int> reads(texts.size());
  const Diagnostics out = near_duplicate_warnings(sheets, [&](std::size_t i) {
    ++reads[i];
    return texts[i];
  });
  REQUIRE(out.size() == 1);
  CHECK(out[0].path == "fiches/f1.md");  // the reported sheet of the pair, naming the other
  CHECK(out[0].message.find("« f0 »") != std::string::npos);
  CHECK(reads[0] == 1);
  CHECK(reads[1] == 1);
  CHECK(reads[2] == 0);
}

TEST_CASE("near-duplicate warnings over many close pairs: the serial order, each text read once", "[near-duplicates]") {
  // 100 copies of one sheet: some 1,500 close pairs, compared a window at a time, the texts of a
  // window read again on every core. The warnings are still those of the pairs in order: each sheet
  // names the three that follow it, and no more.
  const std::string original = testing::read_file(testing::fixtures() / "corpus/fiches/ecole-ouverte-parents-fives.md");
  constexpr std::size_t kCopies = 100;
  std::vector<std::string> texts;
  std::vector<NearDuplicateCandidate> sheets;
  for (std::size_t i = 0; i < kCopies; ++i) {
    texts.push_back(testing::near_copy(original, "copie-" + std::to_string(i)));
    sheets.push_back({"fiches/f" + std::to_string(i) + ".md", "f" + std::to_string(i), fingerprint(texts[i]), true});
  }
  std::vector<std::atomic<int>> reads(kCopies);
  const Diagnostics out = near_duplicate_warnings(sheets, [&](std::size_t i) {
    ++reads[i];
    return texts[i];
  });
  std::vector<std::string> expected;
  for (std::size_t i = 0; i < kCopies; ++i)
    for (std::size_t j = i + 1; j < std::min(kCopies, i + 1 + kMaxNearDuplicates); ++j)
      expected.push_back("fiches/f" + std::to_string(i) + ".md « f" + std::to_string(j) + " »");
  std::vector<std::string> got;
  for (const auto& d : out) got.push_back(d.path + " " + d.message.substr(d.message.find("« "), d.message.find(" »") + 3 - d.message.find("« ")));
  CHECK(got == expected);
  for (std::size_t i = 0; i < kCopies; ++i) CHECK(reads[i] == 1);
}

TEST_CASE("pratiques check flags a near copy, naming both sheets and the similarity", "[near-duplicates]") {
  testing::TempDir dir;
  testing::copy_tree(testing::fixtures() / "corpus", dir / "content");
  const fs::path sheets = dir / "content" / "fiches";
  testing::write_file(
      sheets / "ecole-ouverte-parents-copie.md",
      testing::near_copy(testing::read_file(sheets / "ecole-ouverte-parents-fives.md"), "ecole-ouverte-parents-copie"));
  const auto result = check_paths(testing::grid(), {(sheets / "ecole-ouverte-parents-copie.md").string()});
  const auto near = near_warnings(result.diagnostics);
  REQUIRE(near.size() == 1);
  CHECK(near[0].severity == Severity::Warning);
  CHECK(near[0].path.ends_with("ecole-ouverte-parents-copie.md"));
  CHECK(near[0].message.find("« ecole-ouverte-parents-fives »") != std::string::npos);
  CHECK(near[0].message.find("similarité ") != std::string::npos);
  // Checking the whole directory names the pair once.
  CHECK(near_warnings(check_paths(testing::grid(), {sheets.string()}).diagnostics).size() == 1);

  // `pratiques index` warns too (and still publishes), and the catalogue finds the original for a
  // new submission's text.
  IndexOptions o;
  o.content = (dir / "content").string();
  o.schemas = testing::schemas().string();
  o.out = (dir / "index").string();
  const IndexReport r = build_index(o);
  CHECK(r.published);
  const auto indexed = near_warnings(r.diagnostics);
  REQUIRE(indexed.size() == 1);
  CHECK((indexed[0].message.find("ecole-ouverte-parents-fives") != std::string::npos ||
         indexed[0].message.find("ecole-ouverte-parents-copie") != std::string::npos));
  Catalog cat((fs::path(resolve_index(o.out)) / kCatalogFile).string(), false);
  Diagnostics ignored;
  const Document submission = parse_document(
      "soumission.md", testing::near_copy(testing::read_file(sheets / "sejour-repit-aidants-msa.md"), "soumission"),
      ignored);
  const auto found = find_near_duplicates(cat, extract_text(submission));
  REQUIRE_FALSE(found.empty());
  CHECK(found[0].id == "sejour-repit-aidants-msa");
  CHECK(found[0].similarity >= kNearDuplicate);
  CHECK(found[0].similarity < 1.0);
}

TEST_CASE("the distinct practices of content/ are not flagged, several of them on the same theme",
          "[near-duplicates]") {
  const auto result = check_paths(testing::grid(), {(testing::source_dir() / "content" / "fiches").string()});
  CHECK(result.files >= 40);
  CHECK(near_warnings(result.diagnostics).empty());
}
