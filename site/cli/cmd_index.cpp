#include <iostream>
#include <chrono>

#include "pratiques/index_writer.h"

#include "args.h"

namespace pratiques::cli {

int cmd_index(int argc, char** argv) {
  const auto parsed = parse_args(argc, argv, 2, {"contenu", "schemas", "sortie"}, {"poursuivre", "complet"});
  if (!parsed) return kUsage;
  const Args& a = *parsed;
  pratiques::IndexOptions o;
  o.content = a.get("contenu", "content");
  o.schemas = a.get("schemas", "schemas");
  o.out = a.get("sortie", "index");
  o.keep_going = a.has("poursuivre");
  o.full = a.has("complet");
  const auto t0 = std::chrono::steady_clock::now();
  const auto r = pratiques::build_index(o);
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  for (const auto& d : r.diagnostics)
    if (d.severity == pratiques::Severity::Error || d.rule == "doublon-probable") std::cerr << pratiques::format_text(d) << "\n";
  for (const auto& f : r.rejected) std::cerr << "non publiée (erreurs) : " << f << "\n";
  if (!r.published) {
    std::cerr << "index non publié : " << r.rejected.size()
              << " fichier(s) en erreur ; l'index précédent reste en service (--poursuivre pour publier les fiches valides)\n";
    return kContentErrors;
  }
  std::cout << "index publié : " << r.generation << (r.full_rebuild ? " (reconstruction complète)" : " (incrémental)") << "\n"
            << r.sheets << " fiche(s) : " << r.added << " ajoutée(s), " << r.updated << " mise(s) à jour, " << r.removed
            << " supprimée(s), " << r.archived << " archivée(s), " << r.unchanged << " inchangée(s) ; " << r.courses << " parcours, " << r.pages << " page(s) ; "
            << secs << " s\n";
  return r.rejected.empty() ? kOk : kContentErrors;
}

}  // namespace pratiques::cli
