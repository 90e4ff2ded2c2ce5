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
