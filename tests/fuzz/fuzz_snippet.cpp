// A result's extract (snippet.cpp) on any text and any words sought: the first line of the input
// holds the words sought, the rest is the text. make_snippet reads only the passages around the
// words that may be sought; the extract must be the one it makes when it reads every word (a
// sought term that starts with an apostrophe, which no word of a text is, makes it read them all);
// in a text of valid UTF-8 (as every sheet is), its marks fall on whole characters; find_snippet
// gives the same extract when it marks something, and nothing otherwise.
#include "fuzz.h"
#include "pratiques/snippet.h"
#include "pratiques/text.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const pratiques::Analyzer analyzer;
  const std::string_view input = fuzz::bytes(data, size);
  const std::size_t line = std::min(input.find('\n'), input.size());
  pratiques::Highlight sought;
  for (const pratiques::Token& t : analyzer.tokenize(input.substr(0, line))) {
    sought.terms.insert(t.term);
    sought.stems.insert(analyzer.stem(t.term));
  }
  const std::string text(input.substr(std::min(line + 1, input.size())));
  const std::size_t max_bytes = 60 + size % 200;
  const pratiques::Extract read_around = pratiques::make_snippet(analyzer, text, sought, max_bytes);
  pratiques::Highlight every_word = sought;
  every_word.terms.insert("'");
  const pratiques::Extract read_all = pratiques::make_snippet(analyzer, text, every_word, max_bytes);
  fuzz::require(read_around.text == read_all.text, "le même extrait qu'en lisant tous les mots");
  fuzz::require(read_around.marks == read_all.marks, "les mêmes mots marqués qu'en lisant tous les mots");
  const std::optional<pratiques::Extract> found = pratiques::find_snippet(analyzer, text, sought, max_bytes);
  fuzz::require(found.has_value() == read_around.marked(), "find_snippet : un extrait si et seulement s'il marque");
  fuzz::require(!found || *found == read_around, "find_snippet : l'extrait de make_snippet");
  if (pratiques::text::invalid_utf8_offset(text) == std::string::npos) {
    pratiques::Extract sanitized = read_around;
    sanitized.sanitize();
    fuzz::require(sanitized.marks == read_around.marks, "des marques sur des caractères entiers");
  }
  return 0;
}
