#include <iostream>
#include <cstdlib>

#include <unistd.h>

#include "pratiques/search.h"
#include "pratiques/site/search_notes.h"
#include "pratiques/text.h"

#include "args.h"

namespace pratiques::cli {

namespace {

// An extract as text: its matches in bold on a terminal (unless NO_COLOR is set), as they are
// otherwise (a pipe, a file).
std::string shown(const pratiques::Extract& e, bool emphasis) {
  if (!emphasis) return e.text;
  std::string out;
  std::size_t at = 0;
  for (const auto& m : e.marks) {
    out += e.text.substr(at, m.begin - at) + "\x1b[1m" + e.text.substr(m.begin, m.end - m.begin) + "\x1b[22m";
    at = m.end;
  }
  return out + e.text.substr(at);
}

void print_text(const pratiques::SearchResponse& r) {
  const char* no_color = std::getenv("NO_COLOR");
  const bool emphasis = ::isatty(STDOUT_FILENO) && !(no_color && *no_color);
  std::cout << r.total << " résultat(s) pour « " << r.query << " »";
  if (r.corrected) std::cout << " (résultats pour « " << *r.suggestion << " »)";
  std::cout << " — page " << r.page << "\n";
  if (const auto offered = pratiques::site::offered_corrections(r); !offered.empty()) {
    std::cout << "Vouliez-vous dire : " << offered[0];
    for (std::size_t i = 1; i < offered.size(); ++i) std::cout << " ou " << offered[i];
    std::cout << " ?\n";
  }
  if (const auto note = pratiques::site::partial_results_note(r)) std::cout << *note << "\n";
  for (const auto& note : pratiques::site::query_notes(r)) std::cout << note << "\n";
  for (const auto& w : r.wider) std::cout << pratiques::site::wider_term_note(w) << " « " << w.term << " ».\n";
  int n = (r.page - 1) * r.per_page;
  for (const auto& h : r.hits) {
    std::cout << "\n" << ++n << ". " << h.title << "  [" << h.id << "]\n";
    if (!h.place.empty())
      std::cout << "   " << h.place << (h.departement_name.empty() ? "" : " (" + h.departement_name + ")") << "\n";
    std::cout << "   " << shown(h.snippet, emphasis) << "\n";
    if (!h.missing.empty()) std::cout << "   Ne contient pas : " << pratiques::site::missing_words(h) << "\n";
  }
  for (const auto& f : r.facets) {
    if (f.values.empty()) continue;
    std::cout << "\n" << f.label << " :";
    for (const auto& v : f.values)
      std::cout << " " << v.label << " (" << v.count << ")" << (v.selected ? "*" : "") << ";";
    std::cout << "\n";
  }
}

}  // namespace

int cmd_search(int argc, char** argv) {
  const auto parsed = parse_args(argc, argv, 2, {"index", "filtre", "page", "par-page", "tri"}, {"json"});
  if (!parsed) return kUsage;
  const Args& a = *parsed;
  pratiques::SearchRequest req;
  req.query = pratiques::text::join(a.positional);
  for (auto [it, end] = a.options.equal_range("filtre"); it != end; ++it) {
    const auto eq = it->second.find('=');
    if (eq == std::string::npos || eq == 0) {
      std::cerr << "pratiques search : --filtre CLE=VALEUR attendu, reçu « " << it->second << " »\n";
      return kUsage;
    }
    req.filters.emplace_back(it->second.substr(0, eq), it->second.substr(eq + 1));
  }
  // A page number or size that is none is refused, not read as the first page or as one sheet
  // (« --page abc », « --par-page 0 » were).
  req.page = to_int(a.get("page", "1"), -1);
  req.per_page = to_int(a.get("par-page", "10"), -1);
  if (req.page < 1 || req.per_page < 1 || req.per_page > pratiques::kMaxPerPage) {
    std::cerr << "pratiques search : --page attend un nombre à partir de 1, --par-page un nombre de 1 à "
              << pratiques::kMaxPerPage << "\n";
    return kUsage;
  }
  auto sort = pratiques::parse_sort(a.get("tri", "pertinence"));
  if (!sort) {
    std::cerr << "pratiques search : --tri pertinence, date ou titre\n";
    return kUsage;
  }
  req.sort = *sort;
  pratiques::Searcher searcher(a.get("index", "index"));
  const auto r = searcher.search(req);
  if (a.has("json"))
    std::cout << pratiques::to_json(r) << "\n";
  else
    print_text(r);
  return kOk;
}

}  // namespace pratiques::cli
