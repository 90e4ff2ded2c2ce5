// The `pratiques` command: dispatches to one function per subcommand (cmd_*.cpp); `serve` is
// the executable beside it (serve_main.cpp).
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <sstream>
#include <string>

#include "args.h"
#include "guarded.h"

namespace {

constexpr const char* kHelp = R"(Usage : pratiques <commande> [options]

Commandes :
  check [CHEMIN...]     vérifie les fiches et parcours (défaut : content/)
        --schemas DIR   grille et vocabulaires (défaut : schemas/)
        --format texte|json
  index [FICHIER...]    construit l'index Xapian et le catalogue SQLite ; avec des
                        fichiers, publie ceux-là seuls (ex. fiches/x.md)
        --contenu DIR   (défaut : content/)   --schemas DIR (défaut : schemas/)
        --sortie DIR    (défaut : index)      --poursuivre   --complet
        --taches N      fils d'une reconstruction complète (défaut : un par cœur)
  search REQUÊTE...     cherche dans l'index
        --index DIR     (défaut : index)      --json
        --filtre CLE=VALEUR (répétable)       --page N   --par-page N
        --tri pertinence|date|titre
  build                 construit le site statique depuis l'index
        --index DIR     (défaut : index)      --sortie DIR (défaut : public)
        --url-base URL  (défaut : http://localhost:8080)
        --proches N     pratiques proches par fiche (défaut : 5)   --verbeux
        --fiches-par-page N  fiches par page des listes d'une valeur (défaut : 100)
        --taches N      fils qui rendent les pages des fiches (défaut : un par cœur)
        --editeur TEXTE  --directeur-publication NOM  --courriel-contact ADRESSE
        --hebergeur TEXTE   l'éditeur du site, affiché dans les mentions légales
  serve                 sert le site et la recherche sur http://localhost:8080
        --index DIR     (défaut : index)      --site DIR (défaut : public)
        --adresse IP    (défaut : 127.0.0.1)  --port N (défaut : 8080)
        --connexions N  connexions servies à la fois (défaut : 64)
        --recherches N  recherches simultanées (défaut : deux par cœur)
        --donnees DIR   base du serveur : journal, comptes, contributions (défaut : var/)   --sans-journal
        --contenu DIR   où la publication écrit (défaut : content/ ; alias --content)
        --schemas DIR   grille et vocabulaires (défaut : schemas/)
        --url URL       adresse publique (OpenSearch, liens canoniques, identifiants OAI-PMH)
        --courriel-oai ADRESSE  adresse de l'entrepôt OAI-PMH (Identify) ; défaut : --courriel-contact
        --cache MO      résultats récents gardés en mémoire (défaut : 32 ; 0 : aucun)
        --editeur …, --directeur-publication …, --courriel-contact …, --hebergeur …,
        --proches N, --fiches-par-page N   comme pour build (pages reconstruites après une publication)
        --silencieux    aucun message hors erreurs
        --primaire URL  nœud de lecture : contribuer et se connecter renvoient au primaire (503) ;
                        sans l'option, un index suivi par « pratiques replique » le fait aussi
  utilisateur ajouter   crée un compte et affiche son lien d'activation (72 h)
        --courriel ADRESSE  --role contributeur|formateur|documentaliste|administrateur  [--nom NOM]
        --donnees DIR (défaut : var/)  --url URL du serveur (défaut : http://localhost:8080)
  utilisateur lien      nouveau lien d'activation (--courriel ADRESSE) : lien perdu, expiré, mot de passe oublié
  utilisateur jeton     affiche un nouveau jeton d'accès à l'API (--courriel ADRESSE ; --revoquer)
  utilisateur liste     les comptes
  rapport recherches    requêtes fréquentes et requêtes sans résultat
        --depuis AAAA-MM-JJ   --donnees DIR (défaut : var/)   --limite N
        --format texte|json   --avec-saisie
  export                données ouvertes : une ligne par fiche (ou par parcours)
        --format csv|jsonl    --sortie FICHIER (défaut : sortie standard)
        --index DIR (défaut : index)      --parcours
        --url-base URL  adresse publique des fiches (défaut : http://localhost:8080)
  sauvegarde            copie la base du serveur et l'index publié, serveur en marche
        --sortie DIR    (un nouveau répertoire)   --donnees DIR (défaut : var/)
        --index DIR     (défaut : index)      --index-seul   l'index sans base (site sans serveur)
  replique              nœud de recherche en lecture seule : suit l'index d'un primaire
        --primaire HÔTE:PORT  son xapian-replicate-server   --base index/xapian
        --sortie DIR    (défaut : index)      --intervalle S (défaut : 1)
        --apres COMMANDE      lancée après chaque mise à jour (pratiques build…)

Les options anglaises d'avant (--content, --out, --keep-going, --base-url, --bind, --threads)
restent acceptées.
Codes de sortie : 0 succès ; 1 contenu en erreur ; 2 usage incorrect ; 3 schémas invalides ;
4 index inutilisable (ou déjà en cours d'écriture, disque plein, lecture seule), recherche refusée ou
port occupé ; 5 erreur interne.
)";

// `pratiques serve` replaces this process with `pratiques-serve`, built beside it: only the server
// links the write side's libraries (libgit2 with its transports, Poco::Net), whose loading cost
// every other command about 5 ms of CPU at start (docs/performance.md, "Process start").
int exec_serve(char** argv) {
  std::error_code error;
  const auto self = std::filesystem::read_symlink("/proc/self/exe", error);
  const std::string server = (self.parent_path() / "pratiques-serve").string();
  argv[0] = const_cast<char*>(server.c_str());
  ::execv(server.c_str(), argv);
  std::cerr << "pratiques : impossible de lancer le serveur " << server << " : " << std::strerror(errno) << "\n";
  return pratiques::cli::kCannotRun;
}

bool is_help_option(const std::string& arg) { return arg == "--help" || arg == "-h"; }

// The lines of kHelp about `command` ("  search REQUÊTE..." and the option lines under it; each
// of the "  utilisateur …" lines and theirs): what `pratiques search --help` prints. Empty for an
// unknown command.
std::string help_of(const std::string& command) {
  std::istringstream lines(kHelp);
  std::string out;
  bool in_command = false;
  for (std::string line; std::getline(lines, line);) {
    const bool names_a_command = line.size() > 2 && line.compare(0, 2, "  ") == 0 && line[2] != ' ';
    if (names_a_command) in_command = line.compare(2, command.size() + 1, command + " ") == 0;
    else if (line.empty() || line[0] != ' ') in_command = false;
    if (in_command) out += line + "\n";
  }
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace pratiques::cli;
  // "aide" asks for help only in the command's place: after a command it is a word like any other.
  if (argc < 2 || is_help_option(argv[1]) || std::string(argv[1]) == "aide") {
    std::cout << kHelp;
    return argc < 2 ? kUsage : kOk;
  }
  const std::string command = argv[1];
  for (int i = 2; i < argc; ++i)
    if (is_help_option(argv[i])) {
      const std::string help = help_of(command);
      if (help.empty()) break;  // an unknown command: said below
      std::cout << "Usage :\n" << help;
      return kOk;
    }
  if (command == "serve") return exec_serve(argv);
  return guarded([&] {
    if (command == "check") return cmd_check(argc, argv);
    if (command == "index") return cmd_index(argc, argv);
    if (command == "search") return cmd_search(argc, argv);
    if (command == "build") return cmd_build(argc, argv);
    if (command == "rapport") return cmd_rapport(argc, argv);
    if (command == "utilisateur") return cmd_utilisateur(argc, argv);
    if (command == "export") return cmd_export(argc, argv);
    if (command == "replique") return cmd_replique(argc, argv);
    if (command == "sauvegarde") return cmd_sauvegarde(argc, argv);
    std::cerr << "pratiques : commande inconnue « " << command << " »\n" << kHelp;
    return static_cast<int>(kUsage);
  });
}
