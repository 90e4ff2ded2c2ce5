#include "pratiques/search.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <xapian.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <map>
#include <sstream>
#include <unordered_map>

#include "pratiques/analyze.h"
#include "pratiques/catalog.h"
#include "pratiques/facets.h"
#include "pratiques/generations.h"
#include "pratiques/index_writer.h"
#include "pratiques/query.h"
#include "pratiques/sheet_document.h"
#include "pratiques/snippet.h"
#include "pratiques/synonyms.h"
#include "pratiques/text.h"

namespace fs = std::filesystem;

namespace pratiques {

std::optional<Sort> parse_sort(const std::string& name) {
  if (name.empty() || name == "pertinence") return Sort::Relevance;
  if (name == "date") return Sort::Date;
  if (name == "titre") return Sort::Title;
  return std::nullopt;
}

namespace {

// Counts facet values over every matching document (not only the page shown).
class FacetSpy : public Xapian::MatchSpy {
 public:
  explicit FacetSpy(std::size_t size) : counts(size, 0) {}
  void operator()(const Xapian::Document& doc, double) override {
    FacetSpace::decode(doc.get_value(kSlotFacets), ids_);
    for (auto id : ids_)
      if (id < counts.size()) ++counts[id];
  }
  std::vector<unsigned> counts;

 private:
  std::vector<std::uint16_t> ids_;
};

// Keeps the plain and stemmed words of a document for relevance feedback.
// Terms found in one document only are left out: they cannot lead to another sheet (in a small
// corpus they would fill the whole expansion set and "Pratiques proches" would stay empty).
class WordsOnly : public Xapian::ExpandDecider {
 public:
  explicit WordsOnly(const Xapian::Database& db) : db_(db) {}
  bool operator()(const std::string& term) const override {
    const unsigned char c = term.empty() ? 0 : static_cast<unsigned char>(term[0]);
    return c >= 'a' && c <= 'z' && term.size() >= 4 && db_.get_termfreq(term) >= 2;
  }

 private:
  const Xapian::Database& db_;
};

}  // namespace

struct Searcher::Impl {
  std::string link, generation;
  Xapian::Database db;
  Analyzer analyzer;
  FacetSpace facets;
  SynonymMatcher synonyms;
  std::vector<std::pair<std::string, std::string>> prefixes;  // query prefix → Xapian prefix
  std::map<std::string, std::map<std::string, std::string>> labels;  // vocabulary → slug → label
  std::map<int, std::set<std::string>> group_stems;                  // for highlighting synonyms
  std::unique_ptr<QueryRewriter> rewriter;
  Xapian::QueryParser parser;
  std::vector<std::string> sheet_ids;  // docid → sheet id (similar_ids), filled on first use
  std::unordered_map<std::string, Xapian::doccount> termfreqs;  // memoised (similar_ids)

  explicit Impl(const std::string& index) : link(index) {
    generation = resolve_index(index);
    const fs::path dir(generation);
    if (!fs::exists(dir / kCatalogFile))
      throw SearchError("aucun index dans « " + index + " » : lancer d'abord « pratiques index »");
    db = Xapian::Database((dir / kXapianDir).string());
    Catalog cat((dir / kCatalogFile).string(), false);
    facets = FacetSpace::load(cat);
    synonyms = SynonymMatcher::load(cat, analyzer);
    std::istringstream p(cat.meta("prefixes"));
    for (std::string line; std::getline(p, line);) {
      const auto tab = line.find('\t');
      if (tab != std::string::npos) prefixes.emplace_back(line.substr(0, tab), line.substr(tab + 1));
    }
    auto v = cat.prepare("SELECT vocab, slug, label FROM vocabularies");
    while (v.step()) labels[v.text(0)][v.text(1)] = v.text(2);
    auto g = cat.prepare("SELECT group_id, term FROM synonym_terms");
    while (g.step())
      for (const Token& t : analyzer.tokenize(g.text(1)))
        if (!t.joined) group_stems[static_cast<int>(g.integer(0))].insert(analyzer.stem(t.term));
    std::vector<std::string> names;
    for (const auto& [name, prefix] : prefixes) names.push_back(name);
    rewriter = std::make_unique<QueryRewriter>(analyzer, synonyms, names);
    parser.set_database(db);
    parser.set_stemmer(analyzer.stemmer());
    parser.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
    parser.set_default_op(Xapian::Query::OP_AND);
    for (const auto& [name, prefix] : prefixes) parser.add_prefix(name, prefix);
    parser.add_prefix("syn", "XY");
  }

  std::string label(const std::string& vocab, const std::string& slug) const {
    auto v = labels.find(vocab);
    if (v == labels.end()) return slug;
    auto e = v->second.find(slug);
    return e == v->second.end() ? slug : e->second;
  }

  Xapian::Query parse(const RewrittenQuery& q, Xapian::Query::op default_op) {
    if (q.parser_input.empty()) return Xapian::Query::MatchAll;
    parser.set_default_op(default_op);
    constexpr unsigned flags = Xapian::QueryParser::FLAG_BOOLEAN | Xapian::QueryParser::FLAG_PHRASE |
                               Xapian::QueryParser::FLAG_LOVEHATE | Xapian::QueryParser::FLAG_PURE_NOT;
    try {
      return parser.parse_query(q.parser_input, flags);
    } catch (const Xapian::QueryParserError&) {
      // Malformed syntax never fails a search: the words alone are searched.
      try {
        return parser.parse_query(q.plain_input, 0);
      } catch (const Xapian::QueryParserError&) {
        return Xapian::Query::MatchNothing;
      }
    }
  }

  Hit hit_of(const Xapian::MSetIterator& it, const std::set<std::string>& terms, const std::set<std::string>& stems) const {
    Hit h;
    h.score = it.get_weight();
    const std::string raw = it.get_document().get_data();
    const std::size_t nul = raw.find('\0');
    const std::string_view body = nul == std::string::npos ? std::string_view() : std::string_view(raw).substr(nul + 1);
    Poco::JSON::Parser json;
    auto data = json.parse(raw.substr(0, nul)).extract<Poco::JSON::Object::Ptr>();
    h.id = data->getValue<std::string>("id");
    h.title = data->getValue<std::string>("titre");
    h.summary = data->getValue<std::string>("en_bref");
    h.carrier = data->optValue<std::string>("porteur", "");
    if (auto themes = data->getArray("thematiques"))
      for (std::size_t i = 0; i < themes->size(); ++i) {
        const std::string slug = themes->getElement<std::string>(static_cast<unsigned>(i));
        h.themes.push_back({slug, label("thematiques", slug)});
      }
    if (auto t = data->getObject("territoire")) {
      h.place = t->optValue<std::string>("nom", "");
      h.departement = t->optValue<std::string>("departement", "");
      h.region = t->optValue<std::string>("region", "");
      if (!h.departement.empty()) h.departement_name = label("departements", h.departement);
      if (!h.region.empty()) h.region_name = label("regions", h.region);
    }
    if (!terms.empty() || !stems.empty()) {
      h.snippet = make_snippet(analyzer, h.summary, terms, stems);
      if (h.snippet.find("<mark>") == std::string::npos) {
        std::string extract = make_snippet(analyzer, std::string(body), terms, stems);
        if (extract.find("<mark>") != std::string::npos) h.snippet = extract;
      }
    } else {
      h.snippet = make_snippet(analyzer, h.summary, terms, stems);
    }
    return h;
  }

  void highlight_terms(const Xapian::Query& q, std::set<std::string>& terms, std::set<std::string>& stems) const {
    for (auto t = q.get_unique_terms_begin(); t != q.get_unique_terms_end(); ++t) {
      const std::string& term = *t;
      if (term.empty()) continue;
      const unsigned char c = static_cast<unsigned char>(term[0]);
      if (term.size() > 1 && term[0] == 'Z' && term[1] >= 'a' && term[1] <= 'z') stems.insert(term.substr(1));
      else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c >= 0x80) terms.insert(term);
      else if (term.rfind("XY", 0) == 0) {
        auto g = group_stems.find(std::atoi(term.c_str() + 2));
        if (g != group_stems.end()) stems.insert(g->second.begin(), g->second.end());
      }
    }
  }
};

Searcher::Searcher(const std::string& index) : impl_(std::make_unique<Impl>(index)) {}
Searcher::~Searcher() = default;
Searcher::Searcher(Searcher&&) noexcept = default;
Searcher& Searcher::operator=(Searcher&&) noexcept = default;

bool Searcher::stale() const { return resolve_index(impl_->link) != impl_->generation; }
const std::string& Searcher::generation() const { return impl_->generation; }

std::vector<std::pair<std::string, std::string>> Searcher::facet_keys() const {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& f : impl_->facets.facets()) out.emplace_back(f.key, f.label);
  return out;
}

SearchResponse Searcher::search(const SearchRequest& request) const {
  Impl& im = *impl_;
  if (request.query.size() > kMaxQueryBytes)
    throw SearchError("requête trop longue (" + std::to_string(request.query.size()) + " octets, au plus " +
                      std::to_string(kMaxQueryBytes) + ")");
  if (request.filters.size() > kMaxFilters)
    throw SearchError("trop de filtres (au plus " + std::to_string(kMaxFilters) + ")");
  if (text::invalid_utf8_offset(request.query) != std::string::npos)
    throw SearchError("requête mal encodée : UTF-8 attendu");
  SearchResponse resp;
  resp.query = request.query;
  resp.per_page = std::clamp(request.per_page, 1, kMaxPerPage);

  // Filters: OR within a facet, AND across facets.
  std::map<std::string, std::vector<std::string>> selected;
  for (const auto& [key, value] : request.filters) {
    if (!im.facets.facet(key)) {
      std::vector<std::string> keys;
      for (const auto& f : im.facets.facets()) keys.push_back(f.key);
      std::string hint = text::closest(key, keys);
      throw SearchError("filtre inconnu « " + key + " »" + (hint.empty() ? "" : " ; vouliez-vous dire « " + hint + " » ?"));
    }
    auto& values = selected[key];
    if (std::find(values.begin(), values.end(), value) == values.end()) values.push_back(value);
  }
  auto facet_filter = [&](const std::string& key) {
    std::vector<Xapian::Query> terms;
    for (const auto& v : selected.at(key)) terms.emplace_back(FacetSpace::filter_term(key, v));
    return Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end());
  };
  auto filters_except = [&](const std::string& skip) {
    std::vector<Xapian::Query> all;
    for (const auto& [key, values] : selected)
      if (key != skip) all.push_back(facet_filter(key));
    return all;
  };
  auto with_filters = [&](const Xapian::Query& q, const std::vector<Xapian::Query>& filters) {
    if (filters.empty()) return q;
    return Xapian::Query(Xapian::Query::OP_FILTER, q, Xapian::Query(Xapian::Query::OP_AND, filters.begin(), filters.end()));
  };

  const RewrittenQuery rq = im.rewriter->rewrite(request.query);
  const Xapian::doccount all_docs = std::max<Xapian::doccount>(im.db.get_doccount(), 1);
  Xapian::Enquire enquire(im.db);
  const bool empty_query = rq.parser_input.empty();
  const Sort sort = request.sort == Sort::Relevance && empty_query ? Sort::Date : request.sort;
  if (sort == Sort::Date) enquire.set_sort_by_value_then_relevance(kSlotDate, true);
  if (sort == Sort::Title) enquire.set_sort_by_value_then_relevance(kSlotTitle, false);

  // Spelling: a suggestion for each unknown word.
  std::vector<std::string> corrected_words = rq.words;
  bool any_correction = false;
  for (auto& w : corrected_words) {
    if (w.size() < 4 || im.db.get_termfreq(w) > 0) continue;
    if (std::find(rq.known.begin(), rq.known.end(), w) != rq.known.end()) continue;  // "RERS" is no typo of "vers"
    std::string s = im.db.get_spelling_suggestion(w, 2);
    if (!s.empty() && s != w) {
      const std::string form = im.db.get_metadata(SheetDocumentBuilder::form_key(s));
      w = form.empty() ? s : form;
      any_correction = true;
    }
  }
  if (any_correction) {
    std::string s;
    for (const auto& w : corrected_words) s += (s.empty() ? "" : " ") + w;
    resp.suggestion = s;
  }

  Xapian::Query main = im.parse(rq, Xapian::Query::OP_AND);
  FacetSpy spy(im.facets.size());
  auto run = [&](const Xapian::Query& q, int page) {
    enquire.set_query(with_filters(q, filters_except("")));
    enquire.clear_matchspies();
    spy.counts.assign(im.facets.size(), 0);
    enquire.add_matchspy(&spy);
    const int first = (page - 1) * resp.per_page;
    return enquire.get_mset(static_cast<Xapian::doccount>(first), static_cast<Xapian::doccount>(resp.per_page), all_docs);
  };
  int page = std::max(1, request.page);
  Xapian::MSet mset = run(main, page);
  if (mset.get_matches_estimated() == 0 && !empty_query) {
    // No result: the spelling suggestion's results, then any of the words.
    if (any_correction) {
      RewrittenQuery cq = im.rewriter->rewrite(*resp.suggestion);
      Xapian::Query q2 = im.parse(cq, Xapian::Query::OP_AND);
      Xapian::MSet m2 = run(q2, page);
      if (m2.get_matches_estimated() > 0) {
        main = q2;
        mset = m2;
        resp.corrected = true;
      }
    }
    if (mset.get_matches_estimated() == 0 && rq.words.size() > 1 && !rq.has_operators) {
      Xapian::Query q3 = im.parse(rq, Xapian::Query::OP_OR);
      Xapian::MSet m3 = run(q3, page);
      if (m3.get_matches_estimated() > 0) {
        main = q3;
        mset = m3;
      }
    }
  }
  resp.total = mset.get_matches_estimated();
  // Pages past the end are clamped to the last one.
  const int last_page = std::max(1, static_cast<int>((resp.total + static_cast<unsigned>(resp.per_page) - 1) / static_cast<unsigned>(resp.per_page)));
  if (page > last_page) {
    page = last_page;
    mset = run(main, page);
  }
  resp.page = page;
  const std::vector<unsigned> counts = spy.counts;

  std::set<std::string> terms, stems;
  im.highlight_terms(main, terms, stems);
  for (auto it = mset.begin(); it != mset.end(); ++it) resp.hits.push_back(im.hit_of(it, terms, stems));

  // Facets: a facet with active values is counted without its own filter, so that its other
  // values show how many sheets choosing them too (OR) would add.
  for (const auto& f : im.facets.facets()) {
    std::vector<unsigned> own = counts;
    if (selected.count(f.key)) {
      Xapian::Enquire e(im.db);
      e.set_query(with_filters(main, filters_except(f.key)));
      FacetSpy s(im.facets.size());
      e.add_matchspy(&s);
      e.get_mset(0, 1, all_docs);  // maxitems 0 would skip the match (and the spy)
      own = s.counts;
    }
    FacetResult fr;
    fr.key = f.key;
    fr.label = f.label;
    for (auto id : im.facets.values_of(f.key)) {
      const FacetValueDef& d = im.facets.def(id);
      auto sel = selected.find(f.key);
      const bool is_selected =
          sel != selected.end() && std::find(sel->second.begin(), sel->second.end(), d.value) != sel->second.end();
      if (own[id] == 0 && !is_selected) continue;
      fr.values.push_back({d.value, d.label, own[id], is_selected});
    }
    std::stable_sort(fr.values.begin(), fr.values.end(), [](const FacetCount& a, const FacetCount& b) { return a.count > b.count; });
    resp.facets.push_back(std::move(fr));
  }
  return resp;
}

namespace {

// Sheets close to `id` for a list of expansion terms: OR of the terms, the sheet itself excluded.
Xapian::MSet neighbours(const Xapian::Database& db, const std::string& id, const std::vector<std::string>& expansion,
                        int count) {
  std::vector<Xapian::Query> terms(expansion.begin(), expansion.end());
  if (terms.empty()) return {};
  Xapian::Enquire enquire(db);
  enquire.set_query(Xapian::Query(Xapian::Query::OP_AND_NOT, Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end()),
                                  Xapian::Query("Q" + id)));
  return enquire.get_mset(0, static_cast<Xapian::doccount>(std::max(0, count)));
}

constexpr Xapian::termcount kExpansionTerms = 30;

// The neighbours of a sheet by relevance feedback on its own terms (Xapian's ESet).
Xapian::MSet similar_mset(const Xapian::Database& db, const std::string& id, int count) {
  Xapian::PostingIterator p = db.postlist_begin("Q" + id);
  if (p == db.postlist_end("Q" + id)) return {};
  Xapian::RSet rset;
  rset.add_document(*p);
  Xapian::Enquire enquire(db);
  enquire.set_query(Xapian::Query::MatchAll);
  WordsOnly decider(db);
  Xapian::ESet eset = enquire.get_eset(kExpansionTerms, rset, &decider);
  std::vector<std::string> terms;
  for (auto t = eset.begin(); t != eset.end(); ++t) terms.push_back(*t);
  return neighbours(db, id, terms, count);
}

// The same expansion terms as similar_mset()'s Enquire::get_eset (TradEWeight, expand_k = 1, the
// WordsOnly decider, an RSet of one document), computed step by step as xapian-core 1.4 does it
// (ESet::Internal::expand: same weights, same heap, same ties) but with memoised term frequencies:
// get_eset looks up the frequency of every word of the sheet in the B-tree, which makes up most of
// the static site's build time. The tests compare similar_ids() with similar().
std::vector<std::string> expansion_terms(const Xapian::Database& db, Xapian::docid did,
                                         std::unordered_map<std::string, Xapian::doccount>& termfreqs) {
  struct Item {
    double wt;
    std::string term;
  };
  // Xapian::Internal::ExpandTerm::operator<: heavier first, then the lexically larger term.
  const auto less = [](const Item& a, const Item& b) {
    if (a.wt > b.wt) return true;
    if (a.wt < b.wt) return false;
    return a.term > b.term;
  };
  const double expand_k = 1.0;
  const Xapian::doccount dbsize = db.get_doccount();
  const double avlen = db.get_avlength();
  const Xapian::termcount doclen = db.get_doclength(did);
  std::vector<Item> items;
  bool is_heap = false;
  double min_wt = 0;
  for (auto t = db.termlist_begin(did); t != db.termlist_end(did); ++t) {
    const std::string term = *t;
    const unsigned char c = term.empty() ? 0 : static_cast<unsigned char>(term[0]);
    if (!(c >= 'a' && c <= 'z' && term.size() >= 4)) continue;  // WordsOnly, first part
    auto it = termfreqs.find(term);
    if (it == termfreqs.end()) it = termfreqs.emplace(term, db.get_termfreq(term)).first;
    const Xapian::doccount termfreq = it->second;
    if (termfreq < 2) continue;  // WordsOnly, second part
    // ExpandStats::accumulate then TradEWeight::get_weight, with rsize = rtermfreq = 1.
    Xapian::termcount wdf = t.get_wdf();
    if (wdf == 0) wdf = 1;
    double multiplier = 0;
    multiplier += (expand_k + 1) * wdf / (expand_k * doclen / avlen + wdf);
    const Xapian::doccount rsize = 1, rtermfreq = 1;
    const double reldocs_without_term = rsize - rtermfreq;
    const double num = (rtermfreq + 0.5) * (dbsize - termfreq - reldocs_without_term + 0.5);
    const double denom = (termfreq - rtermfreq + 0.5) * (reldocs_without_term + 0.5);
    const double wt = multiplier * std::log(num / denom);
    if (wt <= min_wt) continue;
    items.push_back({wt, term});
    if (items.size() > kExpansionTerms) {
      if (!is_heap) {
        is_heap = true;
        std::make_heap(items.begin(), items.end(), less);
      } else {
        std::push_heap(items.begin(), items.end(), less);
      }
      std::pop_heap(items.begin(), items.end(), less);
      items.pop_back();
      min_wt = items.front().wt;
    }
  }
  if (is_heap) std::sort_heap(items.begin(), items.end(), less);
  else std::sort(items.begin(), items.end(), less);
  std::vector<std::string> out;
  for (auto& i : items) out.push_back(std::move(i.term));
  return out;
}

}  // namespace

std::vector<Hit> Searcher::similar(const std::string& id, int count) const {
  Impl& im = *impl_;
  std::vector<Hit> out;
  const Xapian::MSet mset = similar_mset(im.db, id, count);
  for (auto it = mset.begin(); it != mset.end(); ++it) out.push_back(im.hit_of(it, {}, {}));
  return out;
}

std::vector<std::string> Searcher::similar_ids(const std::string& id, int count) const {
  Impl& im = *impl_;
  if (im.sheet_ids.empty()) {  // docid → sheet id, read once from the "Q" terms
    im.sheet_ids.resize(im.db.get_lastdocid() + 1);
    for (auto t = im.db.allterms_begin("Q"); t != im.db.allterms_end("Q"); ++t)
      for (auto p = im.db.postlist_begin(*t); p != im.db.postlist_end(*t); ++p)
        if (*p < im.sheet_ids.size()) im.sheet_ids[*p] = (*t).substr(1);
  }
  std::vector<std::string> out;
  Xapian::PostingIterator p = im.db.postlist_begin("Q" + id);
  if (p == im.db.postlist_end("Q" + id)) return out;
  const Xapian::MSet mset = neighbours(im.db, id, expansion_terms(im.db, *p, im.termfreqs), count);
  for (auto it = mset.begin(); it != mset.end(); ++it)
    if (*it < im.sheet_ids.size() && !im.sheet_ids[*it].empty()) out.push_back(im.sheet_ids[*it]);
  return out;
}

std::string to_json(const SearchResponse& r) {
  using Poco::JSON::Array;
  using Poco::JSON::Object;
  Object root(Poco::JSON_PRESERVE_KEY_ORDER);
  root.set("requete", r.query);
  root.set("total", r.total);
  root.set("page", r.page);
  root.set("par_page", r.per_page);
  Array results;
  for (const auto& h : r.hits) {
    Object o(Poco::JSON_PRESERVE_KEY_ORDER);
    o.set("id", h.id);
    o.set("titre", h.title);
    o.set("en_bref", h.summary);
    o.set("extrait", h.snippet);
    o.set("score", h.score);
    Array themes;
    for (const auto& t : h.themes) {
      Object th(Poco::JSON_PRESERVE_KEY_ORDER);
      th.set("valeur", t.value);
      th.set("libelle", t.label);
      themes.add(th);
    }
    o.set("thematiques", themes);
    Object terr(Poco::JSON_PRESERVE_KEY_ORDER);
    terr.set("nom", h.place);
    terr.set("departement", h.departement);
    terr.set("departement_nom", h.departement_name);
    terr.set("region", h.region);
    terr.set("region_nom", h.region_name);
    o.set("territoire", terr);
    o.set("porteur", h.carrier);
    results.add(o);
  }
  root.set("resultats", results);
  Object facets(Poco::JSON_PRESERVE_KEY_ORDER);
  for (const auto& f : r.facets) {
    Array values;
    for (const auto& v : f.values) {
      Object o(Poco::JSON_PRESERVE_KEY_ORDER);
      o.set("valeur", v.value);
      o.set("libelle", v.label);
      o.set("nombre", v.count);
      values.add(o);
    }
    facets.set(f.key, values);
  }
  root.set("facettes", facets);
  if (r.suggestion) root.set("suggestion", *r.suggestion);
  else root.set("suggestion", Poco::Dynamic::Var());
  root.set("correction_appliquee", r.corrected);
  std::ostringstream out;
  root.stringify(out);
  return out.str();
}

}  // namespace pratiques
