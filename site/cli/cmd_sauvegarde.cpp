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
  const auto parsed = parse_args(argc, argv, 2, {"sortie", "donnees", "index"}, {"index-seul"});
  if (!parsed) return kUsage;
  const Args& a = *parsed;
  if (!a.positional.empty() || !a.has("sortie")) {
    std::cerr << "pratiques sauvegarde : --sortie DIR (un répertoire qui n'existe pas encore) est obligatoire\n";
    return kUsage;
  }
  const bool index_only = a.has("index-seul");
  if (index_only && a.has("donnees")) {
    std::cerr << "pratiques sauvegarde : --index-seul ne sauvegarde pas la base du serveur : --donnees en trop\n";
    return kUsage;
  }
  const fs::path out = a.get("sortie", "");
  if (fs::exists(out)) {
    std::cerr << "pratiques sauvegarde : « " << out.string() << " » existe déjà ; choisissez un nouveau répertoire\n";
    return kUsage;
  }
  // A mistyped --donnees (or none, run from another directory) made a backup without the accounts,
  // contributions and journal, and exited 0: a cron job lost them silently.
  const std::string database = write::server_database(a.get("donnees", "var"));
  if (!index_only && !fs::exists(database)) {
    std::cerr << "pratiques sauvegarde : aucune base du serveur « " << database
              << " » (comptes, contributions, journal) : rien n'est sauvegardé ; --donnees DIR, le répertoire de "
                 "« pratiques serve --donnees » (défaut : var), ou --index-seul pour un site sans serveur\n";
    return kCannotRun;
  }
  // Written beside, then renamed: an interrupted or failed backup never looks complete, and is removed.
  const fs::path partial = out.string() + ".partielle";
  struct Partial {
    const fs::path& dir;
    bool done = false;
    ~Partial() {
      std::error_code ignored;
      if (!done) fs::remove_all(dir, ignored);
    }
  } guard{partial};
  fs::remove_all(partial);
  fs::create_directories(partial);
  if (!index_only) {
    fs::create_directories(partial / "donnees");
    backup_database(database, (partial / "donnees" / fs::path(database).filename()).string());
  }
  std::string generation;
  try {
    generation = backup_index(a.get("index", "index"), partial.string(), std::chrono::seconds(60));
  } catch (const IndexError& e) {
    std::cerr << "pratiques sauvegarde : " << e.what() << "\n";
    return kCannotRun;
  }
  fs::rename(partial, out);
  guard.done = true;
  std::cout << "Sauvegarde dans " << out.string() << " :\n";
  if (index_only)
    std::cout << "  (--index-seul : pas de base du serveur)\n";
  else
    std::cout << "  donnees/" << fs::path(database).filename().string()
              << " : comptes, contributions et leurs versions, journal, recherches\n";
  std::cout << "  index (génération " << generation << ") : l'index publié et l'historique des publications (OAI-PMH)\n"
            << "content/ et schemas/ se sauvegardent à part (Git) ; le site se reconstruit (pratiques build).\n";
  return kOk;
}

}  // namespace pratiques::cli
