#include "query_plan.h"

#include <algorithm>
#include <cmath>
#include <iterator>

#include "pratiques/catalogue.h"
#include "pratiques/index_layout.h"
#include "pratiques/text.h"

namespace pratiques {

namespace {

// The length of a term's prefix: the index's prefixes are capitals, its words folded to lower case.
std::size_t prefix_length(const std::string& term) {
  return std::min(term.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZ"), term.size());
}

// Xapian::Query::MatchAll is a static object whose reference count is not atomic: copying it from
// several server threads at once corrupts it (a crash under load). Each search builds its own.
Xapian::Query match_all() { return Xapian::Query(std::string()); }

// Is this a phrase of a section's words ("freins:\"mobilité des jeunes\"")?
bool in_a_section(const std::vector<Xapian::Query>& words) {
  for (const auto& w : words)
    if (w.get_type() != Xapian::Query::LEAF_TERM || !(*w.get_terms_begin()).starts_with(kSectionPrefix) ||
        prefix_length(*w.get_terms_begin()) == (*w.get_terms_begin()).size())
      return false;
  return !words.empty();
}

// Weight factors of the bonuses (QueryPlanner::bonus), set on the tuning half of the relevance
// benchmark (bench/relevance/, each change's effect per kind in its README): the query's words in a
// row (weighed as one rare term, see QueryPlanner::phrase), each pair of its neighbouring words, and what
// a sheet is about (its themes, publics, modes, carrier, keywords), which counts twice what its
// text says (1 → 2: +0.004 on the tuning half, synonyms +0.023, phrases −0.009).
constexpr double kPhraseBonus = 1.0;
constexpr double kPairBonus = 0.5;
constexpr double kAboutBonus = 2.0;
// What a documented sheet weighs more than one still to be documented, as a share of the most the
// query can weigh: at equal relevance the documented sheet comes first, but a stub whose title
// names what is sought still outranks sheets that mention it in passing. Ranking every stub after
// every documented sheet that matched as many words cost 0.07 of nDCG@10 on the benchmark's
// held-out half (a documented mention in passing is not a better answer than the stub).
constexpr double kDocumentedLead = 0.1;
// What a unit held weighs in the ranking of a sentence (Plan::unit_weight), as a share of the most
// the rest of the query can weigh: set on the tuning half of the relevance benchmark (0.10, 0.15,
// 0.20 and 0.30 tried; with « lutter » a word again, « lutter contre l'absentéisme à l'entrée au
// collège » 0.63 → 1.00 at 0.15, its sheet lacking only « lutter »; bench/relevance/README.md).
constexpr double kUnitShare = 0.15;
// Query prefix of the concept terms of what a sheet is about (kAboutConceptPrefix): internal, the
// rewriter never lets a user type it.
constexpr const char* kAboutSynonym = "ssyn";

}  // namespace

Xapian::BM25Weight weighting() { return Xapian::BM25Weight(2, 0, 1, 0.3, 0.5); }

bool satisfies(const Xapian::Query& q, const std::set<std::string>& terms) {
  using Q = Xapian::Query;
  const std::size_t n = q.get_num_subqueries();
  auto all = [&] {
    for (std::size_t i = 0; i < n; ++i)
      if (!satisfies(q.get_subquery(i), terms)) return false;
    return true;
  };
  auto any = [&] {
    for (std::size_t i = 0; i < n; ++i)
      if (satisfies(q.get_subquery(i), terms)) return true;
    return false;
  };
  switch (q.get_type()) {
    case Q::LEAF_TERM: return q.get_terms_begin() != q.get_terms_end() && terms.count(*q.get_terms_begin()) > 0;
    case Q::LEAF_MATCH_ALL: return true;
    case Q::OP_AND:
    case Q::OP_PHRASE:
    case Q::OP_NEAR:
    case Q::OP_FILTER: return all();
    case Q::OP_AND_NOT:
    case Q::OP_AND_MAYBE:
    case Q::OP_SCALE_WEIGHT: return n > 0 && satisfies(q.get_subquery(0), terms);
    case Q::OP_OR:
    case Q::OP_XOR:
    case Q::OP_ELITE_SET:
    case Q::OP_SYNONYM:
    case Q::OP_MAX: return any();
    default: return false;
  }
}

bool has_words_in_a_row(const Xapian::Query& q) {
  const auto type = q.get_type();
  if (type == Xapian::Query::OP_PHRASE || type == Xapian::Query::OP_NEAR) return true;
  for (std::size_t i = 0; i < q.get_num_subqueries(); ++i)
    if (has_words_in_a_row(q.get_subquery(i))) return true;
  return false;
}

std::set<Xapian::docid> matching_among(const Xapian::Database& db, const Xapian::Query& q,
                                       const std::vector<std::string>& id_terms) {
  Xapian::Enquire enquire(db);
  enquire.set_query(Xapian::Query(Xapian::Query::OP_FILTER, q,
                                  Xapian::Query(Xapian::Query::OP_OR, id_terms.begin(), id_terms.end())));
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  std::set<Xapian::docid> out;
  const Xapian::MSet mset = enquire.get_mset(0, static_cast<Xapian::doccount>(id_terms.size()));
  for (auto it = mset.begin(); it != mset.end(); ++it) out.insert(*it);
  return out;
}

std::vector<Shown> shown_of(const Xapian::MSet& mset) {
  std::vector<Shown> out;
  for (auto it = mset.begin(); it != mset.end(); ++it) out.push_back({*it, it.get_weight()});
  return out;
}

namespace {
// Xapian's order at equal weight: the smaller docid first. `a` ranks before `b`.
bool before(const Shown& a, const Shown& b) { return a.weight != b.weight ? a.weight > b.weight : a.docid < b.docid; }
}  // namespace

void SentenceOrder::operator()(const Xapian::Document& doc, double weight) {
  // weight = units × step + the rest, the rest weighing less than step - 1 (QueryPlanner::plan).
  const double units = std::floor((weight + 0.5) / plan_.step);
  const Shown ranked{doc.get_docid(), weight - units * (plan_.step - plan_.unit_weight)};
  if (best_.size() < wanted_) {
    best_.push_back(ranked);
    std::push_heap(best_.begin(), best_.end(), before);
  } else if (!best_.empty() && before(ranked, best_.front())) {
    std::pop_heap(best_.begin(), best_.end(), before);
    best_.back() = ranked;
    std::push_heap(best_.begin(), best_.end(), before);
  }
}

std::vector<Shown> SentenceOrder::page(std::size_t first, std::size_t count) const {
  std::vector<Shown> ranked = best_;
  std::sort(ranked.begin(), ranked.end(), before);
  if (first >= ranked.size()) return {};
  ranked.erase(ranked.begin(), ranked.begin() + static_cast<std::ptrdiff_t>(first));
  if (ranked.size() > count) ranked.resize(count);
  return ranked;
}

bool without_common_units(const Xapian::Database& db, Plan& p, bool pairs) {
  const Xapian::doccount half = db.get_doccount() / 2;
  std::vector<Xapian::Query> telling, common;
  for (const auto& u : p.units) {
    Xapian::Enquire e(db);
    e.set_query(u);
    e.set_weighting_scheme(Xapian::BoolWeight());
    e.set_docid_order(Xapian::Enquire::DONT_CARE);
    (e.get_mset(0, 0, half + 1).get_matches_lower_bound() > half ? common : telling).push_back(u);
  }
  if (common.empty()) return true;
  for (std::size_t i = 0; pairs && i < common.size(); ++i)
    for (std::size_t j = i + 1; j < common.size(); ++j)
      telling.emplace_back(Xapian::Query::OP_AND, common[i], common[j]);
  if (telling.empty()) return false;
  const Xapian::Query kept(Xapian::Query::OP_OR, telling.begin(), telling.end());
  p.query = Xapian::Query(Xapian::Query::OP_FILTER, p.query, kept);
  p.core = Xapian::Query(Xapian::Query::OP_FILTER, p.core, kept);
  return true;
}

bool SortedInParts::before(const Ranked& a, const Ranked& b) const {
  if (a.complete != b.complete) return a.complete;
  if (a.value != b.value) return descending_ ? a.value > b.value : a.value < b.value;
  return pratiques::before(a.shown, b.shown);
}

void SortedInParts::operator()(const Xapian::Document& doc, double weight) {
  const bool complete = weight >= plan_.cutoff(plan_.units.size());
  Ranked ranked{complete, doc.get_value(slot_), {doc.get_docid(), weight}};
  const auto order = [this](const Ranked& a, const Ranked& b) { return before(a, b); };
  if (best_.size() < wanted_) {
    best_.push_back(std::move(ranked));
    std::push_heap(best_.begin(), best_.end(), order);
  } else if (!best_.empty() && before(ranked, best_.front())) {
    std::pop_heap(best_.begin(), best_.end(), order);
    best_.back() = std::move(ranked);
    std::push_heap(best_.begin(), best_.end(), order);
  }
}

std::vector<Shown> SortedInParts::page(std::size_t first, std::size_t count) const {
  std::vector<Ranked> ranked = best_;
  std::sort(ranked.begin(), ranked.end(), [this](const Ranked& a, const Ranked& b) { return before(a, b); });
  std::vector<Shown> out;
  for (std::size_t i = first; i < ranked.size() && out.size() < count; ++i) out.push_back(ranked[i].shown);
  return out;
}

std::vector<std::set<std::string>> unit_terms_held(const Xapian::Database& db, const std::vector<Xapian::Query>& units,
                                                   const std::vector<Shown>& shown) {
  std::set<std::string> terms;
  for (const auto& u : units)
    for (auto t = u.get_unique_terms_begin(); t != u.get_unique_terms_end(); ++t) terms.insert(*t);
  std::vector<std::pair<Xapian::docid, std::size_t>> docs;  // docid, rank: posting lists are read in docid order
  std::size_t rank = 0;
  for (const auto& s : shown) docs.emplace_back(s.docid, rank++);
  std::sort(docs.begin(), docs.end());
  std::vector<std::set<std::string>> out(docs.size());
  for (const auto& term : terms) {
    if (term.empty()) continue;  // match_all(): no posting list of its own, no term of a document
    auto p = db.postlist_begin(term);
    const auto end = db.postlist_end(term);
    for (const auto& [did, r] : docs) {
      if (p == end) break;
      p.skip_to(did);
      if (p != end && *p == did) out[r].insert(term);
    }
  }
  return out;
}

QueryPlanner::QueryPlanner(const Xapian::Database& db, const Analyzer& analyzer, const SynonymMatcher& synonyms,
                           const std::vector<std::pair<std::string, std::string>>& prefixes,
                           const std::set<std::string>& stopwords, const QueryRewriter& rewriter,
                           std::set<std::string> places)
    : db_(db),
      analyzer_(analyzer),
      synonyms_(synonyms),
      prefixes_(prefixes),
      stopwords_(stopwords),
      rewriter_(rewriter),
      places_(std::move(places)) {
  parser_.set_database(db_);
  parser_.set_stemmer(analyzer_.stemmer());
  parser_.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
  parser_.set_default_op(Xapian::Query::OP_AND);
  for (const auto& [name, prefix] : prefixes_) parser_.add_prefix(name, prefix);
  parser_.add_prefix("syn", "XY");
  parser_.add_prefix(kAboutSynonym, kAboutConceptPrefix);
}

// Is `prefix` that of words of text (unprefixed, a field's, a section's, what a sheet is about),
// rather than of filters or synonym concepts?
bool QueryPlanner::text_prefix(const std::string& prefix) const {
  if (prefix.empty() || prefix == kAboutPrefix) return true;
  for (const auto& [name, p] : prefixes_)
    if (p == prefix) return true;
  return false;
}

// Is `name` the query prefix of a section ("freins", "genese") rather than of a field ("titre")?
bool QueryPlanner::section_prefix(const std::string& name) const {
  for (const auto& [n, prefix] : prefixes_)
    if (n == name) return prefix.starts_with(kSectionPrefix);
  return false;
}

// `fallback` is searched when `input` turns out malformed: a search never fails on syntax.
Xapian::Query QueryPlanner::parse(const std::string& input, const std::string& fallback, Xapian::Query::op default_op,
                                  const std::string& default_prefix) {
  if (input.empty()) return match_all();
  parser_.set_default_op(default_op);
  constexpr unsigned flags = Xapian::QueryParser::FLAG_BOOLEAN | Xapian::QueryParser::FLAG_PHRASE |
                             Xapian::QueryParser::FLAG_LOVEHATE | Xapian::QueryParser::FLAG_PURE_NOT;
  try {
    return inflected(parser_.parse_query(input, flags, default_prefix));
  } catch (const Xapian::QueryParserError&) {
    try {
      return inflected(parser_.parse_query(fallback, 0, default_prefix));
    } catch (const Xapian::QueryParserError&) {
      return Xapian::Query();  // matches nothing
    }
  }
}
Xapian::Query QueryPlanner::parse(const RewrittenQuery& q, Xapian::Query::op default_op) {
  return parse(q.parser_input, q.plain_input, default_op);
}

// A word in any of its forms: its stem ("Z" + prefix + stem), which holds the positions of every
// form of the word in the text ("groupes": groupe, groupes), and the word itself when it is an
// acronym ("caf"), indexed without a stem when written in capitals (index_text). A stem holds
// the positions so that a phrase reads one list a word, not one per form (a French stem can have
// a dozen forms: docs/performance.md, "Positions on stems").
Xapian::Query QueryPlanner::any_form(const std::string& term) {
  const std::size_t split = prefix_length(term);
  const std::string prefix = term.substr(0, split), word = term.substr(split);
  if (word.empty()) return Xapian::Query(term);
  const std::string stemmed = analyzer_.stem(word);
  if (stem_misleads(word, stemmed, stopwords_)) return Xapian::Query(term);
  const Xapian::Query stem("Z" + prefix + stemmed);
  if (!synonyms_.acronym(word)) return stem;
  return Xapian::Query(Xapian::Query::OP_OR, stem, Xapian::Query(term));
}

// A word of a section (a term under its prefix, as the parser gives it: "ZXSECFREINSelu",
// "XSECFREINScaf"): the body's term of the word near the section's marker, which starts the
// section's band of positions (index_layout.h). Weighed as the word in the whole text.
Xapian::Query QueryPlanner::section_word(const std::string& term) {
  const bool stemmed = term[0] == 'Z';
  const std::size_t split = prefix_length(term);
  const std::string marker = term.substr(stemmed ? 1 : 0, split - (stemmed ? 1 : 0)), word = term.substr(split);
  Xapian::Query body;
  if (stemmed)
    body = Xapian::Query("Z" + word);
  else if (synonyms_.acronym(word) && !spells_a_word(word))
    body = Xapian::Query(word);  // as written: the stem of "CAF" would find "café"
  else
    body = any_form(word);
  const Xapian::Query parts[] = {Xapian::Query(marker, 0), body};
  return Xapian::Query(Xapian::Query::OP_NEAR, std::begin(parts), std::end(parts), kSectionWindow);
}

// `q` with each phrase in any form of its words: a quoted "groupes de parents" finds "groupe de
// parents", as the phrase bonus does (QueryParser's phrases are of the words as typed).
Xapian::Query QueryPlanner::inflected(const Xapian::Query& q) {
  using Q = Xapian::Query;
  std::vector<Q> subs;
  for (std::size_t i = 0; i < q.get_num_subqueries(); ++i) subs.push_back(q.get_subquery(i));
  switch (q.get_type()) {
    case Q::OP_PHRASE: {
      const auto window = static_cast<Xapian::termcount>(subs.size());
      if (in_a_section(subs)) {
        // The phrase in the sheet's text whose words are all in the section.
        std::vector<Q> in_section, in_text;
        for (const auto& s : subs) {
          const std::string term = *s.get_terms_begin();
          in_section.push_back(section_word(term));
          in_text.push_back(any_form(term.substr(prefix_length(term))));
        }
        return Q(Q::OP_FILTER, Q(Q::OP_AND, in_section.begin(), in_section.end()),
                 Q(Q::OP_PHRASE, in_text.begin(), in_text.end(), window));
      }
      for (auto& s : subs)
        if (s.get_type() == Q::LEAF_TERM) s = any_form(*s.get_terms_begin());
      return Q(Q::OP_PHRASE, subs.begin(), subs.end(), window);
    }
    case Q::OP_AND:
    case Q::OP_OR:
    case Q::OP_AND_NOT:
    case Q::OP_AND_MAYBE:
    case Q::OP_XOR:
    case Q::OP_FILTER:
    case Q::OP_SYNONYM:
    case Q::OP_MAX:
      for (auto& s : subs) s = inflected(s);
      return Q(q.get_type(), subs.begin(), subs.end());
    case Q::LEAF_TERM: {
      // The index holds the stems of words only (index_tokens): a word the parser left unstemmed
      // (a number, a word before "*", "[" or "<") is sought by its stem. An acronym is sought as
      // written, which the index holds too: the stem of "CAF" would find "café"; and so is a
      // place's name that the rewriter typed with a capital: the stem of "Gard" found "garde".
      const std::string term = *q.get_terms_begin();
      const std::size_t split = prefix_length(term);
      if (split == term.size()) return q;
      const bool stemmed = term[0] == 'Z';
      if (term.compare(stemmed ? 1 : 0, kSectionPrefix.size(), kSectionPrefix) == 0) return section_word(term);
      if (!text_prefix(term.substr(0, split)) || synonyms_.acronym(term.substr(split)) ||
          (!stemmed && split == 0 && (places_.count(term) || as_written_.count(term))))
        return q;
      return any_form(term);
    }
    default: return q;
  }
}

// The words in a row, each in any of its forms (any_form), within `window` positions
// when given (0: side by side). Weighed as one term (OP_SYNONYM), whose frequency is that of the
// phrase: a phrase rarer than its words weighs more than they do (a plain OP_PHRASE weighs what
// its words weigh, wherever they are). Its within-document frequency is Xapian's: that of the
// least frequent of its words, not how many times the phrase occurs (counting occurrences ranked
// no better: bench/relevance/README.md).
Xapian::Query QueryPlanner::phrase(const std::vector<std::string>& words, Xapian::termcount window) {
  std::vector<Xapian::Query> parts;
  for (const auto& w : words) parts.push_back(any_form(w));
  const Xapian::Query ph(Xapian::Query::OP_PHRASE, parts.begin(), parts.end(),
                         window ? window : static_cast<Xapian::termcount>(parts.size()));
  return Xapian::Query(Xapian::Query::OP_SYNONYM, &ph, &ph + 1);
}

// Weight added to the documents the query describes: those that hold its words side by side
// (a phrase of two words or more: "personnes âgées", "visite à domicile"), and those whose
// themes, publics, modes of intervention, carrier or keywords name what it asks for (kAboutPrefix).
// `with_pairs`: a query of three words or more also weighs each pair of its neighbouring words.
Xapian::Query QueryPlanner::bonus(const RewrittenQuery& q, bool with_pairs) {
  std::vector<Xapian::Query> parts;
  if (!q.phrase.empty()) parts.emplace_back(Xapian::Query::OP_SCALE_WEIGHT, phrase(q.phrase), kPhraseBonus);
  // Each two neighbouring words of a longer query, the short words between them allowed and one
  // more ("milieu rural" in "isolement des personnes âgées en milieu rural").
  if (with_pairs && q.phrase.size() > 2) {
    std::vector<std::size_t> content;
    for (std::size_t i = 0; i < q.phrase.size(); ++i)
      if (!stopwords_.count(q.phrase[i])) content.push_back(i);
    std::vector<Xapian::Query> pairs;
    for (std::size_t k = 1; k < content.size(); ++k) {
      const std::size_t a = content[k - 1], b = content[k];
      pairs.push_back(phrase({q.phrase[a], q.phrase[b]}, static_cast<Xapian::termcount>(b - a + 2)));
    }
    if (!pairs.empty())
      parts.emplace_back(Xapian::Query::OP_SCALE_WEIGHT,
                         Xapian::Query(Xapian::Query::OP_OR, pairs.begin(), pairs.end()), kPairBonus);
  }
  // A query with operators: its words sought anywhere and in fields, never those sought in one
  // section ("freins:élus" asks what the obstacles of a sheet say, not what the sheet is about).
  std::vector<std::string> sought = q.free_words;
  for (const auto& [name, w] : q.field_words)
    if (!section_prefix(name)) sought.push_back(w);
  std::string about;
  if (q.units.empty()) about = text::join(sought);
  for (const auto& u : q.units) {
    std::string input = u.parser_input;
    for (std::size_t p = input.find("syn:"); p != std::string::npos; p = input.find("syn:", p + 1)) {
      input.replace(p, 4, std::string(kAboutSynonym) + ":");
      p += std::string(kAboutSynonym).size();
    }
    about += (about.empty() ? "" : " ") + input;
  }
  if (!about.empty())
    parts.emplace_back(Xapian::Query::OP_SCALE_WEIGHT, parse(about, q.plain_input, Xapian::Query::OP_OR, kAboutPrefix),
                       kAboutBonus);
  return parts.empty() ? Xapian::Query() : Xapian::Query(Xapian::Query::OP_OR, parts.begin(), parts.end());
}

// Filters without words: the documents most about the values chosen come first ("santé
// mentale": the sheet on a GEM before a holiday stay that lists mental health among four themes).
// The labels of the values weigh as words of a query, never as conditions: every filtered
// document is listed.
Xapian::Query QueryPlanner::topic(const std::vector<std::string>& labels) {
  std::vector<Xapian::Query> parts;
  for (const auto& l : labels) {
    const RewrittenQuery rq = rewriter_.rewrite(l);
    if (rq.parser_input.empty()) continue;
    parts.push_back(parse(rq, Xapian::Query::OP_OR));
    // The label in a row, not its word pairs: Xapian checks their positions in every filtered
    // document (2,756 for three filters at 30,000 sheets), two fifths of such a search, and they
    // ranked no better (bench/relevance/README.md, seventh session).
    const Xapian::Query b = bonus(rq, false);
    if (!b.empty()) parts.push_back(b);
  }
  return parts.empty() ? Xapian::Query() : Xapian::Query(Xapian::Query::OP_OR, parts.begin(), parts.end());
}

Plan QueryPlanner::plan(const RewrittenQuery& q, bool partial, const std::vector<std::string>& filter_labels) {
  as_written_ = q.as_written;
  Plan p;
  const Xapian::Query extra = q.parser_input.empty() && !filter_labels.empty() ? topic(filter_labels) : bonus(q);
  auto with_bonus = [&](const Xapian::Query& base) {
    return extra.empty() ? base : Xapian::Query(Xapian::Query::OP_AND_MAYBE, base, extra);
  };
  auto fixed = [](double weight) { return Xapian::Query((new Xapian::FixedWeightPostingSource(weight))->release()); };
  auto max_weight = [&](const Xapian::Query& query) {
    Xapian::Enquire e(db_);
    e.set_weighting_scheme(weighting());
    e.set_query(query);
    return e.get_mset(0, 0).get_max_possible();
  };
  const bool counted = partial && q.units.size() > 1;
  if (counted)
    for (const auto& u : q.units) p.units.push_back(parse(u.parser_input, u.parser_input, Xapian::Query::OP_AND));
  const Xapian::Query base =
      counted ? Xapian::Query(Xapian::Query::OP_OR, p.units.begin(), p.units.end()) : parse(q, Xapian::Query::OP_AND);
  // Documented sheets get `lead` over those still to be documented (kDocumentedLead); filters
  // alone weigh nothing (listed by date, then by this lead).
  const std::string to_document = std::string(kStatusPrefix) + kToBeDocumented;
  const bool documented_first = db_.get_termfreq(to_document) > 0;
  const double rest = counted || documented_first ? max_weight(with_bonus(base)) : 0;
  const double lead = documented_first ? (rest > 0 ? kDocumentedLead * rest : 1) : 0;
  if (counted) {
    p.step = rest + lead + 1;
    if (q.units.size() >= kPartialFrom) p.unit_weight = kUnitShare * (rest + lead);
    std::vector<Xapian::Query> scored;
    for (const auto& u : p.units)
      scored.emplace_back(Xapian::Query::OP_OR, u, Xapian::Query(Xapian::Query::OP_FILTER, fixed(p.step), u));
    p.core = Xapian::Query(Xapian::Query::OP_OR, scored.begin(), scored.end());
  } else {
    p.core = base;
  }
  p.query = with_bonus(p.core);
  if (documented_first)
    p.query = Xapian::Query(Xapian::Query::OP_AND_MAYBE, p.query,
                            Xapian::Query(Xapian::Query::OP_AND_NOT, fixed(lead), Xapian::Query(to_document)));
  return p;
}

}  // namespace pratiques
