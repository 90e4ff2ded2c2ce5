// Terms of another language than French that the texts use as they are ("empowerment",
// "community organizing"), with their language, listed in schemas/termes_etrangers.yaml: the pages
// mark each occurrence <span lang="en"> (WCAG 2.1 SC 3.1.2, RGAA 8.7) so that a screen reader
// reads it in that language, not with French phonetics.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace pratiques {

struct ForeignTerm {
  std::string term, lang;  // lang: a BCP 47 tag ("en"), checked by load_grid()
};

// The catalogue's meta key that holds them (serialize()), for the site and the server's pages.
inline constexpr const char* kForeignTermsKey = "foreign_terms";

class ForeignTerms {
 public:
  ForeignTerms() = default;
  explicit ForeignTerms(std::vector<ForeignTerm> terms);
  // The catalogue's meta "foreign_terms" (serialize()): one "lang<TAB>term" a line.
  static ForeignTerms parse(std::string_view lines);
  std::string serialize() const;
  bool empty() const { return terms_.empty(); }

  struct Occurrence {
    std::size_t begin, end;  // bytes of the text
    const std::string* lang;
  };
  // The occurrences of the terms in `text`, in order and disjoint: whole words only (neither
  // letter, digit, hyphen nor underscore on either side), ASCII letters in any case, the words of
  // a term separated by any run of spaces (no-break ones included); the longest term first.
  std::vector<Occurrence> find(std::string_view text) const;
  // `text` HTML-escaped (apostrophes kept, as the site's templates escape), each occurrence within
  // <span lang="…">: for element content, never an attribute or <title>.
  std::string html(std::string_view text) const;

 private:
  std::vector<ForeignTerm> terms_;  // longest first
};

}  // namespace pratiques
