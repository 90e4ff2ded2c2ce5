// The French analyser, used identically at index and query time: case and accent folding,
// ligatures, elisions (l', d', qu', jusqu'… with ' and ’), hyphenated compounds, Snowball stems.
#pragma once
#include <xapian.h>

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace pratiques {

struct Token {
  std::string term;       // folded, elision removed: "ecole"
  std::string stem;       // its Snowball stem, "ecol": filled by tokenize_stemmed only
  std::size_t begin = 0;  // byte offsets in the original text
  std::size_t end = 0;
  bool upper = false;   // written in capitals (acronyms): "CAF"
  bool joined = false;  // the whole form of a hyphenated compound: "coformation"
};

class Analyzer {
 public:
  Analyzer();
  // Words of a text, in order. A hyphenated word yields its parts, then (joined = true,
  // same position as the last part) its whole form without hyphens. A narrow no-break space
  // (U+202F) separates words, as a space does.
  std::vector<Token> tokenize(std::string_view text) const;
  // The same, every text broken into words by ICU (tokenize() breaks the texts written in Latin
  // letters and common punctuation itself, as ICU does; the tests compare the two).
  std::vector<Token> tokenize_with_icu(std::string_view text) const;
  // The same as tokenize, with each token's stem: what indexing and synonym matching read, so that
  // a word indexed under several prefixes and matched against the rings is stemmed once.
  std::vector<Token> tokenize_stemmed(std::string_view text) const;
  // The Snowball stem, from a per-thread cache: the reference is valid until the next call. A
  // folded word ending in "ee" or "ees" loses that "e" or "es" first: Snowball reads the "ée" of
  // "immigrée" as an ending, which it cannot see once the accent is gone ("immigree" → "immigre",
  // "immigre" → "immigr"). "aidant" (the caregiver) has its own stem, apart from "aide".
  const std::string& stem(const std::string& term) const;
  // What a folded word shares with its stem: its first three bytes (all of it when shorter), a y
  // read as i, packed with their count. Snowball's French stemmer rewrites endings only, and may
  // turn a y into an i ("envoyer" → "envoi"): so beginning(stem) == beginning(word's first
  // min(3, stem.size()) bytes), and a word none of whose beginnings is a stem's is not stemmed to it
  // (extracts skip those words, and whole passages made only of them).
  static std::uint32_t beginning(std::string_view folded);
  // Is `written` an elided article typed apart, with a space for its apostrophe, before `next`
  // (folded): "d" before "agir", "l" before "enfance"? Left out, as the apostrophe's is.
  static bool elided_article_apart(std::string_view written, std::string_view next);
  // Folds a free-text query the same way (used before Xapian's QueryParser).
  std::string fold_query_word(std::string_view word) const;
  // Analyzer::stem as a Xapian::Stem, for Xapian's QueryParser.
  const Xapian::Stem& stemmer() const { return stemmer_; }

 private:
  Xapian::Stem stemmer_;
};

// Removes the elided article or pronoun that begins a folded word (l' d' qu' j' n' s' c' m' t'
// jusqu' lorsqu' puisqu'; the folded apostrophe is always '): "l'ecole" → "ecole". A word that is
// only the elision ("l'") stays. What the analyser does to every word; the completion does it to
// what is typed.
void strip_elision(std::string& folded);

// Where the word of token `t` of `text` begins: after the elided article that the token's text
// begins with ("d'impact": at "impact"), at the token otherwise.
std::size_t word_begin(std::string_view text, const Token& t);

// French words that some acronyms spell ("DE", "AS", "CAS"...): in lower case they are the word,
// not the acronym.
bool spells_a_word(const std::string& folded);

// "Gard", "Île", "Évreux", "GARD": text whose first letter is a capital, of any alphabet (ICU),
// unlike "garde" or "île".
bool starts_with_capital(std::string_view text);

// How a collection writes its accented words: for each folded term written with accents
// somewhere, its first accented form and how often it is written so and plainly. A suggestion
// shows the usual spelling: "isolement", which sheets write, not "isolément", which one does.
class WrittenForms {
 public:
  // One occurrence of `term`, written as `written` (the text's bytes).
  void seen(const std::string& term, std::string_view written);
  // Adds the counts of forms seen after these (a later range of sheets): the first form kept.
  void merge(const WrittenForms& later);
  // Folded term → accented form, for the terms written with accents more often than without.
  std::map<std::string, std::string> usual_accented() const;

 private:
  struct Counts {
    std::string form;  // the first accented form, empty until one is seen
    std::uint32_t accented = 0, plain = 0;
  };
  std::unordered_map<std::string, Counts> terms_;
};

// Adds a field's text to a document: each word's "Z"-stem, with an optional prefix, a weight (wdf
// increment) and its position. A query seeks every word by its stem (QueryPlanner::any_form and
// inflected), so the words as written are not stored. The positions are on the stems, so that a
// phrase in any form of its words reads one list a word. An acronym is stored as written too,
// with its positions (in capitals without a stem; in lower case not when it spells a French word,
// spells_a_word). Returns the next free position.
// `forms` (optional) counts how the words are written (WrittenForms), so that spelling
// suggestions can be shown accented ("parentalite" → "parentalité").
// `acronyms` (optional, folded): a word of this set written with a capital ("CAF", "Caf") gets no
// stem, so that a query for "café" (stem "caf") does not find the Caisse d'allocations familiales.
// `places` (optional, folded): the names of one word of départements and régions ("gard", "var");
// written with a capital, and not as a part of a hyphenated word ("Auvergne-Rhône-Alpes"), such a
// word is stored as written too, beside its stem, so that a query for the place seeks it so
// ("Gard", not the stem of "garde"; QueryPlanner).
Xapian::termpos index_text(Xapian::Document& doc, const Analyzer& analyzer, std::string_view text,
                           Xapian::termcount weight, const std::string& prefix, Xapian::termpos pos,
                           WrittenForms* forms = nullptr, const std::set<std::string>* acronyms = nullptr);
// Same, for text already tokenized by tokenize_stemmed (a text indexed under several prefixes is
// tokenized and stemmed once).
Xapian::termpos index_tokens(Xapian::Document& doc, std::string_view text, const std::vector<Token>& tokens,
                             Xapian::termcount weight, const std::string& prefix, Xapian::termpos pos,
                             WrittenForms* forms = nullptr, const std::set<std::string>* acronyms = nullptr,
                             const std::set<std::string>* places = nullptr);
}  // namespace pratiques
