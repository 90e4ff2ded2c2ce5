// Turns what people type into a Xapian QueryParser string: French folding, ET/OU/SAUF,
// known field prefixes, synonym expansion; malformed input degrades to plain words.
#pragma once
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "pratiques/analyze.h"
#include "pratiques/synonyms.h"

namespace pratiques {

// One thing a plain query asks for: a word, or the words of a synonym group with the group.
struct QueryUnit {
  std::string parser_input;  // "potager", "((mutualite AND sociale AND agricole) OR syn:12)"
  std::string label;         // as typed: "mutualité sociale agricole"
};

struct RewrittenQuery {
  std::string parser_input;        // for Xapian::QueryParser (FLAG_BOOLEAN | FLAG_PHRASE | FLAG_LOVEHATE)
  std::string plain_input;         // same words, no syntax: the fallback
  std::vector<std::string> words;  // folded free words (for spelling), stop words left out
  std::vector<std::string> known;  // synonyms, acronyms and words typed in capitals: never "corrected"
  // Words of three letters or fewer typed in capitals that no group knows, folded: acronyms the
  // sheets do not write, sought as written, never by their stem (« PRE » is not « près »).
  std::set<std::string> as_written;
  // `words` by where they are sought, those excluded ("-jeunes") left out: anywhere in a sheet, or
  // in one field or section, with its query prefix ("freins:élus": {"freins", "elus"}).
  std::vector<std::string> free_words;
  std::vector<std::pair<std::string, std::string>> field_words;
  // Synonym groups sought in a field or section by their terms' words ("mode:isic": "action
  // collective"…, the field's text having no group terms), what an extract marks of them.
  std::set<int> field_groups;
  // A query of plain words only (no operator, phrase, prefix or sign): its units, stop words left
  // out, and all its words, to favour documents that hold them side by side ("visite a domicile").
  std::vector<QueryUnit> units;
  std::vector<std::string> phrase;  // empty when fewer than two words
  bool has_operators = false;
  // Words typed with a final "*" after fewer letters than a truncation needs ("ma*"), as typed:
  // each is sought as the word itself.
  std::vector<std::string> short_truncations;
  // Words typed with a final "*" past the most a query truncates (the fifth…), as typed: each is
  // sought as the word itself.
  std::vector<std::string> extra_truncations;
  // Names typed before a colon that are no query prefix ("auteur" of « auteur:Freire »), as typed:
  // the name and the word are sought as words.
  std::vector<std::string> unknown_prefixes;
  // The words and phrases typed with a "-", which no result holds, as typed with their prefix
  // ("isolement" of « -isolement », "freins:\"le transport\"").
  std::vector<std::string> excluded;
};

// Whether a word is sought as written, not by its stem, which is a short word's or a letter
// ("deas": "de", "es": "e", "ds": "d"): by its stem, « DEAS » found every sheet by « de » and
// « des », « es » the « e » of « élu(e) ». `stopwords`: folded.
inline bool stem_misleads(const std::string& word, const std::string& stem, const std::set<std::string>& stopwords) {
  return stem != word && (stem.size() == 1 || stopwords.count(stem)) && !stopwords.count(word);
}

class QueryRewriter {
 public:
  // `stopwords`: folded. They are searched only when a query has nothing else ("de la"): a short
  // word never widens nor narrows a query ("visite à domicile" is "visite domicile").
  // What the rewriter asks of the index; each may be null (never, nothing).
  struct IndexWords {
    // Whether the index holds a hyphenated word of these folded parts ({"seine", "saint",
    // "denis"}): words typed apart that some sheet writes with hyphens ("seine saint denis", "ile
    // de france") are then one unit, as if typed so.
    std::function<bool(const std::vector<std::string>& parts)> compound;
    // When these folded words, stop words included, name a place of the territories' vocabularies
    // ("grand est", "val de marne", "marne"), where else to seek it: its name in the fields that
    // give a sheet's place ({"region:\"grand est\""}), a former région's départements
    // ({"departement:59", "departement:62"}); nothing otherwise. A place is one unit, its words in
    // a row, never corrected, sought in the text and there.
    std::function<std::optional<std::vector<std::string>>(const std::vector<std::string>& words)> place;
    // The query prefixes of the fields that give a sheet's place ("region", "departement"): a place
    // typed after one is sought in each field `place` names ("region:Picardie": its départements).
    std::set<std::string> place_prefixes;
    // The sheets' words (folded) that start with a folded prefix, the most frequent first, a
    // bounded number: a truncated word ("habit*") is sought as any of them.
    std::function<std::vector<std::string>(const std::string& prefix)> starting_with;
    // Abbreviations that the sheets do not write, as folded words ({"educ", "spe"}) → what they
    // stand for, as written ("éducateur spécialisé"): a plain word or words typed so are read as
    // that text.
    std::map<std::vector<std::string>, std::string> abbreviations;
  };
  // `prefix_aliases`: folded other names of a prefix → the prefix (« thematique » → « theme »); a
  // prefix's singular or plural names it too (« frein: », « titres: »).
  QueryRewriter(const Analyzer& analyzer, const SynonymMatcher& synonyms, std::vector<std::string> prefixes,
                std::set<std::string> stopwords, IndexWords index = {},
                std::map<std::string, std::string> prefix_aliases = {});
  // `whole_groups`: a synonym group typed in several words ("Haut Conseil du travail social") is
  // one unit; without, each word is its own unit (what a search relaxes to when too few documents
  // hold the group, Searcher::search).
  RewrittenQuery rewrite(const std::string& query, bool whole_groups = true) const;

 private:
  const Analyzer& analyzer_;
  const SynonymMatcher& synonyms_;
  std::vector<std::string> prefixes_;  // known query prefixes (titre, freins, theme…)
  std::set<std::string> stopwords_;
  IndexWords index_;
  std::map<std::string, std::string> prefix_aliases_;
};

}  // namespace pratiques
