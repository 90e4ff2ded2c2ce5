#include "pratiques/query.h"

#include <algorithm>
#include <cctype>
#include <utility>

#include "pratiques/text.h"
#include "lexicon.h"

namespace pratiques {

namespace {

enum class Kind { Word, Phrase, Open, Close, And, Or, Not };

struct Piece {
  Kind kind = Kind::Word;
  std::string text;    // raw word or phrase content
  std::string prefix;  // known field prefix, if any
  char sign = 0;       // '+' or '-' (love/hate)
};

bool starts_with(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

// Opening and closing quotes: " « » “ ”.
std::size_t quote_length(std::string_view s, std::size_t i) {
  if (s[i] == '"') return 1;
  for (std::string_view q : {"\xC2\xAB", "\xC2\xBB", "\xE2\x80\x9C", "\xE2\x80\x9D"})
    if (starts_with(s.substr(i), q)) return q.size();
  return 0;
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

// The query cut into words, phrases, parentheses and operators; a known prefix ("titre:") and a
// sign ("+", "-") stay with their word or phrase.
// `aliases`: other names of a prefix (« thematique: », theme:). `unknown`: the names typed before a
// colon that are no prefix, as typed ("auteur" of « auteur:Freire »), each once.
std::vector<Piece> lex(std::string_view s, const std::vector<std::string>& prefixes,
                       const std::map<std::string, std::string>& aliases, std::vector<std::string>& unknown) {
  std::vector<Piece> pieces;
  // The prefix a folded name typed stands for, "" for none: itself, one of its other names, or
  // its singular or plural (« frein: », « titres: »).
  const auto prefix_named = [&](const std::string& name) -> std::string {
    const auto known = [&](const std::string& n) {
      return std::find(prefixes.begin(), prefixes.end(), n) != prefixes.end();
    };
    if (known(name)) return name;
    if (const auto a = aliases.find(name); a != aliases.end()) return a->second;
    if (name.size() > 1 && name.back() == 's' && known(name.substr(0, name.size() - 1)))
      return name.substr(0, name.size() - 1);
    if (known(name + "s")) return name + "s";
    return "";
  };
  // The prefix of each open bracket, "" for none: « theme:(logement OU santé) » is
  // « theme:logement OU theme:santé », as library catalogues read it (the prefix was dropped).
  std::vector<std::string> bracket_prefixes;
  std::string prefix_of_next_bracket;
  const auto bracket_prefix = [&] {
    for (auto b = bracket_prefixes.rbegin(); b != bracket_prefixes.rend(); ++b)
      if (!b->empty()) return *b;
    return std::string();
  };
  std::size_t i = 0;
  while (i < s.size()) {
    if (is_space(s[i])) {
      ++i;
      continue;
    }
    Piece p;
    if (s[i] == '(' || s[i] == ')') {
      p.kind = s[i] == '(' ? Kind::Open : Kind::Close;
      if (p.kind == Kind::Open)
        bracket_prefixes.push_back(std::exchange(prefix_of_next_bracket, std::string()));
      else if (!bracket_prefixes.empty())
        bracket_prefixes.pop_back();
      pieces.push_back(p);
      ++i;
      continue;
    }
    prefix_of_next_bracket.clear();
    if ((s[i] == '+' || s[i] == '-') && i + 1 < s.size() && !is_space(s[i + 1])) p.sign = s[i++];
    std::size_t q = quote_length(s, i);
    if (q == 0) {
      // The word from `i`: up to a space, a parenthesis or a quote. But an ending glued in brackets
      // (« social(e) », « intervenant(e)s », as the professions' labels write them) is the word's:
      // the analyser leaves it out (its brackets grouped the letter « e », which no sheet lacked).
      const auto glued_ending = [&](std::size_t at) {
        if (at == 0 || at >= s.size() || s[at] != '(' || is_space(s[at - 1]) || s[at - 1] == '(' || s[at - 1] == ':')
          return std::size_t{0};
        std::size_t close = at + 1;
        while (close < s.size() && close - at <= 6 && std::isalpha(static_cast<unsigned char>(s[close]))) ++close;
        return close < s.size() && s[close] == ')' && close > at + 1 ? close + 1 - at : std::size_t{0};
      };
      const auto next_word = [&] {
        const std::size_t start = i;
        while (i < s.size() && !is_space(s[i]) && s[i] != ')' && quote_length(s, i) == 0) {
          if (s[i] == '(') {
            const std::size_t ending = i > start ? glued_ending(i) : 0;
            if (ending == 0) break;
            i += ending;
            continue;
          }
          ++i;
        }
        return std::string(s.substr(start, i - start));
      };
      std::string word = next_word();
      const auto skip_spaces = [&] {
        std::size_t j = i;
        while (j < s.size() && is_space(s[j])) ++j;
        return j;
      };
      // A space before the colon, as French typography puts one (« titre : jardin »): the prefix
      // still applies (it became the word « titre »).
      if (word.find(':') == std::string::npos && !prefix_named(text::fold(word)).empty() && skip_spaces() < s.size() &&
          s[skip_spaces()] == ':') {
        i = skip_spaces() + 1;
        word += ':';
      }
      const std::size_t colon = word.find(':');
      if (colon != std::string::npos && colon > 0) {
        const std::string name = text::fold(word.substr(0, colon));
        if (const std::string prefix = prefix_named(name); !prefix.empty()) {
          p.prefix = prefix;
          word = word.substr(colon + 1);
          // A space after the colon (« freins: élus »): the prefix is the next word's or phrase's,
          // or the next bracket's words'.
          if (word.empty()) {
            i = skip_spaces();
            if (i < s.size() && quote_length(s, i))
              q = quote_length(s, i);  // prefix:"a phrase"
            else if (i < s.size() && s[i] == '(') {
              prefix_of_next_bracket = p.prefix;
              continue;
            } else
              word = next_word();
          }
        } else {
          // A name of letters before its colon, some word after it: meant as a prefix ("10:30",
          // "http://" are not), said to be none.
          const std::string typed = word.substr(0, colon);
          if (std::all_of(name.begin(), name.end(), [](char c) { return (c >= 'a' && c <= 'z') || c == '_'; }) &&
              word.compare(colon + 1, 1, "/") != 0 &&
              std::none_of(unknown.begin(), unknown.end(), [&](const std::string& u) { return text::fold(u) == name; }))
            unknown.push_back(typed);
          for (char& c : word)
            if (c == ':') c = ' ';
        }
      }
      if (q == 0) {
        if (p.prefix.empty() && !p.sign) {
          if (word == "ET" || word == "AND")
            p.kind = Kind::And;
          else if (word == "OU" || word == "OR")
            p.kind = Kind::Or;
          else if (word == "SAUF" || word == "NOT")
            p.kind = Kind::Not;
        }
        if (p.kind == Kind::Word && p.prefix.empty()) p.prefix = bracket_prefix();
        p.text = word;
        pieces.push_back(p);
        continue;
      }
    }
    // A phrase, up to the next quote (or the end).
    i += q;
    std::size_t start = i;
    while (i < s.size() && quote_length(s, i) == 0) ++i;
    p.kind = Kind::Phrase;
    if (p.prefix.empty()) p.prefix = bracket_prefix();
    p.text = std::string(s.substr(start, i - start));
    if (i < s.size()) i += quote_length(s, i);
    pieces.push_back(p);
  }
  return pieces;
}

// An operator needs an operand on each side ("ecole AND", "OR ecole" would fail to parse, and the
// fallback would then require the word "and"); a leading NOT stays (pure negation).
std::vector<std::string> without_dangling_operators(const std::vector<std::string>& parts) {
  auto is_operator = [](const std::string& p) { return p == "AND" || p == "OR" || p == "NOT"; };
  std::vector<std::string> kept;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (is_operator(parts[i])) {
      const bool before = !kept.empty() && !is_operator(kept.back()) && kept.back() != "(";
      const bool after = i + 1 < parts.size() && !is_operator(parts[i + 1]) && parts[i + 1] != ")";
      if (!after || (!before && parts[i] != "NOT")) continue;
    }
    kept.push_back(parts[i]);
  }
  return kept;
}

using WordsTest = std::function<bool(const std::vector<std::string>&)>;

// The shortest start of a word that "*" extends to the words of the sheets, and how many words of a
// query it extends (each asks the index for words and adds up to 30 to the query: a bound on what
// one query can cost).
constexpr std::size_t kShortestTruncation = 3;
constexpr std::size_t kMostTruncations = 4;
// The longest acronym in letters: URIOPSS, UNIOPSS.
constexpr std::size_t kLongestAcronym = 7;
// Typed in capitals and known to no group, a word of this many letters or fewer is an acronym
// rather than a French word (a query in capitals, typed_in_capitals, is read as words).
constexpr std::size_t kShortAcronym = 3;

// The longest run of words from `w`, of `shortest` to six words ("Saint-Rémy-de-Provence"), that
// `known` accepts, its last word in `end`; false when there is none.
bool longest_run(const std::vector<std::string>& run, std::size_t w, std::size_t shortest, const WordsTest& known,
                 std::size_t& end) {
  constexpr std::size_t kMostParts = 6;
  for (std::size_t e = std::min(run.size(), w + kMostParts); e >= w + shortest; --e)
    if (known(std::vector<std::string>(run.begin() + static_cast<long>(w), run.begin() + static_cast<long>(e)))) {
      end = e - 1;
      return true;
    }
  return false;
}

// A run of plain words (folded `tokens`, each as typed in `raw`, and in `bare` without the elided
// article it begins with) as query units: a word alone, or
// the synonym groups of the words that start there (a group may hold stop words: "soutien à la
// parentalité"). Outside groups, stop words are left out when `drop_stopwords`; the words of
// groups and the words typed in capitals are added to `known` (no spelling suggestion for them).
std::vector<QueryUnit> run_units(const SynonymMatcher& synonyms, const std::set<std::string>& stopwords,
                                 const QueryRewriter::IndexWords& index, bool drop_stopwords, bool whole_groups,
                                 const std::vector<Token>& tokens, const std::vector<std::string>& raw,
                                 const std::vector<std::string>& bare, const std::vector<bool>& hyphen_before,
                                 std::vector<std::string>& known, std::set<std::string>& as_written) {
  std::vector<std::string> run;
  for (const auto& t : tokens) run.push_back(t.term);
  std::vector<QueryUnit> units;
  auto matches = synonyms.longest(tokens);
  if (!whole_groups) std::erase_if(matches, [](const auto& m) { return m.last > m.first; });
  const auto narrower = whole_groups ? std::vector<SynonymMatch>{} : synonyms.narrower(tokens);
  std::size_t w = 0;
  while (w < run.size()) {
    std::vector<int> groups;
    std::size_t last = w;
    for (const auto& m : matches)
      if (m.first == w) {
        groups.push_back(m.group);
        last = m.last;
      }
    // A place's name of one word that a group holds only through a word of the same stem ("Ain",
    // "aînés"): the place.
    if (last == w && !groups.empty() && index.place && index.place({run[w]}) &&
        std::none_of(groups.begin(), groups.end(), [&](int g) {
          const auto& terms = synonyms.terms(g);
          return std::any_of(terms.begin(), terms.end(), [&](const std::string& t) { return text::fold(t) == run[w]; });
        }))
      groups.clear();
    QueryUnit unit;
    // As typed, but for an elided article before the unit (« d'impact » lacks « impact »).
    for (std::size_t x = w; x <= last; ++x) unit.label += x > w ? " " + raw[x] : bare[x];
    // The parts of one word typed with hyphens ("Deux-Sèvres", "Île-de-France"): one unit, the
    // parts in a row. Apart, the query was relaxed to the sheets that say "deux". Relaxed, when no
    // sheet holds the word (`whole_groups` false), each part is a unit ("mal-logés", which no sheet
    // writes, found nothing: now the sheets that say « logés »), but a place's name (below) and a
    // narrower term, which offers its group (« non-recours »: « Accès aux droits »).
    std::size_t end = w;
    while (groups.empty() && end + 1 < run.size() && hyphen_before[end + 1]) ++end;
    if (!whole_groups && end > w &&
        std::none_of(narrower.begin(), narrower.end(), [&](const auto& m) { return m.first == w && m.last == end; }))
      end = w;
    // The same, typed apart, when some sheet writes them with hyphens ("seine saint denis" for
    // "Seine-Saint-Denis"): apart, a relaxed query listed the sheets that say "saint" after it.
    // Or as one word: a competence domain's code « DC2 » typed « DC 2 » or « DC-2 » (both found 9
    // sheets, the acronym « DC » of another group, against 32), its first word's group of one word
    // giving way.
    std::size_t compound_end = w;
    const bool compound =
        end == w && index.compound && last == w && longest_run(run, w, 2, index.compound, compound_end);
    if (compound) {
      groups.clear();
      end = compound_end;
    }
    // A place name: its words in a row, stop words kept ("Grand Est" was "grand", "est" being a
    // stop word), and never corrected ("Val-de-Marne", which no sheet writes, offered "Val-de-marge").
    // Sought in the text and in the fields that name the sheets' places, where the name is the
    // sheet's own territory: « Noisy-le-Grand est » is no sheet of the Grand Est.
    std::vector<std::string> place_fields;
    const WordsTest is_place = [&](const std::vector<std::string>& name) {
      auto fields = index.place(name);
      if (fields) place_fields = std::move(*fields);
      return fields.has_value();
    };
    std::size_t place_end = w;
    bool place = false;
    // The kind of place typed before its name (« département 93 », « région Bretagne », « ville
    // de Paris ») says what the name says: as a word, « département » ranked 19 sheets that say it
    // above the two of the 93. A département's code is a place alone or after its kind only:
    // « 35 heures », « jeunes de 16 à 25 ans » and « Paris 18 » are numbers of the text.
    static const std::set<std::string> kinds = {"departement", "region", "ville"};
    const bool kind_before = !units.empty() && kinds.count(text::fold(units.back().label));
    if (groups.empty() && index.place && longest_run(run, w, 1, is_place, place_end) && place_end >= end &&
        (!std::isdigit(static_cast<unsigned char>(run[w][0])) || kind_before || run.size() == 1)) {
      place = true;
      end = place_end;
      for (std::size_t x = w; x <= place_end; ++x) known.push_back(run[x]);
      if (kind_before) units.pop_back();
    } else {
      place_fields.clear();
    }
    // The unit's parser input: `sought` (a word or a phrase), or the place where else it is.
    // A département's code ("93", "2A") only there: in the text, « 13 » was « la proposition
    // n° 13 » and « 10 » « 8 à 10 personnes ».
    const auto as_place = [&](const std::string& sought) {
      if (place_fields.empty()) return sought;
      const bool code = std::isdigit(static_cast<unsigned char>(sought[0]));
      std::string expr = code ? "" : sought;
      for (const auto& elsewhere : place_fields) expr += (expr.empty() ? "" : " OR ") + elsewhere;
      return "(" + expr + ")";
    };
    const bool all_short = std::all_of(run.begin() + static_cast<long>(w), run.begin() + static_cast<long>(end) + 1,
                                       [&](const std::string& x) { return stopwords.count(x) > 0; });
    if (end > w && drop_stopwords && all_short) {  // "est-ce": short words only
      w = end + 1;
      continue;
    }
    if (end > w) {
      std::string words, joined;
      bool hyphenated = true;
      for (std::size_t x = w; x <= end; ++x) {
        words += (x > w ? " " : "") + run[x];
        joined += run[x];
        hyphenated = hyphenated && (x == w || hyphen_before[x]);
      }
      // A word typed with hyphens that the sheets write as one ("pluri-professionnelle",
      // "socio-culturel", "inter-générationnel"), or apart ("DC 2"): that word too, as the index
      // holds a hyphenated word's parts and its joined form. It found nothing, and offered nothing.
      const std::string sought =
          (hyphenated || compound) && !place ? "(\"" + words + "\" OR " + joined + ")" : "\"" + words + "\"";
      unit.parser_input = as_place(sought);
      unit.label = bare[w];
      for (std::size_t x = w + 1; x <= end; ++x) unit.label += (hyphen_before[x] ? "-" : " ") + raw[x];
      units.push_back(std::move(unit));
      w = end + 1;
      continue;
    }
    if (groups.empty()) {
      // Typed in capitals, a short word is an acronym the user knows and the sheets do not ("SIAO"
      // was read as "silo", "jeunes NEET" offered "jeunes née"); a long one, or a query in
      // capitals (above), is words ("CREDISCUSION" is still corrected).
      if (tokens[w].upper && run[w].size() <= kLongestAcronym) known.push_back(run[w]);
      if (!drop_stopwords || !stopwords.count(run[w])) {
        // A place's name of one word with a capital: sought as written (QueryPlanner), not by its
        // stem, which "garde", "variées" and "lotissement" share with the Gard, the Var and the Lot.
        // So is a word whose stem misleads (QueryPlanner::any_form), and a short word typed in
        // capitals that spells a French word: an acronym that no group knows, not that word
        // (« PRE », the programme de réussite éducative, found « près », « AME » « supplément
        // d'âme »). Not one typed with an accent (« ÂGE »), nor an acronym that is no word (« ATD »,
        // which the sheets write, found by its stem).
        std::string word = run[w];
        const bool acronym = !place && tokens[w].upper && word.size() <= kShortAcronym &&
                             std::all_of(raw[w].begin(), raw[w].end(), [](char c) { return c >= 'A' && c <= 'Z'; }) &&
                             known_french_word(word);
        if (acronym) as_written.insert(word);
        if ((place || acronym || stem_misleads(word, tokens[w].stem, stopwords)) &&
            std::isalpha(static_cast<unsigned char>(word[0])))
          word[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(word[0])));
        unit.parser_input = as_place(word);
        units.push_back(std::move(unit));
      }
      ++w;
      continue;
    }
    // One word: the word or its groups. Several words: their groups alone, which documents hold
    // wherever the words follow each other (in any inflection), never where they are scattered
    // ("personnes" here and "âgées" there).
    std::string expr = "(";
    for (std::size_t x = w; x <= last; ++x) known.push_back(run[x]);
    if (last == w) {
      std::string word = run[w];
      // An acronym is not stemmed, in capitals ("CAF") or not ("caf", which found the cafés): its
      // stem would match other words ("café"). QueryParser (STEM_SOME) leaves capitalised words
      // unstemmed. (An acronym that is also a French word, "as", is in a group only in capitals.)
      if ((tokens[w].upper || synonyms.acronym(word)) && word[0] >= 'a' && word[0] <= 'z')
        word[0] = static_cast<char>(word[0] - 'a' + 'A');
      expr += word + " OR ";
    }
    for (std::size_t i = 0; i < groups.size(); ++i) expr += (i ? " OR syn:" : "syn:") + std::to_string(groups[i]);
    expr += ")";
    unit.parser_input = expr;
    units.push_back(std::move(unit));
    w = last + 1;
  }
  return units;
}

// A query typed with caps lock on ("GROUPES DE PARENTS"): every word in capitals, among them a word
// of four letters or more that is no known acronym. Its capitals say nothing: read as acronyms, they
// left words unstemmed and made "DE" the diplôme d'État. (Capitals still mark "AS" in "AS CAF".)
bool typed_in_capitals(const std::vector<Piece>& pieces, const Analyzer& analyzer, const SynonymMatcher& synonyms) {
  std::size_t words = 0;
  bool ordinary_word = false;
  for (const Piece& p : pieces) {
    if (p.kind != Kind::Word && p.kind != Kind::Phrase) continue;
    for (const Token& t : analyzer.tokenize(p.text)) {
      if (t.joined || std::none_of(t.term.begin(), t.term.end(), [](char c) { return c >= 'a' && c <= 'z'; }))
        continue;
      if (!t.upper) return false;
      ++words;
      ordinary_word = ordinary_word || (t.term.size() >= 4 && !synonyms.acronym(t.term));
    }
  }
  return words >= 2 && ordinary_word;
}

}  // namespace

QueryRewriter::QueryRewriter(const Analyzer& analyzer, const SynonymMatcher& synonyms,
                             std::vector<std::string> prefixes, std::set<std::string> stopwords, IndexWords index,
                             std::map<std::string, std::string> prefix_aliases)
    : analyzer_(analyzer),
      synonyms_(synonyms),
      prefixes_(std::move(prefixes)),
      stopwords_(std::move(stopwords)),
      index_(std::move(index)),
      prefix_aliases_(std::move(prefix_aliases)) {}

RewrittenQuery QueryRewriter::rewrite(const std::string& query, bool whole_groups) const {
  // 1. Lex.
  RewrittenQuery out;
  std::vector<Piece> pieces = lex(query, prefixes_, prefix_aliases_, out.unknown_prefixes);
  const bool shouted = typed_in_capitals(pieces, analyzer_, synonyms_);
  // In capitals, "ET" is the "et" of a sentence, a short word: as AND, it required every word of
  // « PROJET AVEC DES JEUNES DU QUARTIER ET DES ÉDUCATEURS » (13 sheets, against 45). "OU" and
  // "SAUF" say what their operators do.
  if (shouted)
    for (Piece& p : pieces)
      if (p.kind == Kind::And && p.text == "ET") p.kind = Kind::Word;
  // Brackets without an operator group nothing: a vocabulary label pasted with its gloss
  // (« Accompagner la participation (modalités, cadrage) ») is words, whose sheets may hold part
  // (its brackets required every word, and found none of the 23 sheets tagged with it).
  if (std::none_of(pieces.begin(), pieces.end(),
                   [](const Piece& p) { return p.kind == Kind::And || p.kind == Kind::Or || p.kind == Kind::Not; }))
    std::erase_if(pieces, [](const Piece& p) { return p.kind == Kind::Open || p.kind == Kind::Close; });

  // 2. Fold words; find synonym groups in runs of plain words.
  auto folded_tokens = [&](const std::string& raw) {
    std::vector<Token> tokens;
    for (Token& t : analyzer_.tokenize_stemmed(raw))
      if (!t.joined) {  // parts only: QueryParser phrases them
        t.upper = t.upper && !shouted;
        tokens.push_back(std::move(t));
      }
    return tokens;
  };
  auto folded_words = [&](const std::string& raw) {
    std::vector<std::string> words;
    for (const Token& t : folded_tokens(raw)) words.push_back(t.term);
    return words;
  };
  // A word of a field or section as QueryParser reads it: several words as a phrase; an acronym
  // ("porteur:msa"), in any case, as written in capitals (unstemmed).
  auto sought_form = [&](std::string word, const std::vector<std::string>& words) {
    if (words.size() > 1) return "\"" + text::join(words) + "\"";
    if (synonyms_.acronym(words[0]) && word[0] >= 'a' && word[0] <= 'z')
      word[0] = static_cast<char>(word[0] - 'a' + 'A');
    return word;
  };
  // The folded word a word typed with a final "*" starts ("habit*", "titre:jard*": "habit",
  // "jard"); "" for any other piece, for a prefix of fewer than kShortestTruncation letters ("a*"
  // would be nearly every word) and past the first kMostTruncations: the word is then sought as it
  // is, its "*" dropped, and never corrected.
  auto before_star = [&](const Piece& p) {  // the folded word before the "*", of any length
    if (p.kind != Kind::Word || p.sign || p.text.size() < 2 || p.text.back() != '*') return std::string();
    const auto words = folded_words(p.text.substr(0, p.text.size() - 1));
    return words.size() == 1 ? words[0] : std::string();
  };
  std::set<const Piece*> truncating;
  for (const Piece& p : pieces)
    if (const std::string start = before_star(p); start.empty()) {
      continue;
    } else if (start.size() < kShortestTruncation) {
      out.short_truncations.push_back(p.text);
    } else if (truncating.size() == kMostTruncations) {
      out.extra_truncations.push_back(p.text);
      out.known.push_back(start);
    } else {
      truncating.insert(&p);
    }
  auto truncated = [&](const Piece& p) { return truncating.count(&p) ? before_star(p) : std::string(); };
  // `sought`, a place typed after a place's prefix, or'ed with the fields that also give it
  // ("region:Picardie", a former région: the départements it had, which the sheets give). Not for
  // a word left out ("-region:Picardie"): QueryParser signs a term or a phrase, not brackets.
  auto or_place_fields = [&](const Piece& p, const std::vector<std::string>& words, const std::string& sought) {
    if (p.sign || !index_.place_prefixes.count(p.prefix) || !index_.place) return sought;
    const auto fields = index_.place(words);
    if (!fields) return sought;
    std::string expr = sought;
    for (const auto& field : *fields)
      if (field != sought) expr += " OR " + field;
    return expr == sought ? sought : "(" + expr + ")";
  };
  std::vector<std::string> parts;
  std::vector<std::string> fallback;  // operator words, for the plain fallback only
  std::vector<QueryUnit> units;
  std::vector<std::string> all_words;  // every plain word, stop words included (the phrase)
  // Does the query hold anything but stop words? (Then stop words are left out.)
  bool content_words = false;
  for (const Piece& p : pieces)
    if (p.kind == Kind::Word || p.kind == Kind::Phrase)
      for (const auto& w : folded_words(p.text)) content_words = content_words || !stopwords_.count(w);
  // A word of a phrase or of a prefixed or signed word: sought, and where.
  auto add_word = [&](const Piece& p, const std::string& w) {
    if (stopwords_.count(w)) return;
    out.words.push_back(w);
    if (p.sign == '-') return;
    if (p.prefix.empty())
      out.free_words.push_back(w);
    else
      out.field_words.emplace_back(p.prefix, w);
  };
  // A word or phrase typed with a "-", as typed: what the results leave out ("-isolement").
  const auto excluded = [&](const Piece& p) {
    if (p.sign != '-') return;
    const std::string where = p.prefix.empty() ? "" : p.prefix + ":";
    out.excluded.push_back(where + (p.kind == Kind::Phrase ? "\"" + p.text + "\"" : p.text));
  };
  int depth = 0;
  for (std::size_t k = 0; k < pieces.size(); ++k) {
    const Piece& p = pieces[k];
    switch (p.kind) {
      case Kind::Open:
        ++depth;
        parts.push_back("(");
        out.has_operators = true;
        continue;
      case Kind::Close:
        if (depth > 0) {
          --depth;
          parts.push_back(")");
        }
        continue;
      case Kind::And:
      case Kind::Or:
      case Kind::Not:
        parts.push_back(p.kind == Kind::And ? "AND" : p.kind == Kind::Or ? "OR" : "NOT");
        out.has_operators = true;
        // If the syntax turns out malformed ("AND" alone), the word itself is searched.
        for (auto& w : folded_words(p.text)) fallback.push_back(w);
        continue;
      default: break;
    }
    if (p.kind == Kind::Phrase) {
      auto words = folded_words(p.text);
      if (words.empty()) continue;
      excluded(p);
      const std::string phrase = text::join(words);
      for (const auto& w : words) add_word(p, w);
      parts.push_back(std::string(p.sign ? std::string(1, p.sign) : "") +
                      or_place_fields(p, words, (p.prefix.empty() ? "" : p.prefix + ":") + "\"" + phrase + "\""));
      out.has_operators = true;
      continue;
    }
    // "habit*": any word of the sheets that starts so, each in any of its forms, one unit; after a
    // prefix ("titre:jard*"), each in the prefix's field or section. Not a short word ("des*"
    // found every sheet by « des »); an acronym as written ("DEE*": « DEES », not the stem « de »).
    if (const std::string stem = truncated(p); !stem.empty()) {
      out.known.push_back(stem);
      std::vector<std::string> words = index_.starting_with ? index_.starting_with(stem) : std::vector<std::string>();
      std::erase_if(words, [&](const std::string& w) { return stopwords_.count(w) > 0; });
      if (words.empty()) words.push_back(stem);  // none: the word itself, in any of its forms
      out.words.push_back(stem);
      const std::string where = p.prefix.empty() ? "" : p.prefix + ":";
      std::string sought;
      for (const auto& w : words) {
        sought += (sought.empty() ? "" : " OR ") + where + sought_form(w, {w});
        if (p.prefix.empty())
          out.free_words.push_back(w);
        else
          out.field_words.emplace_back(p.prefix, w);
      }
      if (words.size() > 1) sought = "(" + sought + ")";
      parts.push_back(sought);
      if (!p.prefix.empty()) {
        out.has_operators = true;
        continue;
      }
      QueryUnit unit;
      unit.parser_input = sought;
      unit.label = p.text;
      units.push_back(std::move(unit));
      continue;
    }
    if (!p.prefix.empty() || p.sign) {
      std::string word = analyzer_.fold_query_word(p.text);
      auto words = folded_words(p.text);
      if (words.empty()) continue;
      excluded(p);
      for (const auto& w : words) add_word(p, w);
      const std::string where = p.prefix.empty() ? "" : p.prefix + ":";
      std::vector<std::string> sought = {sought_form(word, words)};
      // "outils:vidéo": the words of its synonym groups too ("film", "production audiovisuelle"),
      // sought in the same field or section, whose text is indexed without the groups' concepts.
      if (!p.prefix.empty() && !p.sign)
        for (const auto& m : synonyms_.longest(folded_tokens(p.text)))
          if (m.first == 0 && m.last + 1 == words.size()) {
            out.field_groups.insert(m.group);
            for (const auto& term : synonyms_.terms(m.group)) {
              auto term_words = folded_words(term);
              if (term_words.empty()) continue;
              const std::string form = sought_form(analyzer_.fold_query_word(term), term_words);
              if (std::find(sought.begin(), sought.end(), form) == sought.end()) sought.push_back(form);
            }
          }
      std::string expr;
      for (const auto& s : sought) expr += (expr.empty() ? "" : " OR ") + where + s;
      if (sought.size() > 1) expr = "(" + expr + ")";
      parts.push_back(std::string(p.sign ? std::string(1, p.sign) : "") + or_place_fields(p, words, expr));
      // A word left out with its synonyms, as « SAUF » leaves it out: « ISIC -CAF » kept the sheet
      // that says « CNAF » only, which « ISIC SAUF CAF » leaves out.
      if (p.sign == '-' && p.prefix.empty())
        for (const auto& m : synonyms_.longest(folded_tokens(p.text)))
          if (m.first == 0 && m.last + 1 == words.size()) parts.push_back("-syn:" + std::to_string(m.group));
      out.has_operators = true;
      continue;
    }
    // A run of plain words: expand synonym groups on whole words (a group may hold stop words:
    // "soutien à la parentalité"); outside groups, stop words are left out.
    std::vector<Token> tokens;
    std::vector<std::string> raw;     // each token as typed
    std::vector<std::string> bare;    // the same without an elided article
    std::vector<bool> hyphen_before;  // the token and the one before are parts of one hyphenated word
    const auto plain = [&](std::size_t i) {
      return i < pieces.size() && pieces[i].kind == Kind::Word && pieces[i].prefix.empty() && !pieces[i].sign &&
             truncated(pieces[i]).empty();
    };
    // An abbreviation that the sheets do not write, of one word or more, at piece `i` ("asso",
    // "éduc spé"): how many pieces it takes, and what it stands for. As a ring, « asso » marked
    // every sheet that says « association », which then weighed less; as a typo, « assos » was
    // corrected to « assis ».
    const auto abbreviation_at = [&](std::size_t i) -> std::pair<std::size_t, std::string> {
      constexpr std::size_t kMostPieces = 3;
      for (std::size_t n = kMostPieces; n > 0; --n) {
        std::vector<std::string> words;
        bool all_plain = true;
        for (std::size_t x = i; x < i + n && all_plain; ++x) {
          all_plain = plain(x);
          if (all_plain)
            for (auto& w : folded_words(pieces[x].text)) words.push_back(std::move(w));
        }
        if (!all_plain) continue;
        if (const auto at = index_.abbreviations.find(words); at != index_.abbreviations.end()) return {n, at->second};
      }
      return {0, ""};
    };
    std::size_t k2 = k;
    for (; plain(k2); ++k2) {
      std::string typed = pieces[k2].text;
      if (const auto [n, stands_for] = abbreviation_at(k2); n > 0) {  // read as what it stands for
        typed = stands_for;
        k2 += n - 1;
      }
      // "caisse d allocations familiales": the "d" typed apart is an elided article, left out as
      // the analyser leaves it out of one piece of text ("pouvoir d agir" in quotes).
      if (k2 + 1 < pieces.size() && pieces[k2 + 1].kind == Kind::Word && pieces[k2 + 1].prefix.empty() &&
          !pieces[k2 + 1].sign && Analyzer::elided_article_apart(typed, analyzer_.fold_query_word(pieces[k2 + 1].text)))
        continue;
      std::size_t previous_end = std::string::npos;
      for (auto& t : folded_tokens(typed)) {
        const std::string between =
            previous_end == std::string::npos ? std::string() : typed.substr(previous_end, t.begin - previous_end);
        bool hyphen = between == "-" || between == "\u2010" || between == "\u2011";
        previous_end = t.end;
        // A verb and its subject inverted in a question (« peut-on », « font-ils », « a-t-il ») are
        // two words, the pronoun a short word; as one hyphenated word, which no sheet holds, every
        // result lacked it. Not a word the sheets write so (« rendez-vous »).
        static const std::set<std::string> pronouns = {"je", "tu", "il", "elle", "on", "nous", "vous", "ils", "elles"};
        if (hyphen && (t.term == "t" || pronouns.count(t.term)) && !tokens.empty() &&
            !(index_.compound && index_.compound({tokens.back().term, t.term}))) {
          if (t.term == "t") continue;  // the « t » of « a-t-il »
          hyphen = false;
        }
        raw.push_back(typed.substr(t.begin, t.end - t.begin));
        bare.push_back(typed.substr(word_begin(typed, t), t.end - word_begin(typed, t)));
        hyphen_before.push_back(hyphen);
        tokens.push_back(std::move(t));
      }
    }
    k = k2 - 1;
    std::vector<std::string> run;
    for (const auto& t : tokens) run.push_back(t.term);
    for (const auto& w : run) {
      if (!content_words || !stopwords_.count(w)) {
        out.words.push_back(w);
        out.free_words.push_back(w);
      }
      all_words.push_back(w);
    }
    for (auto& unit : run_units(synonyms_, stopwords_, index_, content_words, whole_groups, tokens, raw, bare,
                                hyphen_before, out.known, out.as_written)) {
      parts.push_back(unit.parser_input);
      units.push_back(std::move(unit));
    }
  }
  while (depth-- > 0) parts.push_back(")");
  if (out.words.empty() && fallback.empty()) return out;  // nothing to search: "((((", ":::"
  // Only words to leave out ("-collège"): QueryParser would seek them, as if unsigned; they are
  // left out of every sheet, as "SAUF collège" leaves them (a leading NOT: pure negation).
  if (std::all_of(parts.begin(), parts.end(), [](const std::string& part) { return part.starts_with('-'); }))
    for (std::string& part : parts) part = "NOT " + part.substr(1);
  const std::vector<std::string> kept = without_dangling_operators(parts);
  out.parser_input = text::join(kept);
  out.plain_input = text::join(out.words);
  if (!out.has_operators) {
    out.units = std::move(units);
    // The phrase without the short words at its ends, which say nothing of the words in a row:
    // « les groupes de parents » is the phrase « groupes de parents », as a sheet writes it.
    if (content_words) {
      while (!all_words.empty() && stopwords_.count(all_words.back())) all_words.pop_back();
      const auto first = std::find_if(all_words.begin(), all_words.end(),
                                      [&](const std::string& w) { return !stopwords_.count(w); });
      all_words.erase(all_words.begin(), first);
    }
    if (all_words.size() > 1) out.phrase = all_words;
  }
  if (out.words.empty()) {  // "AND" alone: the word itself (plain_input, of no word, was "")
    out.plain_input = text::join(fallback);
    out.parser_input = out.plain_input;
  }
  return out;
}

}  // namespace pratiques
