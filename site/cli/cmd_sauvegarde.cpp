// `pratiques sauvegarde --sortie DIR`: what cannot be rebuilt from content/ and schemas/, copied
// while the server runs: its database (accounts, contributions and their versions, journal, search
// log) and the published index, whose catalogue keeps the publication history (OAI-PMH datestamps
// and deleted records). README, "Backups".
#include <filesystem>
#include <iostream>

#include "args.h"
#include "pratiques/backup.h"
#include "pratiques/index_store.h"
#include "pratiques/write/server_data.h"

namespace pratiques::cli {

int cmd_sauvegarde(int argc, char** argv) {
  namespace fs = std::filesystem;
  const auto parsed = parse_args(argc, argv, 2, {"sortie", "donnees", "index"}, {});
  if (!parsed) return kUsage;
  const Args& a = *parsed;
  if (!a.positional.empty() || !a.has("sortie")) {
    std::cerr << "pratiques sauvegarde : --sortie DIR (un répertoire qui n'existe pas encore) est obligatoire\n";
    return kUsage;
  }
  const fs::path out = a.get("sortie", "");
  if (fs::exists(out)) {
    std::cerr << "pratiques sauvegarde : « " << out.string() << " » existe déjà ; choisissez un nouveau répertoire\n";
    return kUsage;
  }
  // Written beside, then renamed: an interrupted backup never looks complete.
  const fs::path partial = out.string() + ".partielle";
  fs::remove_all(partial);
  fs::create_directories(partial / "donnees");
  const std::string database = write::server_database(a.get("donnees", "var"));
  const bool with_database = fs::exists(database);
  if (with_database) backup_database(database, (partial / "donnees" / fs::path(database).filename()).string());
  std::string generation;
  try {
    generation = backup_index(a.get("index", "index"), partial.string(), std::chrono::seconds(60));
  } catch (const IndexError& e) {
    fs::remove_all(partial);
    std::cerr << "pratiques sauvegarde : " << e.what() << "\n";
    return kCannotRun;
  }
  fs::rename(partial, out);
  std::cout << "Sauvegarde dans " << out.string() << " :\n";
  if (with_database)
    std::cout << "  donnees/" << fs::path(database).filename().string()
              << " : comptes, contributions et leurs versions, journal, recherches\n";
  else
    std::cout << "  (aucune base du serveur dans « " << database << " » : rien à sauvegarder de ce côté)\n";
  std::cout << "  index (génération " << generation << ") : l'index publié et l'historique des publications (OAI-PMH)\n"
            << "content/ et schemas/ se sauvegardent à part (Git) ; le site se reconstruit (pratiques build).\n";
  return kOk;
}

}  // namespace pratiques::cli
