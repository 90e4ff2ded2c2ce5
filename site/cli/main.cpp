// The `pratiques` command: dispatches to one function per subcommand (cmd_*.cpp).
#include <iostream>
#include <string>

#include "args.h"
#include "pratiques/grid.h"
#include "pratiques/search.h"

namespace {

constexpr const char* kUsage = R"(Usage : pratiques <commande> [options]

Commandes :
  check [CHEMIN...]     vérifie les fiches et parcours (défaut : content/)
        --schemas DIR   grille et vocabulaires (défaut : schemas/)
        --format texte|json
  index                 construit l'index Xapian et le catalogue SQLite
        --content DIR   (défaut : content/)   --schemas DIR (défaut : schemas/)
        --out DIR       (défaut : index)      --keep-going   --complet
  search REQUÊTE...     cherche dans l'index
        --index DIR     (défaut : index)      --json
        --filtre CLE=VALEUR (répétable)       --page N   --par-page N
        --tri pertinence|date|titre
  build                 construit le site statique depuis l'index
        --index DIR     (défaut : index)      --out DIR (défaut : public)
        --base-url URL  (défaut : http://localhost:8080)
        --proches N     pratiques proches par fiche (défaut : 5)   --verbeux
  serve                 sert le site et la recherche sur http://localhost:8080
        --index DIR     (défaut : index)      --site DIR (défaut : public)
        --bind ADRESSE  (défaut : 127.0.0.1)  --port N (défaut : 8080)
        --threads N     connexions servies à la fois (défaut : 64)
        --recherches N  recherches simultanées (défaut : deux par cœur)
        --donnees DIR   journal des recherches (défaut : var/)   --sans-journal
        --url URL       adresse publique (OpenSearch, liens canoniques)
        --cache MO      résultats récents gardés en mémoire (défaut : 32 ; 0 : aucun)
  rapport recherches    requêtes fréquentes et requêtes sans résultat
        --depuis AAAA-MM-JJ   --donnees DIR (défaut : var/)   --limite N
        --format texte|json   --avec-saisie
)";

}  // namespace

int main(int argc, char** argv) {
  using namespace pratiques::cli;
  if (argc < 2 || std::string(argv[1]) == "--help" || std::string(argv[1]) == "-h" || std::string(argv[1]) == "aide") {
    std::cout << kUsage;
    return argc < 2 ? 2 : 0;
  }
  const std::string command = argv[1];
  try {
    if (command == "check") return cmd_check(argc, argv);
    if (command == "index") return cmd_index(argc, argv);
    if (command == "search") return cmd_search(argc, argv);
    if (command == "build") return cmd_build(argc, argv);
    if (command == "serve") return cmd_serve(argc, argv);
    if (command == "rapport") return cmd_rapport(argc, argv);
    std::cerr << "pratiques : commande inconnue « " << command << " »\n" << kUsage;
    return 2;
  } catch (const pratiques::GridError& e) {
    std::cerr << "pratiques : schéma invalide : " << e.what() << "\n";
  } catch (const pratiques::SearchError& e) {
    std::cerr << "pratiques : " << e.what() << "\n";
  } catch (const std::exception& e) {
    std::cerr << "pratiques : erreur : " << e.what() << "\n";
  }
  return 3;
}
