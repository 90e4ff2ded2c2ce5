#include <chrono>
#include <iostream>

#include "args.h"
#include "pratiques/index_store.h"
#include "pratiques/index_writer.h"

namespace pratiques::cli {

int cmd_index(int argc, char** argv) {
  const auto parsed = parse_args(argc, argv, 2, {"contenu", "schemas", "sortie", "taches"}, {"poursuivre", "complet"});
  if (!parsed) return kUsage;
  const Args& a = *parsed;
  pratiques::IndexOptions o;
  o.content = a.get("contenu", "content");
  o.schemas = a.get("schemas", "schemas");
  o.out = a.get("sortie", "index");
  o.keep_going = a.has("poursuivre");
  o.full = a.has("complet");
  const int threads = to_int(a.get("taches", "0"), -1);
  if (threads < 0 || threads > 256) {
    std::cerr << "pratiques index : --taches attend un nombre de 1 à 256 (0 : un par cœur)\n";
    return kUsage;
  }
  o.threads = static_cast<unsigned>(threads);
  // Named files: a publication of those files alone, as the server's write side does (Publisher),
  // in time proportional to them; without: every file of the content directory is compared.
  if (o.full && !a.positional.empty()) {
    std::cerr << "pratiques index : --complet reconstruit tout l'index, sans liste de fichiers\n";
    return kUsage;
  }
  const auto t0 = std::chrono::steady_clock::now();
  pratiques::IndexReport r;
  try {
    r = a.positional.empty() ? pratiques::build_index(o)
                             : pratiques::Publisher(o, std::chrono::milliseconds(0)).publish(a.positional);
  } catch (const pratiques::IndexError& e) {  // another writer, a full disk, a read-only directory: nothing published
    std::cerr << "pratiques index : " << e.what() << "\n";
    return kCannotRun;
  }
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  for (const auto& d : r.diagnostics)
    if (d.severity == pratiques::Severity::Error || d.rule == "doublon-probable")
      std::cerr << pratiques::format_text(d) << "\n";
  for (const auto& f : r.rejected) std::cerr << "non publiée (erreurs) : " << f << "\n";
  if (!r.published) {
    std::cerr << "index non publié : " << r.rejected.size()
              << " fichier(s) en erreur ; l'index précédent reste en service (--poursuivre pour publier les fiches "
                 "valides)\n";
    return kContentErrors;
  }
  std::cout << "index publié : " << r.generation
            << (r.full_rebuild ? " (reconstruction complète)"
                               : " (incrémental, publication " + std::to_string(r.publication) + ")")
            << "\n"
            << r.sheets << " fiche(s) : " << r.added << " ajoutée(s), " << r.updated << " mise(s) à jour, " << r.removed
            << " supprimée(s), " << r.archived << " archivée(s), " << r.unchanged << " inchangée(s) ; " << r.courses
            << " parcours, " << r.pages << " page(s) ; " << secs << " s\n";
  return r.rejected.empty() ? kOk : kContentErrors;
}

}  // namespace pratiques::cli
