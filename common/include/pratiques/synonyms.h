// Synonym groups (vocabulary labels and their synonyms, rings, acronyms) matched on stems,
// the same way in documents (index time) and queries (query time).
#pragma once
#include <map>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "pratiques/analyze.h"

namespace pratiques {

class Catalog;

// How the names of the derivation rings begin (schemas/synonymes.yaml, anneaux_recherche): a verb
// that the French stemmer parts from its nouns, the nouns listed as narrower terms so that they do
// not search the verb.
inline constexpr std::string_view kDerivationRing = "anneau:Dérivation";

// Equivalent terms for search: vocabulary labels with their synonyms, rings, acronyms. A
// `narrower` term is more specific than the group (an example, a scheme, the acronym of a part):
// a sheet that uses it is found by the group, but searching for it does not search the group.
struct SynonymGroup {
  std::string name;  // "thematiques:parentalite", "anneau:Aidants", "sigle:CAF"
  std::vector<std::string> terms;
  std::vector<std::string> narrower;
};

struct SynonymMatch {
  std::size_t first = 0, last = 0;  // token indices, inclusive
  int group = 0;
};

class SynonymMatcher {
 public:
  SynonymMatcher() = default;
  // `short_words`: folded (schemas/recherche.yaml's mots_vides). A term of several words is matched
  // on its other words; where the term has short words between two of them, the text may have up
  // to kShortWordsBetween others, or none: "conseil de la vie sociale" is found where a text says
  // "conseils de vie sociale" (words the term writes side by side stay side by side).
  SynonymMatcher(const std::vector<SynonymGroup>& groups, const Analyzer& analyzer,
                 std::set<std::string> short_words = {});
  // The catalogue's groups and patterns, its meta "mots_vides" the short words.
  static SynonymMatcher load(Catalog& catalog, const Analyzer& analyzer);
  static constexpr std::size_t kShortWordsBetween = 2;
  void save(Catalog& catalog) const;

  // Every group occurrence in a token sequence (Analyzer::tokenize_stemmed; joined compound tokens
  // are skipped by the caller), narrower terms included: what a document says.
  std::vector<SynonymMatch> match(std::span<const Token> tokens) const;
  // Longest matches, left to right, without overlap, narrower terms left out: what a query asks
  // for ("EHPAD" is not every établissement médico-social).
  std::vector<SynonymMatch> longest(const std::vector<Token>& tokens) const;
  // The matches of narrower terms only ("Freire", narrower than the mode « conscientisation »):
  // what a query that finds nothing may be widened to. Not the nouns of a derivation ring
  // (kDerivationRing): « formation » is no more precise a term than « former », only one that
  // does not search the verb.
  std::vector<SynonymMatch> narrower(const std::vector<Token>& tokens) const;
  // The stems of group `group`'s patterns, each once, an acronym's as its folded form: `first`,
  // those a pattern starts with, and `all`. A word that starts otherwise than all of them is in
  // none of the group's matches (Analyzer::beginning), so an extract need not stem it; and a
  // passage none of whose words starts as one of `first` holds no match of the group.
  struct Stems {
    std::vector<std::string> first, all;
  };
  const Stems& stems(int group) const;
  // Is this folded word an acronym of a group ("msa", "caf")? Its capitalised form is indexed
  // without stem: a query must not stem it either.
  bool acronym(const std::string& folded) const { return by_first_stem_.count(std::string(1, kExact) + folded) > 0; }
  // Unstemmed on purpose: QueryParser does not stem a term that starts with a digit ("syn:12").
  static std::string group_term(int group) { return "XY" + std::to_string(group); }
  // The terms a query expands group `group` to (its narrower terms left out).
  const std::vector<std::string>& terms(int group) const { return groups_[static_cast<std::size_t>(group)].terms; }
  // Its name: "thematiques:parentalite" (a vocabulary's value), "anneau:…", "sigle:CAF".
  const std::string& name(int group) const { return groups_[static_cast<std::size_t>(group)].name; }
  std::size_t size() const { return groups_.size(); }

 private:
  struct Pattern {
    std::vector<std::string> stems;  // an acronym: kExact + its folded form (acronyms are not stemmed)
    std::vector<bool> gap;           // gap[k]: the term has short words before stems[k]
    int group;
    bool needs_upper;  // acronyms that are also French words ("DE", "AS") match only in capitals
    bool narrower;     // SynonymGroup::narrower: matched in documents, never expanded from a query
  };
  enum class Which { Expanding, All, Narrower };  // which patterns find() matches
  std::vector<SynonymMatch> find(std::span<const Token> tokens, Which which) const;
  static constexpr char kExact = '\x01';
  std::vector<SynonymGroup> groups_;
  std::set<std::string> short_words_;
  // Looked up for every word of the text of each extract: hashed, not ordered.
  std::unordered_map<std::string, std::vector<Pattern>> by_first_stem_;
  // stems() of each group, computed once: an extract asks for them at every result.
  std::vector<Stems> stems_;
  void build(const Analyzer& analyzer);
  void read_patterns(std::string_view lines);  // as save() writes them
  void index_stems();
};

}  // namespace pratiques
