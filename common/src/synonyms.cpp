#include "pratiques/synonyms.h"

#include <algorithm>
#include <cstdlib>
#include <set>
#include <sstream>

#include "pratiques/catalog.h"
#include "pratiques/text.h"

namespace pratiques {

namespace {

bool is_acronym(const std::string& term) {
  bool letter = false;
  for (unsigned char c : term) {
    if (c >= 'a' && c <= 'z') return false;
    if (c >= 'A' && c <= 'Z') letter = true;
  }
  return letter;
}

// "CAF", "DEES", "rSa", "PUMa": written with capitals beyond the first letter. Such a term is
// matched on its folded form, never on a stem: "DEES" and "ETS" stem to "de" and "et".
bool written_as_acronym(const std::string& term) {
  int upper = 0;
  bool inner = false;
  for (std::size_t i = 0; i < term.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(term[i]);
    if (c >= 'A' && c <= 'Z') {
      ++upper;
      inner = inner || i > 0;
    }
  }
  return upper >= 2 || inner;
}

}  // namespace

SynonymMatcher::SynonymMatcher(const std::vector<SynonymGroup>& groups, const Analyzer& analyzer,
                               std::set<std::string> short_words)
    : groups_(groups), short_words_(std::move(short_words)) {
  build(analyzer);
}

void SynonymMatcher::build(const Analyzer& analyzer) {
  by_first_stem_.clear();
  for (std::size_t g = 0; g < groups_.size(); ++g) {
    // Folded acronyms of the group: "Caf" beside "CAF" is the acronym too (its stem is that of "café").
    std::set<std::string> acronyms;
    for (const auto* list : {&groups_[g].terms, &groups_[g].narrower})
      for (const auto& term : *list)
        if (written_as_acronym(term) && term.find(' ') == std::string::npos)
          acronyms.insert(analyzer.fold_query_word(term));
    // Two terms of the same stems differ by where short words may stand: « sociale familiale »
    // and « sociale et familiale » (the second was dropped as the first's double).
    std::set<std::pair<std::vector<std::string>, std::vector<bool>>> seen;
    const std::size_t expanding = groups_[g].terms.size();
    std::vector<std::string> terms = groups_[g].terms;
    terms.insert(terms.end(), groups_[g].narrower.begin(), groups_[g].narrower.end());
    for (std::size_t i = 0; i < terms.size(); ++i) {
      const std::string& term = terms[i];
      Pattern p;
      p.group = static_cast<int>(g);
      p.narrower = i >= expanding;
      std::vector<std::string> folded;
      std::vector<Token> words;
      std::string joined;  // a term of one hyphenated word ("co-formation"): that word written as one
      for (Token& t : analyzer.tokenize(term))
        if (!t.joined)
          words.push_back(std::move(t));
        else if (t.begin == 0 && t.end == term.size())
          joined = t.term;
      // Written or typed as one word ("coformation", "pairaidance"), it is the term too: a query
      // for it found neither the group's sheets nor marks in its extracts.
      const auto add_spelling = [&](std::vector<std::string> stems) {
        std::vector<bool> gaps(stems.size(), false);
        if (!seen.insert({stems, gaps}).second) return;
        Pattern other;
        other.group = static_cast<int>(g);
        other.narrower = i >= expanding;
        other.stems = std::move(stems);
        other.gap = std::move(gaps);
        other.needs_upper = false;
        by_first_stem_[other.stems.front()].push_back(std::move(other));
      };
      if (!joined.empty()) add_spelling({analyzer.stem(joined)});
      // The other way, a term of one word that starts with a prefix French writes with or without
      // a hyphen ("coéducation"): written or typed with it ("co-éducation"), it is the term too (it
      // found 2 sheets, not the group's 8).
      static constexpr std::string_view kPrefixes[] = {"co",    "auto",  "inter", "intra",
                                                       "multi", "pluri", "socio", "trans"};
      if (words.size() == 1 && joined.empty())
        for (const std::string_view prefix : kPrefixes)
          if (const std::string& w = words.front().term; w.starts_with(prefix) && w.size() >= prefix.size() + 4)
            add_spelling({analyzer.stem(std::string(prefix)), analyzer.stem(w.substr(prefix.size()))});
      // The short words of a term of several words are not part of its pattern (find() lets any
      // stand between its words), unless the term has nothing else.
      const bool all_short =
          std::all_of(words.begin(), words.end(), [&](const Token& t) { return short_words_.count(t.term); });
      bool after_short = false;
      for (const Token& t : words) {
        if (words.size() > 1 && !all_short && short_words_.count(t.term)) {
          after_short = !p.stems.empty();
          continue;
        }
        folded.push_back(t.term);
        p.stems.push_back(analyzer.stem(t.term));
        p.gap.push_back(after_short);
        after_short = false;
      }
      if (folded.size() == 1 && acronyms.count(folded[0])) p.stems = {std::string(1, kExact) + folded[0]};
      p.gap.resize(p.stems.size(), false);
      if (p.stems.empty() || !seen.insert({p.stems, p.gap}).second) continue;
      p.needs_upper = p.stems.size() == 1 && is_acronym(term) && spells_a_word(analyzer.fold_query_word(term));
      by_first_stem_[p.stems.front()].push_back(std::move(p));
    }
  }
  for (auto& [stem, patterns] : by_first_stem_)
    std::stable_sort(patterns.begin(), patterns.end(),
                     [](const Pattern& a, const Pattern& b) { return a.stems.size() > b.stems.size(); });
  index_stems();
}

// Narrower terms are kept in the catalogue's metadata, one "group<TAB>term" a line (the table
// synonym_terms holds the terms that expand a query).
constexpr const char* kNarrowerMeta = "synonymes_specifiques";
// The patterns built from the terms, kept beside them so that a searcher does not break and stem
// every term again (a fifth of a one-shot `pratiques search`): one "group<TAB>flags<TAB>stems" a
// line, each bucket's patterns in their order; flags "n" narrower, "u" needs upper case.
constexpr const char* kPatternsMeta = "synonymes_motifs";
// Before a stem of a pattern: the term has short words there (Pattern::gap). Never a stem's first byte.
constexpr char kGapMark = '~';

SynonymMatcher SynonymMatcher::load(Catalog& catalog, const Analyzer& analyzer) {
  SynonymMatcher m;
  auto s = catalog.prepare("SELECT group_id, group_name, term FROM synonym_terms ORDER BY rowid");
  while (s.step()) {
    const auto g = static_cast<std::size_t>(s.integer(0));
    if (m.groups_.size() <= g) m.groups_.resize(g + 1);
    m.groups_[g].name = s.text(1);
    m.groups_[g].terms.push_back(s.text(2));
  }
  std::istringstream narrower(catalog.meta(kNarrowerMeta));
  for (std::string line; std::getline(narrower, line);) {
    const auto tab = line.find('\t');
    const auto g = static_cast<std::size_t>(std::atol(line.c_str()));
    if (tab != std::string::npos && g < m.groups_.size()) m.groups_[g].narrower.push_back(line.substr(tab + 1));
  }
  std::istringstream short_words(catalog.meta("mots_vides"));  // one a line (catalogue_rows.cpp)
  for (std::string w; std::getline(short_words, w);)
    if (!w.empty()) m.short_words_.insert(w);
  const std::string patterns = catalog.meta(kPatternsMeta);
  if (patterns.empty())
    m.build(analyzer);  // a catalogue written before the patterns were kept
  else
    m.read_patterns(patterns);
  return m;
}

void SynonymMatcher::read_patterns(std::string_view lines) {
  while (!lines.empty()) {
    const std::string_view line = lines.substr(0, lines.find('\n'));
    lines.remove_prefix(std::min(line.size() + 1, lines.size()));
    const auto tab = line.find('\t'), tab2 = line.find('\t', tab + 1);
    if (tab2 == std::string_view::npos) continue;
    Pattern p;
    p.group = std::atoi(std::string(line.substr(0, tab)).c_str());
    const std::string_view flags = line.substr(tab + 1, tab2 - tab - 1);
    p.narrower = flags.find('n') != std::string_view::npos;
    p.needs_upper = flags.find('u') != std::string_view::npos;
    for (std::string_view stems = line.substr(tab2 + 1); !stems.empty();) {
      std::string_view stem = stems.substr(0, stems.find(' '));
      stems.remove_prefix(std::min(stem.size() + 1, stems.size()));
      const bool gap = stem.starts_with(kGapMark);
      if (gap) stem.remove_prefix(1);
      if (stem.empty()) continue;
      p.stems.emplace_back(stem);
      p.gap.push_back(gap);
    }
    if (!p.stems.empty()) by_first_stem_[p.stems.front()].push_back(std::move(p));
  }
  index_stems();
}

void SynonymMatcher::save(Catalog& catalog) const {
  catalog.exec("DELETE FROM synonym_terms");
  auto ins = catalog.prepare("INSERT INTO synonym_terms(group_id, group_name, term) VALUES(?, ?, ?)");
  std::string narrower;
  for (std::size_t g = 0; g < groups_.size(); ++g) {
    for (const auto& t : groups_[g].terms)
      ins.bind(1, static_cast<long long>(g)).bind(2, groups_[g].name).bind(3, t).run();
    for (const auto& t : groups_[g].narrower) narrower += std::to_string(g) + "\t" + t + "\n";
  }
  catalog.set_meta(kNarrowerMeta, narrower);
  std::string patterns;
  for (const auto& [first, bucket] : by_first_stem_)
    for (const Pattern& p : bucket) {
      std::vector<std::string> marked;  // a stem after the term's short words: kGapMark before it
      for (std::size_t k = 0; k < p.stems.size(); ++k)
        marked.push_back((p.gap[k] ? std::string(1, kGapMark) : "") + p.stems[k]);
      patterns += std::to_string(p.group) + "\t" + (p.narrower ? "n" : "") + (p.needs_upper ? "u" : "") + "\t" +
                  text::join(marked) + "\n";
    }
  catalog.set_meta(kPatternsMeta, patterns);
}

const SynonymMatcher::Stems& SynonymMatcher::stems(int group) const {
  static const Stems none;
  return group >= 0 && static_cast<std::size_t>(group) < stems_.size() ? stems_[static_cast<std::size_t>(group)] : none;
}

void SynonymMatcher::index_stems() {
  std::vector<std::set<std::string>> first(groups_.size()), all(groups_.size());
  const auto unmarked = [](const std::string& stem) { return stem[0] == kExact ? stem.substr(1) : stem; };
  for (const auto& [first_stem, bucket] : by_first_stem_)
    for (const Pattern& p : bucket) {
      if (p.group < 0) continue;  // never written so; a damaged catalogue must not resize to 4 G
      const auto g = static_cast<std::size_t>(p.group);
      if (g >= first.size()) {
        first.resize(g + 1);
        all.resize(g + 1);
      }
      first[g].insert(unmarked(first_stem));
      for (const auto& stem : p.stems)
        if (!stem.empty()) all[g].insert(unmarked(stem));
    }
  stems_.assign(first.size(), {});
  for (std::size_t g = 0; g < first.size(); ++g) {
    stems_[g].first.assign(first[g].begin(), first[g].end());
    stems_[g].all.assign(all[g].begin(), all[g].end());
  }
}

std::vector<SynonymMatch> SynonymMatcher::match(std::span<const Token> tokens) const {
  return find(tokens, Which::All);
}

std::vector<SynonymMatch> SynonymMatcher::narrower(const std::vector<Token>& tokens) const {
  std::vector<SynonymMatch> out = find(tokens, Which::Narrower);
  std::erase_if(out, [&](const SynonymMatch& m) {
    return groups_[static_cast<std::size_t>(m.group)].name.starts_with(kDerivationRing);
  });
  return out;
}

std::vector<SynonymMatch> SynonymMatcher::find(std::span<const Token> tokens, Which which) const {
  std::vector<SynonymMatch> out;
  std::string exact(1, kExact);  // the key of an acronym, without a string built per token
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    exact.resize(1);
    exact += tokens[i].term;
    const std::string* const keys[] = {&tokens[i].stem, &exact};
    for (const std::string* key : keys) {
      auto it = by_first_stem_.find(*key);
      if (it == by_first_stem_.end()) continue;
      for (const Pattern& p : it->second) {
        if (i + p.stems.size() > tokens.size()) continue;
        if ((p.needs_upper && !tokens[i].upper) || (p.narrower && which == Which::Expanding) ||
            (!p.narrower && which == Which::Narrower))
          continue;
        // Each next word of the pattern, past at most kShortWordsBetween short words of the text.
        std::size_t at = i;
        bool ok = true;
        for (std::size_t k = 1; k < p.stems.size() && ok; ++k) {
          std::size_t skipped = 0;
          while (++at < tokens.size() && p.gap[k] && tokens[at].stem != p.stems[k] &&
                 short_words_.count(tokens[at].term) && skipped < kShortWordsBetween)
            ++skipped;
          ok = at < tokens.size() && tokens[at].stem == p.stems[k];
        }
        if (ok) out.push_back({i, at, p.group});
      }
    }
  }
  return out;
}

std::vector<SynonymMatch> SynonymMatcher::longest(const std::vector<Token>& tokens) const {
  std::vector<SynonymMatch> all = find(tokens, Which::Expanding), out;
  std::size_t next_free = 0;
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    if (i < next_free) continue;
    std::size_t best_last = i;
    bool any = false;
    for (const auto& m : all)
      if (m.first == i && (!any || m.last > best_last)) {
        best_last = m.last;
        any = true;
      }
    if (!any) continue;
    for (const auto& m : all)
      if (m.first == i && m.last == best_last) out.push_back(m);
    next_free = best_last + 1;
  }
  return out;
}

}  // namespace pratiques
