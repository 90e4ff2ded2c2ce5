// `pratiques serve`: the search server. Poco's HTTP server (HTTPServerConnection on a TCPServer
// with its own thread pool) calling the search library in-process. Routes:
//   /recherche                         results page (works without JavaScript)
//   /api/recherche                     the search library's JSON (same keys as `pratiques search --json`)
//   /api/fiches/<id>                   a sheet's metadata and sections (Markdown) as JSON
//   /api/fiches/<id>/similaires        related practices
//   /api/suggestions?q=                autocompletion (titles, vocabulary labels, acronyms)
//   /api/etat                          index generation, number of sheets, reloads
//   /opensearch.xml                    OpenSearch description
//   /connexion, /activation, /deconnexion, /compte…   accounts (write_handlers.h, docs/ecrire.md)
//   /api/contributions…                the write side's JSON API
//   everything else                    the static site built by `pratiques build` (--site)
// See docs/server.md.
#pragma once
#include <chrono>
#include <memory>
#include <stdexcept>
#include <string>

#include "pratiques/site/build.h"
#include "pratiques/write/password.h"

namespace pratiques::server {

// The address cannot be listened on (taken, or not an address of this machine).
struct ListenError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct ServerOptions {
  std::string index = "index";  // the link given to `pratiques index --out`
  std::string site = "public";  // the directory written by `pratiques build`
  std::string data = "var";     // the server's database (search log, accounts, contributions): <data>/pratiques.sqlite
  std::string content = "content";                         // where publication writes (content/fiches/<id>.md)
  std::string schemas = "schemas";                         // the grid, for checking and writing sheets
  write::KdfLimits kdf = write::KdfLimits::interactive();  // password hashing (tests: minimum())
  std::string bind = "127.0.0.1";
  int port = 8080;         // 0: any free port (see Server::port())
  int threads = 64;        // connections served at once (a keep-alive connection holds a thread)
  int searches = 0;        // searches, and requests computing, at once; 0: twice the cores
  std::string public_url;  // "https://pratiques.example.org" for OpenSearch, canonical links, OAI-PMH;
                           // "" = http://localhost:PORT (or the bound address), never the Host header
  bool log_searches = true;
  int cache_mb = 32;                                // results of recent searches kept (Mo); 0: no cache
  std::chrono::milliseconds header_timeout{10000};  // to send a complete request header (or stay idle)
  int waiting_per_address = 64;  // connections of one client address still sending their head; 0: no bound
  std::chrono::milliseconds io_timeout{15000};     // per read or write on a socket
  std::chrono::milliseconds drain_timeout{20000};  // at most this long to finish in-flight requests
  std::string oai_email;                           // OAI-PMH Identify's adminEmail; "": oai_admin_email()
  site::PageOptions pages;  // of the pages the write side rebuilds: as given to `pratiques build`
  // A read node (docs/repliques.md): its index is written by `pratiques replique` alone, so every
  // route of the write side answers 503 and sends to the primary. Set by --primaire (the primary's
  // public address, linked from that answer), or found: the index is a replica's (is_replica()).
  std::string primary_url;
};

// Whether a server with these options is a read node (ServerOptions::primary_url).
bool read_node(const ServerOptions& o);

// The address OAI-PMH's Identify gives (adminEmail): --courriel-oai, else the legal notice's
// contact (--courriel-contact); "" when neither is given, and Identify then says
// webmaster@<host of the public URL>, an address nobody may read (`pratiques serve` warns).
std::string oai_admin_email(const ServerOptions& o);

class Server {
 public:
  explicit Server(ServerOptions options);  // opens the index and the database; throws with a French message
  ~Server();                               // stop() if still running
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  void start();             // binds and serves (throws ListenError when the address is taken)
  int port() const;         // the bound port
  std::string url() const;  // "http://127.0.0.1:8080"
  // Graceful stop: no new connection; requests in flight finish and are answered (with
  // "Connection: close"); idle connections are closed; the search log is written.
  void stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace pratiques::server
