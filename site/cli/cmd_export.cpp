// `pratiques export`: the open data of an index (sheets, or courses) as CSV or JSON Lines, on
// standard output or in a file written atomically.
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "args.h"
#include "pratiques/index_store.h"
#include "pratiques/site/build.h"
#include "pratiques/site/open_data.h"

namespace pratiques::cli {

int cmd_export(int argc, char** argv) {
  const auto parsed = parse_args(argc, argv, 2, {"format", "sortie", "index", "url-base"}, {"parcours"});
  if (!parsed) return kUsage;
  const Args& a = *parsed;
  if (!a.positional.empty()) {
    std::cerr << "pratiques export : argument inattendu « " << a.positional.front() << " »\n";
    return kUsage;
  }
  const std::string format = a.get("format", "");
  if (format != "csv" && format != "jsonl") {
    std::cerr << "pratiques export : --format attend csv ou jsonl\n";
    return kUsage;
  }
  const std::string base = site::normalize_base_url(a.get("url-base", "http://localhost:8080"));
  if (base.empty()) {
    std::cerr << "pratiques export : --url-base attend une origine http(s)://hôte[:port]\n";
    return kUsage;
  }
  const std::string file = a.get("sortie", "");
  // No index, or one that cannot be read: the IndexError that `pratiques search` gives (exit code 4).
  // The listing (front matter, titles, facets), as the site's build writes the same files: the
  // sections, which no column holds, stay in the catalogue (loaded whole: 370 MB at 10,000 sheets).
  const site::SiteData data = site::load_site_listing(open_index_to_read(a.get("index", "index")).dir);
  const auto set = a.has("parcours") ? site::DataSet::Courses : site::DataSet::Sheets;
  const auto fmt = format == "csv" ? site::DataFormat::Csv : site::DataFormat::Jsonl;
  if (file.empty() || file == "-") {
    site::write_data(std::cout, data, set, fmt, base, site::data_columns(data, set));
    return std::cout.good() ? kOk : kInternal;
  }
  const std::string tmp = file + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) {
      std::cerr << "pratiques export : impossible d'écrire " << tmp << "\n";
      return kInternal;
    }
    site::write_data(out, data, set, fmt, base, site::data_columns(data, set));
    out.flush();
    if (!out) {
      std::cerr << "pratiques export : écriture de " << tmp << " interrompue\n";
      std::filesystem::remove(tmp);
      return kInternal;
    }
  }
  std::filesystem::rename(tmp, file);
  std::cerr << "pratiques export : " << (set == site::DataSet::Sheets ? data.sheets.size() : data.courses.size())
            << (set == site::DataSet::Sheets ? " fiche(s)" : " parcours") << " écrit(s) dans " << file << "\n";
  return kOk;
}

}  // namespace pratiques::cli
