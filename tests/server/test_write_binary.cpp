// The write side on the real binary: accounts made with `pratiques utilisateur`, the whole API path
// (contribute, submit, take, request changes, edit, resubmit, publish, then /api/recherche finds
// the sheet), and a server killed with SIGKILL that loses no saved draft and leaves no
// half-written file in content/.
#include <catch2/catch.hpp>

#include <signal.h>

#include "write_client.h"

using namespace testing;

namespace {

std::string cli_out(const std::vector<std::string>& args) {
  std::vector<std::string> argv{cli()};
  argv.insert(argv.end(), args.begin(), args.end());
  const RunResult r = run(argv);
  if (r.status != 0) throw std::runtime_error("pratiques " + args.front() + " : " + r.err);
  return r.out;
}

}  // namespace

TEST_CASE("the binary: accounts from the CLI, the whole API path, a killed server loses no draft",
          "[server][write][binary]") {
  TempDir dir;
  prepare_site(dir.path());
  const std::string data = (dir / "var").string();
  // A wrong --donnees: no database is made for a list, and a new one is said aloud (the account
  // went, silently, where no server reads).
  const RunResult nowhere = run({cli(), "utilisateur", "liste", "--donnees", data});
  CHECK(nowhere.status == 1);
  CHECK(nowhere.err.find("aucune base de comptes") != std::string::npos);
  CHECK_FALSE(fs::exists(dir / "var"));
  // `pratiques utilisateur`: the activation link, a token alone on stdout, the list.
  const RunResult first =
      run({cli(), "utilisateur", "ajouter", "--courriel", "doc@exemple.fr", "--role", "documentaliste", "--nom",
           "Service doc", "--donnees", data, "--url", "https://pratiques.example.org"});
  REQUIRE(first.status == 0);
  CHECK(first.err.find("nouvelle base de comptes créée") != std::string::npos);
  const std::string added = first.out;
  CHECK(added.find("https://pratiques.example.org/activation?jeton=") != std::string::npos);
  CHECK(run({cli(), "utilisateur", "liste", "--donnees", data}).err.empty());  // the base exists now
  cli_out({"utilisateur", "ajouter", "--courriel", "auteur@exemple.fr", "--role", "contributeur", "--donnees", data});
  std::string doc = cli_out({"utilisateur", "jeton", "--courriel", "doc@exemple.fr", "--donnees", data});
  std::string author = cli_out({"utilisateur", "jeton", "--courriel", "auteur@exemple.fr", "--donnees", data});
  doc.pop_back();
  author.pop_back();
  CHECK(doc.size() == 43);
  const std::string list = cli_out({"utilisateur", "liste", "--donnees", data});
  CHECK(list.find("doc@exemple.fr\tdocumentaliste\ten attente d'activation\tService doc") != std::string::npos);
  CHECK(run({cli(), "utilisateur", "ajouter", "--courriel", "doc@exemple.fr", "--role", "contributeur", "--donnees",
             data})
            .status == 1);
  CHECK(run({cli(), "utilisateur", "ajouter", "--courriel", "x@exemple.fr", "--role", "chef", "--donnees", data})
            .status == 2);

  ServerProcess server = spawn_server(serve_args(dir.path()));
  auto call = [&](const std::string& token, const std::string& method, const std::string& target,
                  const std::string& body = "", Headers extra = {}) {
    Headers h{{"Authorization", "Bearer " + token}};
    if (!body.empty()) h.emplace_back("Content-Type", body.starts_with("{") ? "application/json" : "text/markdown");
    for (auto& e : extra) h.push_back(e);
    return send(server.port, method, target, h, body);
  };
  const Reply created =
      call(author, "POST", "/api/contributions", valid_sheet("jardin-des-tilleuls", "Jardin des Tilleuls"));
  REQUIRE(created.status == 201);
  const std::string url = "/api/contributions/" + json_get(created.body, "id");
  std::string v2 = valid_sheet("jardin-des-tilleuls", "Jardin des Tilleuls");
  v2.replace(v2.find("Rompre l'isolement"), 18, "Rompre l'isolement par le jardinage");
  const Reply saved = call(author, "PUT", url, v2, {{"If-Match", "1"}});
  REQUIRE(saved.status == 200);
  // What is kept is what the answer gave: the text sent, but for the curation fields a contributor
  // does not set (its front matter then in canonical form).
  const std::string kept = json_get(saved.body, "markdown");
  CHECK(kept.find("Rompre l'isolement par le jardinage") != std::string::npos);

  // Killed without warning: the saved draft is there after a restart; no temporary file is left.
  ::kill(server.pid, SIGKILL);
  CHECK(wait_exit(server, 10) == 128 + SIGKILL);
  for (const auto& e : fs::recursive_directory_iterator(dir / "content"))
    if (e.is_regular_file()) CHECK(e.path().extension() == ".md");
  server = spawn_server(serve_args(dir.path()));
  const Reply again = call(author, "GET", url);
  REQUIRE(again.status == 200);
  CHECK(json_get(again.body, "version") == "2");
  CHECK(json_get(again.body, "markdown") == kept);

  // The whole path, as a documentation service's script would drive it.
  CHECK(call(author, "POST", url + "/soumettre").status == 200);
  CHECK(call(doc, "POST", url + "/prendre").status == 200);
  CHECK(call(doc, "POST", url + "/demander-modifications", "{\"commentaire\": \"Ajouter le calendrier\"}").status ==
        200);
  std::string v3 = v2;
  v3.replace(v3.find("3. Rythme hebdomadaire."), 23, "3. Rythme hebdomadaire, d'avril à octobre.");
  CHECK(call(author, "PUT", url, v3, {{"If-Match", "2"}}).status == 200);
  CHECK(call(author, "POST", url + "/soumettre").status == 200);
  CHECK(call(doc, "POST", url + "/prendre").status == 200);
  const Reply published = call(doc, "POST", url + "/publier", "{\"commentaire\": \"Publiée\"}");
  REQUIRE(published.status == 200);
  CHECK(json_get(published.body, "etat") == "publiee");
  const Reply found = send(server.port, "GET", "/api/recherche?q=jardinage+Tilleuls");
  CHECK(found.body.find("\"id\":\"jardin-des-tilleuls\"") != std::string::npos);
  CHECK(send(server.port, "GET", "/fiches/jardin-des-tilleuls/").status == 200);
  const std::string file = read_file(dir / "content" / "fiches" / "jardin-des-tilleuls.md");
  CHECK(file.find("d'avril à octobre") != std::string::npos);
  CHECK(file.find("  curateur: \"Service doc\"\n") != std::string::npos);
  ::kill(server.pid, SIGTERM);
  CHECK(wait_exit(server, 30) == 0);
}

TEST_CASE("a backup taken while the server writes restores its accounts, contributions and index",
          "[server][write][binary][backup]") {
  // A copy of var/pratiques.sqlite made with `cp` while the server ran held no contribution, no
  // journal and no search: what the server wrote was still in the WAL.
  TempDir dir;
  prepare_site(dir.path());
  const std::string data = (dir / "var").string();
  run({cli(), "utilisateur", "ajouter", "--courriel", "auteur@exemple.fr", "--role", "contributeur", "--donnees",
       data});
  std::string author = cli_out({"utilisateur", "jeton", "--courriel", "auteur@exemple.fr", "--donnees", data});
  author.pop_back();
  ServerProcess server = spawn_server(serve_args(dir.path()));
  const Reply created = send(server.port, "POST", "/api/contributions",
                             {{"Authorization", "Bearer " + author}, {"Content-Type", "text/markdown"}},
                             valid_sheet("jardin-sauvegarde", "Jardin sauvegardé"));
  REQUIRE(created.status == 201);

  const fs::path backup = dir / "sauvegarde";
  const RunResult saved =
      run({cli(), "sauvegarde", "--sortie", backup.string(), "--donnees", data, "--index", (dir / "index").string()});
  REQUIRE(saved.status == 0);
  CHECK_FALSE(fs::exists(backup.string() + ".partielle"));
  ::kill(server.pid, SIGKILL);  // whatever the server had not checkpointed is lost with it
  wait_exit(server, 10);
  // A second backup into the same directory is refused, never merged.
  CHECK(run({cli(), "sauvegarde", "--sortie", backup.string(), "--donnees", data}).status == 2);

  // Restored elsewhere: the account's token, its contribution and the index answer.
  TempDir restored;
  fs::create_directories(restored / "var");
  fs::copy_file(backup / "donnees" / "pratiques.sqlite", restored / "var" / "pratiques.sqlite");
  fs::copy(backup / "index.d", restored / "index.d", fs::copy_options::recursive);
  fs::copy_symlink(backup / "index", restored / "index");
  fs::copy(dir / "public", restored / "public", fs::copy_options::recursive);
  fs::copy(dir / "content", restored / "content", fs::copy_options::recursive);
  server = spawn_server(serve_args(restored.path()));
  const Reply again = send(server.port, "GET", "/api/contributions/" + json_get(created.body, "id"),
                           {{"Authorization", "Bearer " + author}});
  CHECK(again.status == 200);
  CHECK(json_get(again.body, "markdown").find("Jardin sauvegardé") != std::string::npos);
  CHECK(send(server.port, "GET", "/api/recherche?q=potager").body.find("\"total\":2") != std::string::npos);
  ::kill(server.pid, SIGTERM);
  CHECK(wait_exit(server, 30) == 0);
}
