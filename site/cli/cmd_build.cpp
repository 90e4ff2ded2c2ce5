// `pratiques build`: renders the static site from an index directory.
#include <iostream>

#include "args.h"
#include "pratiques/site/build.h"

namespace pratiques::cli {

int cmd_build(int argc, char** argv) {
  const auto parsed = parse_args(
      argc, argv, 2,
      {"index", "sortie", "url-base", "proches", "fiches-par-page", "taches", "editeur", "directeur-publication", "courriel-contact",
       "hebergeur"},
      {"verbeux"});
  if (!parsed) return kUsage;
  const Args& a = *parsed;
  if (!a.positional.empty()) {
    std::cerr << "pratiques build : argument inattendu « " << a.positional.front() << " »\n";
    return kUsage;
  }
  site::BuildOptions options;
  options.index = a.get("index", options.index);
  options.out = a.get("sortie", options.out);
  options.base_url = a.get("url-base", options.base_url);
  if (!page_options(a, "build", options.pages)) return kUsage;
  const int threads = to_int(a.get("taches", "0"), -1);
  if (threads < 0 || threads > 256) {
    std::cerr << "pratiques build : --taches attend un nombre de 1 à 256 (0 : un par cœur)\n";
    return kUsage;
  }
  options.threads = static_cast<unsigned>(threads);
  const site::BuildReport r = site::build_site(options);
  for (const auto& w : r.warnings) std::cerr << "pratiques build : avertissement : " << w << "\n";
  if (a.has("verbeux")) {
    for (const auto& p : r.written_paths) std::cout << "écrit " << p << "\n";
    for (const auto& p : r.deleted_paths) std::cout << "supprimé " << p << "\n";
  }
  std::cout << "site construit dans " << options.out << " : " << r.pages << " page(s), " << r.files << " fichier(s) ; "
            << r.written << " écrit(s), " << r.unchanged << " inchangé(s), " << r.deleted_paths.size()
            << " supprimé(s) ; " << r.seconds << " s ("
            << static_cast<long long>(r.seconds > 0 ? r.pages / r.seconds : 0) << " pages/s)\n";
  return kOk;
}

}  // namespace pratiques::cli
