#include "pratiques/search.h"

#include <xapian.h>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <sstream>

#include "pratiques/analyze.h"
#include "pratiques/catalog.h"
#include "pratiques/catalogue.h"
#include "pratiques/index_layout.h"
#include "pratiques/index_store.h"
#include "pratiques/query.h"
#include "pratiques/synonyms.h"
#include "pratiques/text.h"
#include "facet_counts.h"
#include "hits.h"
#include "offers.h"
#include "query_plan.h"
#include "similar.h"
#include "spelling.h"

namespace fs = std::filesystem;

namespace pratiques {

std::optional<Sort> parse_sort(const std::string& name) {
  if (name.empty() || name == "pertinence") return Sort::Relevance;
  if (name == "date") return Sort::Date;
  if (name == "titre") return Sort::Title;
  return std::nullopt;
}

namespace {

// The lines of a catalogue meta written as pairs, each cut at its tab (ingest's catalogue_rows.cpp):
// « prefixes », « prefixes_aussi », « regions_des_departements », « anciennes_regions ».
std::vector<std::pair<std::string, std::string>> meta_pairs(Catalog& cat, const std::string& key) {
  std::vector<std::pair<std::string, std::string>> out;
  std::istringstream in(cat.meta(key));
  for (std::string line; std::getline(in, line);)
    if (const auto tab = line.find('\t'); tab != std::string::npos)
      out.emplace_back(line.substr(0, tab), line.substr(tab + 1));
  return out;
}

// When the query has words the sheets know besides those corrected, a correction replaces it only
// if each word it corrects has at least this many letters, or if some sheet writes the corrected
// words in a row ("jardn partagé": "jardin partagé"): "peer support" finds the sheets that say
// "support", and "peser support", which no sheet writes, is no better.
constexpr std::size_t kCorrectedWhenPartial = 8;
// A truncated word ("habit*") is sought as the kTruncationWords most frequent words of the sheets
// that start so, among the first kTruncationRead (a bound on what a query can cost: "pre*").
constexpr std::size_t kTruncationWords = 30;
constexpr std::size_t kTruncationRead = 2000;

// Refuses what no search needs and a hostile client could send: too long, too many filters, text
// that is not UTF-8.
void check_bounds(const SearchRequest& request) {
  if (text::invalid_utf8_offset(request.query) != std::string::npos)
    throw SearchError("requête mal encodée : UTF-8 attendu");
  if (const std::size_t characters = text::length(request.query); characters > kMaxQueryChars)
    throw SearchError("requête trop longue (" + std::to_string(characters) + " caractères, au plus " +
                      std::to_string(kMaxQueryChars) + ")");
  if (request.filters.size() > kMaxFilters)
    throw SearchError("trop de filtres (au plus " + std::to_string(kMaxFilters) + ")");
}

// The part of `query` that is searched, its first kMaxQueryWords words (each is rewritten with its
// stems and synonyms: a bound on what a query costs); `ignored`, the rest as typed. A question
// pasted or dictated whole was refused, and the page lost it (« requête trop longue (91 mots) »).
std::string searched_part(const std::string& query, std::string& ignored) {
  std::size_t words = 0, at = 0;
  while (at < query.size()) {
    const std::size_t begin = query.find_first_not_of(" \t\r\n", at);
    if (begin == std::string::npos) break;
    if (words == kMaxQueryWords) {
      ignored = query.substr(begin);
      while (!ignored.empty() && std::isspace(static_cast<unsigned char>(ignored.back()))) ignored.pop_back();
      return query.substr(0, begin);
    }
    ++words;
    at = std::min(query.find_first_of(" \t\r\n", begin), query.size());
  }
  return query;
}

// A group's words sought apart (Searcher::search_once, `apart`): a word that the group's label,
// lacked too, names is not said again (« Ne contient pas : Pôle emploi, Pôle », « outre-mer, mer »).
void without_words_of_groups(std::vector<std::string>& missing) {
  const auto words_of = [](const std::string& label) {  // folded, hyphenated parts apart
    std::vector<std::string> words;
    std::string w;
    for (char c : text::fold(label) + " ")
      if (c == ' ' || c == '-') {
        if (!w.empty()) words.push_back(std::move(w));
        w.clear();
      } else {
        w += c;
      }
    return words;
  };
  const std::vector<std::string> lacked = missing;
  std::erase_if(missing, [&](const std::string& label) {
    const std::string word = text::fold(label);
    return std::any_of(lacked.begin(), lacked.end(), [&](const std::string& group) {
      const auto words = words_of(group);
      return words.size() > 1 && std::find(words.begin(), words.end(), word) != words.end();
    });
  });
}

}  // namespace

struct Searcher::Impl {
  std::string link, generation;
  long long publication = 0;
  Xapian::Database db;
  Analyzer analyzer;
  FacetSpace facets;
  FacetTable facet_table;
  std::vector<std::vector<std::uint16_t>> facet_values;  // of each facet of facets.facets(): values_of()
  SynonymMatcher synonyms;
  std::vector<std::pair<std::string, std::string>> prefixes;  // query prefix → Xapian prefix
  std::set<std::string> stopwords;                            // folded (mots_vides)
  // The folded words of each territory's name → where else to seek it (QueryRewriter::IndexWords).
  std::map<std::vector<std::string>, std::vector<std::string>> places;
  std::map<std::string, std::string> departement_names;  // code → name, from the facet
  // A département's folded name → its région's name (the catalogue's « regions_des_departements »).
  std::map<std::vector<std::string>, std::string> departement_regions;
  std::map<std::string, std::string> profession_diplomas;  // profession's slug → its diploma's code
  std::unique_ptr<QueryRewriter> rewriter;
  std::unique_ptr<Catalog> catalog;  // kept open for the text of extracts
  std::unique_ptr<QueryPlanner> planner;
  std::unique_ptr<HitReader> hits;
  std::unique_ptr<Speller> speller;
  std::vector<Xapian::docid> documents;  // every docid (facet counts of filters alone), read on first use
  // What similar_ids() reads, loaded on first use (prepare_similar_ids()): docid → sheet id, the
  // docids ordered by sheet id (each sheet's documents side by side), and the neighbours.
  std::vector<std::string> sheet_ids;
  std::vector<Xapian::docid> docids_by_sheet;
  std::shared_ptr<const NeighbourIndex> neighbour_index;

  Impl(const std::string& index, std::chrono::milliseconds patience) : link(index) {
    IndexPair pair;
    try {
      pair = open_index_to_read(index, patience);  // Xapian and the catalogue at one publication, this format
    } catch (const IndexError& e) {
      throw SearchError(e.what());
    }
    generation = pair.dir;
    publication = pair.publication;
    db = std::move(pair.xapian);
    catalog = std::move(pair.catalog);
    Catalog& cat = *catalog;
    facets = FacetSpace::load(cat);
    facet_table.load(db);
    for (const auto& f : facets.facets()) facet_values.push_back(facets.values_of(f.key));
    synonyms = SynonymMatcher::load(cat, analyzer);
    prefixes = meta_pairs(cat, "prefixes");
    std::map<std::string, std::string> prefix_aliases;
    for (const auto& [alias, prefix] : meta_pairs(cat, "prefixes_aussi"))
      prefix_aliases.emplace(text::fold(alias), prefix);
    std::istringstream sw(cat.meta("mots_vides"));
    for (std::string w; std::getline(sw, w);)
      if (!w.empty()) stopwords.insert(analyzer.fold_query_word(w));
    std::vector<std::string> names;
    for (const auto& [name, prefix] : prefixes) names.push_back(name);
    // The whole form of a hyphenated word is indexed as a word is, by its stem. That stem keeps
    // every part but the last ("seinesaintden"): one that does not is an ordinary word's
    // ("visite" + "a" stems as "visit").
    QueryRewriter::IndexWords words;
    words.compound = [this](const std::vector<std::string>& parts) {
      std::string joined;
      for (const auto& p : parts) joined += p;
      const std::string head = joined.substr(0, joined.size() - parts.back().size() + 1);
      const std::string& stem = analyzer.stem(joined);
      return stem.starts_with(head) && db.term_exists("Z" + stem);
    };
    // The spelling table holds every word of the sheets (and of the vocabularies' labels).
    words.starting_with = [this](const std::string& prefix) {
      std::vector<std::pair<Xapian::doccount, std::string>> found;
      Xapian::TermIterator t = db.spellings_begin();
      t.skip_to(prefix);
      for (; t != db.spellings_end() && found.size() < kTruncationRead && (*t).starts_with(prefix); ++t)
        found.emplace_back(t.get_termfreq(), *t);
      const std::size_t kept = std::min(found.size(), kTruncationWords);
      std::partial_sort(found.begin(), found.begin() + static_cast<long>(kept), found.end(),
                        [](const auto& a, const auto& b) { return a.first > b.first; });
      std::vector<std::string> out;
      for (std::size_t i = 0; i < kept; ++i) out.push_back(found[i].second);
      return out;
    };
    // The names of the départements and régions, as the analyser folds them ("cote d'or": "cote",
    // "or"), from the facets that list them, sought too in the query prefix of the same name as the
    // facet (recherche.yaml: « region », « departement »), which indexes a sheet's own place.
    const auto folded_name = [&](const std::string& label) {
      std::vector<std::string> name;
      for (const Token& t : analyzer.tokenize(label))
        if (!t.joined) name.push_back(t.term);
      return name;
    };
    const auto sought = [](const std::vector<std::string>& name) {
      return name.size() > 1 ? "\"" + text::join(name) + "\"" : name[0];
    };
    const auto add = [&](const std::vector<std::string>& name, const std::string& elsewhere) {
      auto& alternatives = places[name];
      if (!elsewhere.empty() && std::find(alternatives.begin(), alternatives.end(), elsewhere) == alternatives.end())
        alternatives.push_back(elsewhere);
    };
    for (const auto& f : facets.facets()) {
      if (f.vocabulary != "departements" && f.vocabulary != "regions") continue;
      const bool field = std::find(names.begin(), names.end(), f.key) != names.end();
      if (field) words.place_prefixes.insert(f.key);
      // A département by its code, which its field holds too: by its name, « Rhône » was found in
      // the field of the Bouches-du-Rhône.
      const bool by_code = f.vocabulary == "departements";
      for (const std::uint16_t id : facets.values_of(f.key)) {
        if (by_code) {
          departement_names[facets.def(id).value] = facets.def(id).label;
          // Its code is a place too ("93", "2A"): « département 93 » is the 93.
          if (field) add(folded_name(facets.def(id).value), f.key + ":" + facets.def(id).value);
        }
        if (const auto name = folded_name(facets.def(id).label); !name.empty()) {
          const std::string elsewhere = field ? f.key + ":" + (by_code ? facets.def(id).value : sought(name)) : "";
          add(name, elsewhere);
          // « Saint » abbreviated, as addresses write it: « seine st denis » listed 18 sheets, none
          // of the 93 first.
          std::vector<std::string> abbreviated = name;
          for (std::string& word : abbreviated)
            if (word == "saint" || word == "sainte") word = word == "saint" ? "st" : "ste";
          if (abbreviated != name) add(abbreviated, elsewhere);
        }
      }
    }
    std::map<std::string, std::string> region_names;  // code → name
    for (const auto& f : facets.facets())
      if (f.vocabulary == "regions")
        for (const std::uint16_t id : facets.values_of(f.key))
          region_names[facets.def(id).value] = facets.def(id).label;
    for (const auto& [departement, region] : meta_pairs(cat, "regions_des_departements")) {  // their codes
      const auto d = departement_names.find(departement);
      const auto r = region_names.find(region);
      if (d != departement_names.end() && r != region_names.end())
        departement_regions[folded_name(d->second)] = r->second;
    }
    profession_diplomas = diplomas_of_professions(facets);
    // A former région ("Nord-Pas-de-Calais", "Midi-Pyrénées"), which the sheets of 2011–2015 name:
    // its départements too, whose sheets it found only when they wrote its name.
    for (const auto& [former, departements] : meta_pairs(cat, "anciennes_regions")) {  // a name, codes apart
      const auto name = folded_name(former);
      if (name.empty() || std::find(names.begin(), names.end(), "departement") == names.end()) continue;
      std::istringstream codes(departements);
      for (std::string code; codes >> code;) add(name, "departement:" + code);
    }
    words.place = [this](const std::vector<std::string>& name) {
      const auto at = places.find(name);
      return at == places.end() ? std::nullopt : std::optional<std::vector<std::string>>(at->second);
    };
    for (const auto& [typed, stands_for] : meta_pairs(cat, "abreviations"))
      if (auto folded = folded_name(typed); !folded.empty()) words.abbreviations.emplace(std::move(folded), stands_for);
    rewriter = std::make_unique<QueryRewriter>(analyzer, synonyms, names, stopwords, std::move(words),
                                               std::move(prefix_aliases));
    std::set<std::string> place_words;  // names of one word (not codes: "93" is no name)
    for (const auto& [name, elsewhere] : places)
      if (name.size() == 1 && std::isalpha(static_cast<unsigned char>(name[0][0]))) place_words.insert(name[0]);
    planner = std::make_unique<QueryPlanner>(db, analyzer, synonyms, prefixes, stopwords, *rewriter, place_words);
    hits = std::make_unique<HitReader>(cat, analyzer, synonyms, facets, prefixes, stopwords);
    speller = std::make_unique<Speller>(db, analyzer, synonyms, stopwords);
  }

  const std::vector<Xapian::docid>& all_documents() {
    if (documents.empty())
      for (auto p = db.postlist_begin(""); p != db.postlist_end(""); ++p) documents.push_back(*p);
    return documents;
  }

  // The counts of the facets with selected values, each without its own filter
  // (counts_without_own_filter), over the documents that `plan` matches with `min_units` of its
  // units and no filter; filters alone (`empty_query`): over every document. The core query, not
  // its bonuses (AND_MAYBE), whose phrases Xapian would check on every document: the bonuses
  // weigh less than a unit (Plan::step), so that documents pass the weight cutoff by the units
  // they hold, with or without them. Only membership matters: no weights (BoolWeight) unless the
  // cutoff needs them, and it does not at one unit: each unit a document holds adds `step` to its
  // weight, more than the cutoff, so every document of the core passes it.
  std::map<std::string, std::vector<unsigned>> selected_facet_counts(const Selection& selected, bool empty_query,
                                                                     const Plan& plan, std::size_t min_units,
                                                                     Xapian::doccount all_docs) {
    if (empty_query) return counts_without_own_filter(db, facet_table, facets.size(), all_documents(), selected);
    Xapian::Enquire e(db);
    const double cutoff = plan.units.empty() ? 0 : plan.cutoff(min_units);
    std::optional<InSelection> all_but_one;  // with a weight cutoff, the filters decided (InSelection)
    if (cutoff > 0 && min_units > 1) {
      e.set_query(plan.core);
      e.set_cutoff(0, cutoff);
      e.set_weighting_scheme(weighting());
      if (selected.by_facet().size() > 1)
        all_but_one.emplace(selected.facets_held(db), selected.by_facet().size(), true);
    } else {
      e.set_query(selected.apply_to_all_but_one(plan.core));
      e.set_weighting_scheme(Xapian::BoolWeight());
    }
    e.set_docid_order(Xapian::Enquire::DONT_CARE);
    MatchingDocuments unfiltered;
    e.add_matchspy(&unfiltered);
    e.get_mset(0, 1, all_docs, nullptr,
               all_but_one ? &*all_but_one : nullptr);  // maxitems 0 would skip the match (and the spy)
    return counts_without_own_filter(db, facet_table, facets.size(), unfiltered.docids, selected);
  }
};

// Xapian's errors are no std::exception: callers that catch those (the server keeps its current
// generation when a new one cannot be opened) get a SearchError instead.
Searcher::Searcher(const std::string& index, std::chrono::milliseconds patience) try
    : impl_(std::make_unique<Impl>(index, patience)) {
} catch (const Xapian::Error& e) {
  throw SearchError("index illisible (« " + index + " ») : " + e.get_description());
}
Searcher::~Searcher() = default;
Searcher::Searcher(Searcher&&) noexcept = default;
Searcher& Searcher::operator=(Searcher&&) noexcept = default;

bool Searcher::stale() const {
  if (resolve_index(impl_->link) != impl_->generation) return true;
  try {
    return publication_of(*open_catalogue(impl_->generation)) != impl_->publication;
  } catch (const std::exception&) {
    return true;
  }
}
const std::string& Searcher::generation() const { return impl_->generation; }
long long Searcher::publication() const { return impl_->publication; }
Catalog& Searcher::catalog() const { return *impl_->catalog; }

template <class F>
auto Searcher::reading(F&& f) const {
  try {
    return f();
  } catch (const Xapian::DatabaseModifiedError&) {
    impl_ = std::make_unique<Impl>(impl_->link, std::chrono::seconds(10));
    return f();
  }
}

SearchResponse Searcher::search(const SearchRequest& request) const {
  return reading([&] { return search_once(request); });
}
std::vector<Hit> Searcher::similar(const std::string& id, int count) const {
  return reading([&] { return similar_once(id, count); });
}

std::vector<std::pair<std::string, std::string>> Searcher::facet_keys() const {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& f : impl_->facets.facets()) out.emplace_back(f.key, f.label);
  return out;
}

SearchResponse Searcher::search_once(const SearchRequest& request) const {
  Impl& im = *impl_;
  check_bounds(request);
  SearchResponse resp;
  resp.query = request.query;
  resp.per_page = std::clamp(request.per_page, 1, kMaxPerPage);
  // As the reader sees it: fullwidth letters typed on a phone found nothing, a zero-width space
  // pasted inside a word split it.
  const std::string query = searched_part(text::nfkc_visible(request.query), resp.ignored_text);

  const Selection selected(im.facets, request.filters);

  const RewrittenQuery rq = im.rewriter->rewrite(query);
  const Xapian::doccount all_docs = std::max<Xapian::doccount>(im.db.get_doccount(), 1);
  resp.collection = im.db.get_doccount();
  Xapian::Enquire enquire(im.db);
  enquire.set_weighting_scheme(weighting());
  const bool empty_query = rq.parser_input.empty();
  resp.no_words = empty_query && query.find_first_not_of(" \t\r\n") != std::string::npos;
  resp.short_truncations = rq.short_truncations;
  resp.extra_truncations = rq.extra_truncations;
  resp.unknown_prefixes = rq.unknown_prefixes;
  resp.excluded = rq.excluded;
  // No words and no filter: every sheet, by date. Filters alone: by how much each document is about
  // the values chosen (QueryPlanner::plan), unless another order is asked.
  const Sort sort = request.sort == Sort::Relevance && empty_query && selected.empty() ? Sort::Date : request.sort;
  std::vector<std::string> filter_labels;
  if (empty_query && sort == Sort::Relevance)
    for (const auto& facet : selected.by_facet())
      for (const auto id : im.facets.values_of(facet.first))
        if (selected.has(facet.first, im.facets.def(id).value)) filter_labels.push_back(im.facets.def(id).label);
  if (sort == Sort::Date) enquire.set_sort_by_value_then_relevance(kSlotDate, true);
  if (sort == Sort::Title) enquire.set_sort_by_value_then_relevance(kSlotTitle, false);

  // Spelling: offered for unknown words; it replaces the query only when clearly better (below).
  const Spelling spelling = im.speller->spelling(rq, query);
  resp.suggestion = spelling.suggestion;
  resp.alternatives = spelling.alternatives;

  FacetSpy spy(im.facet_table, im.facets.size());
  // Filters of a match with a weight cutoff: a decider, not an OP_FILTER (InSelection).
  std::optional<InSelection> in_selection;
  auto decider = [&](const Plan& p) -> const InSelection* {
    if (p.units.empty() || selected.empty()) return nullptr;
    if (!in_selection) in_selection.emplace(selected.facets_held(im.db), selected.by_facet().size(), false);
    return &*in_selection;
  };
  // The page shown, the facet counts and the exact total in one exhaustive pass (check_at_least:
  // every document). Measured: a pruned ranked pass plus a boolean counting pass cost as much
  // (again with the counting pass on the core query alone: 3% fewer instructions at 10,000 sheets,
  // not worth the risk of xapian-core 1.4.22's max-weight pruning missing a result, see similar.cpp).
  // A plan of units keeps the documents that hold `min_units` of them (weight cutoff) and counts
  // those that hold them all.
  // A sentence ranked by relevance: its page is read from the weights of every document
  // (SentenceOrder), not from the match's order; so is a plan of units sorted by date or title,
  // the documents that hold every unit first (SortedInParts).
  auto run = [&](const Plan& plan, std::size_t min_units, int page) {
    const InSelection* decides = decider(plan);
    const bool sentence = plan.unit_weight > 0 && sort == Sort::Relevance;
    enquire.set_query(decides ? plan.query : selected.apply(plan.query));
    enquire.set_cutoff(0, plan.units.empty() ? 0 : plan.cutoff(min_units));
    enquire.clear_matchspies();
    spy.counts.assign(im.facets.size(), 0);
    spy.documents = spy.complete = 0;
    spy.complete_weight = plan.units.empty() ? 0 : plan.cutoff(plan.units.size());
    const auto first = static_cast<Xapian::doccount>((page - 1) * resp.per_page);
    const auto count = static_cast<Xapian::doccount>(resp.per_page);
    enquire.add_matchspy(&spy);
    if (!plan.units.empty() && (sort == Sort::Date || sort == Sort::Title)) {
      SortedInParts order(plan, sort == Sort::Date ? kSlotDate : kSlotTitle, sort == Sort::Date, first + count);
      enquire.add_matchspy(&order);
      enquire.get_mset(0, 1, all_docs, nullptr, decides);
      enquire.clear_matchspies();
      return order.page(first, count);
    }
    if (!sentence) return shown_of(enquire.get_mset(first, count, all_docs, nullptr, decides));
    SentenceOrder order(plan, first + count);
    enquire.add_matchspy(&order);
    enquire.get_mset(0, 1, all_docs, nullptr, decides);  // maxitems 0 would skip the match (and the spies)
    enquire.clear_matchspies();
    return order.page(first, count);
  };
  int page = std::max(1, request.page);
  // A plain query of kPartialFrom units or more ranks documents by how many of them they hold,
  // and keeps those that hold at least half; a shorter one requires every unit.
  const std::size_t n = rq.units.size();
  Plan plan = im.planner->plan(rq, n >= kPartialFrom, filter_labels);
  std::size_t min_units = (n + 1) / 2;
  // Relaxing is decided on the query without its filters: the count a facet value shows beside the
  // results of the query alone is what choosing it gives. A filtered query relaxes only when the
  // query alone would (a value held by 2 of the 27 sheets that hold half of a sentence's words
  // gave 5 results once chosen: those holding one word).
  // How many documents `q` holds, up to a page's worth: a match that stops at the last one asked.
  auto holding = [&](const Xapian::Query& q, double cutoff) {
    Xapian::Enquire e(im.db);
    e.set_query(q);
    if (cutoff > 0) {
      e.set_weighting_scheme(weighting());
      e.set_cutoff(0, cutoff);
    } else {
      e.set_weighting_scheme(Xapian::BoolWeight());
    }
    return e.get_mset(0, kFewerThanAPage).size();
  };
  auto few_without_filters = [&](const Plan& p, std::size_t m) {
    if (selected.empty()) return true;  // the counts of the match itself decide
    return (p.units.empty() ? holding(p.core, 0) : holding(p.query, p.cutoff(m))) < kFewerThanAPage;
  };
  // A query whose units are all required is relaxed (below) when fewer documents than a page hold
  // them all: its own ranked match would be thrown away, after Xapian read its phrase's positions
  // in every document that holds the phrase's words, filtered out or not. A boolean match that
  // stops at the tenth document tells beforehand, and the relaxed match then runs alone.
  bool relax_first = false;
  if (n > 1 && plan.units.empty()) {
    const Xapian::doccount some = holding(selected.apply(plan.core), 0);
    relax_first = some > 0 && some < kFewerThanAPage && few_without_filters(plan, min_units);
  }
  std::vector<Shown> shown;
  if (!relax_first) shown = run(plan, min_units, page);
  std::optional<RewrittenQuery> corrected;
  // No document holds every word, a typed word being unknown: the spelling suggestion's results
  // when clearly better, that is when some document holds every word of it ("travail social
  // communotaire" listed the 61 sheets that say "travail social", "communautaire" only offered).
  const auto holding_all = [&](const Plan& p) { return p.units.empty() ? spy.documents : spy.complete; };
  if (!relax_first && holding_all(plan) == 0 && !empty_query && spelling.suggestion && spelling.clear) {
    const Xapian::doccount found = spy.documents;
    RewrittenQuery cq = im.rewriter->rewrite(*resp.suggestion);
    Plan p2 = im.planner->plan(cq, cq.units.size() >= kPartialFrom);
    const std::size_t m = (cq.units.size() + 1) / 2;
    std::vector<Shown> s2 = run(p2, m, page);
    const bool alone = found == 0 && spelling.corrected >= rq.words.size();  // nothing else to find
    // No sheet holds any word typed, and some holds a word of the suggestion: its results, relaxed
    // below, are better than none (« acceuil inconditionnel » found nothing, where « accueil
    // inconditionnel » finds 18 sheets that say « accueil »).
    const auto held = [&](const std::string& w) {
      return im.db.term_exists("Z" + im.analyzer.stem(w)) || im.db.term_exists(w);
    };
    const bool none_typed = found == 0 && std::none_of(rq.words.begin(), rq.words.end(), held) &&
                            std::any_of(cq.words.begin(), cq.words.end(), held);
    const bool better = alone ? spy.documents > 0
                              : none_typed || (holding_all(p2) > 0 && (spelling.shortest >= kCorrectedWhenPartial ||
                                                                       holding(im.planner->in_a_row(cq), 0) > 0));
    if (better) {
      plan = std::move(p2);
      shown = std::move(s2);
      min_units = m;
      resp.corrected = true;
      corrected = std::move(cq);
    } else {
      // The query as typed, and its counts, again: also when it found nothing, so that the relaxed
      // match below runs ("grupe jeunes" showed the suggestion's 31 results as counts, and no sheet).
      shown = run(plan, min_units, page);
    }
  }
  // Fewer documents hold the units (all of them; half of those of a sentence) than a page shows, or
  // none: the documents that hold fewer follow, down to one unit, ranked by how many they hold and
  // saying which words they lack ("comité d'usagers": the 7 sheets that say it, then those about
  // the users' councils that never say "comité"; bench/relevance/README.md, step 10).
  const RewrittenQuery* searched = corrected ? &*corrected : &rq;
  if (relax_first || (!empty_query && searched->units.size() > 1 && (plan.units.empty() || min_units > 1) &&
                      spy.documents < kFewerThanAPage && few_without_filters(plan, min_units))) {
    Plan p3 = im.planner->plan(*searched, true);
    if (!without_common_units(im.db, p3, true)) {
      if (relax_first) shown = run(plan, min_units, page);  // the documents that hold every unit alone
    } else if (std::vector<Shown> s3 = run(p3, 1, page); relax_first || spy.documents > 0) {
      // After relax_first, the documents that hold every unit are among m3's: it is never empty.
      plan = std::move(p3);
      min_units = 1;
      shown = std::move(s3);
    }
  }
  // A synonym group typed in several words is one unit, which a document holds only where its
  // words follow each other: "Haut Conseil du travail social" or "quartier prioritaire politique
  // ville" found nothing. When nothing holds the query, its words are sought apart as well, each a
  // unit after the group's own, ranked by how many they hold, each result saying which it lacks.
  // Only then: the 5 sheets that say "personnes âgées" are not followed by those that say "personnes".
  std::optional<RewrittenQuery> apart;
  if (!empty_query && !corrected && spy.documents == 0 && few_without_filters(plan, min_units)) {
    RewrittenQuery words = im.rewriter->rewrite(query, false);
    if (words.units.size() > rq.units.size()) {
      std::vector<QueryUnit> units;
      for (const auto& u : rq.units)
        if (std::find_if(words.units.begin(), words.units.end(),
                         [&](const QueryUnit& w) { return w.label == u.label; }) == words.units.end())
          units.push_back(u);  // a group of several words
      units.insert(units.end(), words.units.begin(), words.units.end());
      words.units = std::move(units);
      Plan p4 = im.planner->plan(words, true);
      // Not two common words: they are the group's, which no sheet holds (« France Travail »).
      std::vector<Shown> s4 = without_common_units(im.db, p4, false) ? run(p4, 1, page) : std::vector<Shown>{};
      if (spy.documents > 0) {
        plan = std::move(p4);
        min_units = 1;
        shown = std::move(s4);
        apart = std::move(words);
        searched = &*apart;
      }
    }
  }
  resp.total = spy.documents;
  resp.complete = plan.units.empty() ? spy.documents : spy.complete;
  // Nothing found for several words: which of them no document holds (with or without the filters),
  // the others being in some document, or in most (without_common_units).
  if (resp.total == 0 && searched->units.size() > 1) {
    const Plan each = im.planner->plan(*searched, true);
    for (std::size_t i = 0; i < each.units.size() && i < searched->units.size(); ++i)
      if (holding(each.units[i], 0) == 0) resp.unfound.push_back(searched->units[i].label);
  }
  if (resp.complete == 0 && !resp.suggestion) resp.suggestion = spelling.if_nothing_found;
  if (resp.complete == 0 && !empty_query) {
    std::vector<Token> tokens = im.analyzer.tokenize_stemmed(query);
    // A truncated word (« ass* ») is no word typed whole: « ASS » offered the DEASS.
    std::erase_if(tokens, [&](const Token& t) { return t.joined || query.compare(t.end, 1, "*") == 0; });
    resp.wider = wider_terms(im.synonyms, tokens, query);
    for (auto& w : commune_departements(im.db, im.departement_names, im.places, tokens, query))
      resp.wider.push_back(std::move(w));
    for (auto& w : departement_regions(im.departement_regions, im.places, tokens, query))
      resp.wider.push_back(std::move(w));
    for (auto& w : postal_code_departements(im.departement_names, tokens, query)) resp.wider.push_back(std::move(w));
    for (auto& w : profession_diplomas(im.synonyms, im.profession_diplomas, tokens, query))
      resp.wider.push_back(std::move(w));
  }
  // Pages past the end are clamped to the last one.
  const int last_page = std::max(1, static_cast<int>((resp.total + static_cast<unsigned>(resp.per_page) - 1) /
                                                     static_cast<unsigned>(resp.per_page)));
  if (page > last_page) {
    page = last_page;
    shown = run(plan, min_units, page);
  }
  resp.page = page;
  const std::vector<unsigned> counts = spy.counts;

  const Highlight sought = im.hits->highlight(plan.core, rq);
  const std::vector<std::set<std::string>> held = plan.units.empty() || resp.complete == resp.total
                                                      ? std::vector<std::set<std::string>>{}
                                                      : unit_terms_held(im.db, plan.units, shown);
  for (std::size_t rank = 0; rank < shown.size(); ++rank)
    resp.hits.push_back(im.hits->hit_of(im.db.get_document(shown[rank].docid), shown[rank].weight, sought));
  // The units each result lacks (a result ranked by how many it holds: none when every result
  // holds them all); those of words in a row matched against the results shown.
  std::vector<std::string> id_terms;
  if (resp.complete < resp.total)
    for (const Hit& h : resp.hits) id_terms.push_back("Q" + h.id);  // each sheet's unique term (sheet_document.cpp)
  for (std::size_t u = 0; u < plan.units.size() && !shown.empty() && resp.complete < resp.total; ++u) {
    const std::optional<std::set<Xapian::docid>> in_a_row =
        has_words_in_a_row(plan.units[u])
            ? std::optional<std::set<Xapian::docid>>(matching_among(im.db, plan.units[u], id_terms))
            : std::nullopt;
    for (std::size_t rank = 0; rank < shown.size(); ++rank)
      if (!satisfies(plan.units[u], held[rank]) || (in_a_row && !in_a_row->count(shown[rank].docid)))
        resp.hits[rank].missing.push_back(searched->units[u].label);
  }
  if (apart)
    for (Hit& h : resp.hits) without_words_of_groups(h.missing);

  const auto without_own_filter = selected.empty()
                                      ? std::map<std::string, std::vector<unsigned>>{}
                                      : im.selected_facet_counts(selected, empty_query, plan, min_units, all_docs);
  resp.facets = facet_results(im.facets, im.facet_values, counts, selected, without_own_filter);
  return resp;
}

std::vector<Hit> Searcher::similar_once(const std::string& id, int count) const {
  Impl& im = *impl_;
  std::vector<Hit> out;
  const Xapian::MSet mset = similar_mset(im.db, id, count);
  for (auto it = mset.begin(); it != mset.end(); ++it)
    out.push_back(im.hits->hit_of(it.get_document(), it.get_weight(), Highlight{}));
  return out;
}

void Searcher::prepare_similar_ids() const {
  reading([&] {
    Impl& im = *impl_;
    if (im.neighbour_index) return;
    // The "Q" terms in term order: by sheet id, each one's documents in docid order.
    std::vector<std::string> sheet_ids(im.db.get_lastdocid() + 1);
    std::vector<Xapian::docid> docids_by_sheet;
    for (auto t = im.db.allterms_begin("Q"); t != im.db.allterms_end("Q"); ++t)
      for (auto p = im.db.postlist_begin(*t); p != im.db.postlist_end(*t); ++p)
        if (*p < sheet_ids.size()) {
          sheet_ids[*p] = (*t).substr(1);
          docids_by_sheet.push_back(*p);
        }
    auto neighbour_index = load_neighbour_index(im.db);
    im.sheet_ids = std::move(sheet_ids);
    im.docids_by_sheet = std::move(docids_by_sheet);
    im.neighbour_index = std::move(neighbour_index);
  });
}

std::vector<std::string> Searcher::similar_ids(const std::string& id, int count) const {
  prepare_similar_ids();
  const Impl& im = *impl_;
  // The documents of "Q" + id (OP_AND_NOT): one.
  const auto sheet_before = [&im](Xapian::docid did, const std::string& sheet) { return im.sheet_ids[did] < sheet; };
  const auto first = std::lower_bound(im.docids_by_sheet.begin(), im.docids_by_sheet.end(), id, sheet_before);
  auto last = first;
  while (last != im.docids_by_sheet.end() && im.sheet_ids[*last] == id) ++last;
  std::vector<std::string> out;
  if (first == last || count <= 0) return out;
  const std::vector<Xapian::docid> sheet(first, last);
  for (const Xapian::docid did : nearest(*im.neighbour_index, sheet.front(), count, sheet))
    if (did < im.sheet_ids.size() && !im.sheet_ids[did].empty()) out.push_back(im.sheet_ids[did]);
  return out;
}

std::set<long long> synonym_groups_in_sheets(const std::string& generation_dir) {
  const Xapian::Database db((fs::path(generation_dir) / kXapianDir).string());
  const std::string prefix = SynonymMatcher::group_term(0).substr(0, 2);  // "XY"
  std::set<long long> groups;
  for (auto t = db.allterms_begin(prefix); t != db.allterms_end(prefix); ++t)
    if (const std::string term = *t; term.size() > prefix.size() && std::isdigit(static_cast<unsigned char>(term[2])))
      groups.insert(std::atoll(term.c_str() + prefix.size()));
  return groups;
}

}  // namespace pratiques
