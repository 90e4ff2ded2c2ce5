// `pratiques serve`: the search server (site/server/). Runs until SIGTERM or SIGINT, then drains.
#include <signal.h>

#include <iostream>
#include <thread>

#include "args.h"
#include "pratiques/server/server.h"

namespace pratiques::cli {

int cmd_serve(int argc, char** argv) {
  const auto parsed = parse_args(argc, argv, 2,
                                 {"index", "site", "donnees", "contenu", "schemas", "adresse", "port", "connexions",
                                  "attentes-par-client", "recherches", "url", "cache", "courriel-oai", "editeur",
                                  "directeur-publication", "courriel-contact", "hebergeur", "proches", "fiches-par-page", "primaire"},
                                 {"sans-journal", "silencieux"});
  if (!parsed) return kUsage;
  const Args& a = *parsed;
  if (!a.positional.empty()) {
    std::cerr << "pratiques serve : argument inattendu « " << a.positional.front() << " » (pratiques --help)\n";
    return kUsage;
  }
  server::ServerOptions o;
  o.index = a.get("index", "index");
  o.site = a.get("site", "public");
  o.data = a.get("donnees", "var");
  o.content = a.get("contenu", "content");
  o.schemas = a.get("schemas", "schemas");
  o.bind = a.get("adresse", "127.0.0.1");
  o.port = to_int(a.get("port", "8080"), -1);
  o.threads = to_int(a.get("connexions", "64"), -1);
  o.waiting_per_address = to_int(a.get("attentes-par-client", "64"), -1);
  o.searches = to_int(a.get("recherches", "0"), -1);
  o.public_url = a.get("url", "");
  o.cache_mb = to_int(a.get("cache", "32"), -1);
  while (!o.public_url.empty() && o.public_url.back() == '/') o.public_url.pop_back();
  o.primary_url = a.get("primaire", "");
  while (!o.primary_url.empty() && o.primary_url.back() == '/') o.primary_url.pop_back();
  o.log_searches = !a.has("sans-journal");
  o.oai_email = a.get("courriel-oai", "");
  if (!page_options(a, "serve", o.pages)) return kUsage;
  if (!o.oai_email.empty() &&
      (o.oai_email.find('@') == std::string::npos || o.oai_email.find_first_of(" <>\"&") != std::string::npos)) {
    std::cerr << "pratiques serve : --courriel-oai attend une adresse électronique (documentation@exemple.fr)\n";
    return kUsage;
  }
  if (o.port < 0 || o.port > 65535) {
    std::cerr << "pratiques serve : --port attend un nombre entre 0 et 65535\n";
    return kUsage;
  }
  if (o.threads < 1 || o.threads > 4096) {
    std::cerr << "pratiques serve : --connexions attend un nombre entre 1 et 4096\n";
    return kUsage;
  }
  if (o.waiting_per_address < 0) {
    std::cerr << "pratiques serve : --attentes-par-client attend un nombre positif (0 : sans limite)\n";
    return kUsage;
  }
  if (o.cache_mb < 0 || o.cache_mb > 4096) {
    std::cerr << "pratiques serve : --cache attend un nombre de Mo entre 0 et 4096\n";
    return kUsage;
  }
  if (o.searches < 0) {
    std::cerr << "pratiques serve : --recherches attend un nombre positif\n";
    return kUsage;
  }
  for (const auto& [flag, url] : {std::pair{"--url", o.public_url}, std::pair{"--primaire", o.primary_url}})
    if (!url.empty() && url.rfind("http://", 0) != 0 && url.rfind("https://", 0) != 0) {
      std::cerr << "pratiques serve : " << flag << " attend une adresse http:// ou https://\n";
      return kUsage;
    }

  // As `pratiques build` warns of an incomplete legal notice: harvesters write to that address.
  if (server::oai_admin_email(o).empty())
    std::cerr
        << "pratiques serve : avertissement : ni --courriel-oai ni --courriel-contact : l'entrepôt OAI-PMH "
           "annonce webmaster@<hôte de --url> (Identify, adminEmail), une adresse que personne ne lit peut-être ; "
           "donnez --courriel-oai ADRESSE\n";

  // SIGTERM and SIGINT are waited for by this thread only (every thread started below inherits the mask).
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  signal(SIGPIPE, SIG_IGN);

  // --silencieux: errors only (on stderr); no start or stop message.
  const bool quiet = a.has("silencieux");
  server::Server srv(o);
  srv.start();
  std::string shown = srv.url();
  if (o.bind == "127.0.0.1" || o.bind == "0.0.0.0" || o.bind == "localhost")
    shown = "http://localhost:" + std::to_string(srv.port());
  // The public address (--url), when another, is the one its links and identifiers carry.
  const std::string public_url =
      o.public_url.empty() || o.public_url == shown ? "" : ", adresse publique : " + o.public_url;
  const std::string role = !server::read_node(o)   ? ""
                           : o.primary_url.empty() ? " ; nœud de lecture : écrire se fait sur le primaire"
                                                   : " ; nœud de lecture : écrire se fait sur " + o.primary_url;
  if (!quiet)
    std::cout << "Pratiques est servi sur " << shown << "  (index : " << o.index << ", site : " << o.site << public_url
              << role << "). Ctrl-C pour arrêter." << std::endl;
  int sig = 0;
  sigwait(&signals, &sig);
  if (!quiet)
    std::cout << "pratiques serve : " << (sig == SIGTERM ? "SIGTERM" : "SIGINT") << " reçu, fin des requêtes en cours…"
              << std::endl;
  srv.stop();
  if (!quiet) std::cout << "pratiques serve : arrêté proprement." << std::endl;
  return kOk;
}

}  // namespace pratiques::cli
