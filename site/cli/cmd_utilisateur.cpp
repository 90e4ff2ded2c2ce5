// `pratiques utilisateur ajouter|jeton|liste`: accounts in the server's database (--donnees, the
// same as `pratiques serve --donnees`). Activation links and API tokens are printed once.
#include <filesystem>
#include <iostream>

#include "args.h"
#include "pratiques/write/accounts.h"
#include "pratiques/write/refusal.h"

namespace pratiques::cli {

namespace {

constexpr const char* kHelp =
    "Usage : pratiques utilisateur ajouter --courriel ADRESSE --role "
    "contributeur|formateur|documentaliste|administrateur [--nom NOM]\n"
    "        pratiques utilisateur lien --courriel ADRESSE   (nouveau lien d'activation : lien perdu, expiré, mot de "
    "passe oublié)\n"
    "        pratiques utilisateur jeton --courriel ADRESSE [--revoquer]\n"
    "        pratiques utilisateur liste\n"
    "        (toutes : --donnees DIR, défaut var/ ; ajouter, lien : --url URL du serveur, défaut "
    "http://localhost:8080)\n";

void print_link(const write::Activation& act, const Args& a) {
  std::string url = a.get("url", "http://localhost:8080");
  while (!url.empty() && url.back() == '/') url.pop_back();
  std::cout << "Lien d'activation, à transmettre à " << act.account.email << " (valable 72 heures, une seule fois) :\n"
            << url << "/activation?jeton=" << act.token << "\n";
}

}  // namespace

int cmd_utilisateur(int argc, char** argv) {
  const auto parsed = parse_args(argc, argv, 2, {"courriel", "role", "nom", "donnees", "url"}, {"revoquer"});
  if (!parsed) return kUsage;
  const Args& a = *parsed;
  if (a.positional.size() != 1) {
    std::cerr << kHelp;
    return kUsage;
  }
  const std::string action = a.positional[0];
  // A wrong --donnees (or none, from another directory) created an empty database silently: the
  // account went where no server reads, and its activation link was refused.
  const std::string path = write::server_database(a.get("donnees", "var"));
  const bool created = !std::filesystem::exists(path);
  if (created && action != "ajouter") {
    std::cerr << "pratiques utilisateur " << action << " : aucune base de comptes « " << path
              << " » (le serveur, « pratiques serve », la crée ; --donnees DIR pour un autre répertoire)\n";
    return kContentErrors;
  }
  write::Database db(path);
  if (created)
    std::cerr << "pratiques utilisateur : nouvelle base de comptes créée, « " << path
              << " » : lancez le serveur avec le même --donnees\n";
  write::Accounts accounts(db, write::system_clock());
  try {
    if (action == "ajouter") {
      const auto role = write::parse_role(a.get("role", ""));
      if (!a.has("courriel") || !role) {
        std::cerr << "pratiques utilisateur ajouter : --courriel et --role (contributeur, formateur, documentaliste, "
                     "administrateur) sont obligatoires\n";
        return kUsage;
      }
      const write::Activation act = accounts.add(a.get("courriel", ""), *role, a.get("nom", ""));
      std::cout << "Compte créé : " << act.account.email << " (" << write::role_slug(act.account.role) << ").\n";
      print_link(act, a);
      return kOk;
    }
    if (action == "lien" || action == "jeton") {
      const auto account = accounts.find_by_email(a.get("courriel", ""));
      if (!account) {
        std::cerr << "pratiques utilisateur " << action << " : aucun compte pour « " << a.get("courriel", "") << " »\n";
        return kContentErrors;
      }
      if (action == "lien") {
        print_link(accounts.renew_activation(account->id), a);
        return kOk;
      }
      if (a.has("revoquer")) {
        std::cerr << accounts.revoke_tokens(account->id) << " jeton(s) révoqué(s) pour " << account->email << "\n";
        return kOk;
      }
      std::cout << accounts.create_token(account->id)
                << "\n";  // alone on stdout: TOKEN=$(pratiques utilisateur jeton …)
      return kOk;
    }
    if (action == "liste") {
      for (const auto& acc : accounts.list())
        std::cout << acc.email << "\t" << write::role_slug(acc.role) << "\t"
                  << (acc.disabled    ? "désactivé"
                      : acc.activated ? "actif"
                                      : "en attente d'activation")
                  << "\t" << acc.name << "\n";
      return kOk;
    }
  } catch (const write::Refusal& r) {
    std::cerr << "pratiques utilisateur " << action << " : " << r.what() << "\n";
    return kContentErrors;  // refused: address taken or invalid, unknown account
  }
  std::cerr << "pratiques utilisateur : action inconnue « " << action << " »\n" << kHelp;
  return kUsage;
}

}  // namespace pratiques::cli
