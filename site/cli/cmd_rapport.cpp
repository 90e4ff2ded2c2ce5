// `pratiques rapport recherches [--depuis DATE]`: the most frequent queries and the queries
// without result, from the search server's log (var/pratiques.sqlite).
#include <filesystem>
#include <iostream>

#include "args.h"
#include "pratiques/server/search_log.h"

namespace pratiques::cli {

namespace {

bool valid_date(const std::string& d) {
  if (d.size() != 10 || d[4] != '-' || d[7] != '-') return false;
  for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (d[i] < '0' || d[i] > '9') return false;
  const int m = std::stoi(d.substr(5, 2)), day = std::stoi(d.substr(8, 2));
  return m >= 1 && m <= 12 && day >= 1 && day <= 31;
}

}  // namespace

int cmd_rapport(int argc, char** argv) {
  const auto parsed = parse_args(argc, argv, 2, {"depuis", "donnees", "limite", "format"}, {"avec-saisie"});
  if (!parsed) return kUsage;
  const Args& a = *parsed;
  if (a.positional.size() != 1 || a.positional[0] != "recherches") {
    std::cerr << "pratiques rapport : un seul rapport existe, « recherches » : pratiques rapport recherches [--depuis "
                 "AAAA-MM-JJ]\n";
    return kUsage;
  }
  server::ReportOptions o;
  o.since = a.get("depuis", "");
  if (!o.since.empty() && !valid_date(o.since)) {
    std::cerr << "pratiques rapport : --depuis attend une date AAAA-MM-JJ, reçu « " << o.since << " »\n";
    return kUsage;
  }
  const int limit = to_int(a.get("limite", "20"), -1);
  if (limit < 1) {
    std::cerr << "pratiques rapport : --limite attend un nombre positif\n";
    return kUsage;
  }
  o.limit = static_cast<std::size_t>(limit);
  o.include_typing = a.has("avec-saisie");
  const std::string format = a.get("format", "texte");
  if (format != "texte" && format != "json") {
    std::cerr << "pratiques rapport : --format texte ou json\n";
    return kUsage;
  }
  const std::string path = server::server_database(a.get("donnees", "var"));
  if (!std::filesystem::exists(path)) {
    std::cerr << "pratiques rapport : aucun journal de recherches dans « " << path
              << " » (le serveur, « pratiques serve », le crée ; --donnees DIR pour un autre répertoire)\n";
    return kContentErrors;
  }
  pratiques::Catalog db(path, false, server::server_schema());
  const auto report = server::search_report(db, o);
  std::cout << (format == "json" ? server::report_json(report) + "\n" : server::report_text(report));
  return kOk;
}

}  // namespace pratiques::cli
