// OAI-PMH at /oai: the six verbs and every error code, valid against the official OAI-PMH and
// oai_dc schemas (xmllint --schema), paging with signed resumption tokens, and a real harvester
// (Debian's libhttp-oai-perl, `oai_pmh`) harvesting the whole repository, then incrementally.
#include <catch2/catch.hpp>

#include <ctime>
#include <regex>
#include <set>

#include "pratiques/index_writer.h"
#include "pratiques/server/oai_token.h"
#include "server_fixture.h"
#include "write_client.h"

namespace {

// The fixture corpus plus 100 generated sheets (so that lists take two pages of 100), published at T1.
constexpr std::time_t kT1 = 1893456000;  // 2030-01-01T00:00:00Z
constexpr std::time_t kT2 = kT1 + 3600;

struct OaiRepository {
  testing::TestServer server{{}, false};
  testing::fs::path content = server.dir() / "content";
  explicit OaiRepository(int copies = 100) {
    testing::copy_tree(testing::fixtures() / "corpus", content);
    const std::string model = testing::read_file(content / "fiches" / "sejour-repit-aidants-msa.md");
    for (int i = 0; i < copies; ++i) {
      const std::string id = "sejour-repit-copie-" + std::to_string(i);
      std::string sheet = model;
      sheet.replace(sheet.find("id: sejour-repit-aidants-msa"), 28, "id: " + id);
      testing::write_file(content / "fiches" / (id + ".md"), sheet);
    }
    reindex(kT1);
  }
  void reindex(std::time_t now) {
    pratiques::IndexOptions o;
    o.content = content.string();
    o.schemas = testing::schemas().string();
    o.out = server.index();
    o.clock = [now] { return now; };
    const auto r = pratiques::build_index(o);
    REQUIRE(r.published);
  }
  testing::Reply oai(const std::string& query) const { return server.get("/oai?" + query); }
  std::string base() const { return "http://127.0.0.1:" + std::to_string(server.port()) + "/oai"; }
  // What the server advertises without --url: localhost, never the request's Host header.
  std::string advertised() const { return "http://localhost:" + std::to_string(server.port()) + "/oai"; }
};

OaiRepository& repository() {
  static OaiRepository r;
  return r;
}

// Validates a response with xmllint against the official schemas; returns xmllint's messages.
std::string schema_errors(const std::string& xml) {
  testing::TempDir dir;
  testing::write_file(dir / "response.xml", xml);
  const auto r =
      testing::run({"/usr/bin/xmllint", "--noout", "--nonet", "--schema",
                    (testing::source_dir() / "tests/oai/validate-oai.xsd").string(), (dir / "response.xml").string()});
  return r.status == 0 ? "" : r.err + r.out;
}

std::string error_code(const std::string& xml) {
  std::smatch m;
  return std::regex_search(xml, m, std::regex("<error code=\"([a-zA-Z]+)\"")) ? m[1].str() : "";
}

std::size_t count(const std::string& s, const std::string& what) {
  std::size_t n = 0;
  for (auto p = s.find(what); p != std::string::npos; p = s.find(what, p + 1)) ++n;
  return n;
}

std::string token_of(const std::string& xml) {
  std::smatch m;
  return std::regex_search(xml, m, std::regex("<resumptionToken[^>]*>([^<]+)</resumptionToken>")) ? m[1].str() : "";
}

}  // namespace

TEST_CASE("OAI-PMH: Identify, ListMetadataFormats, ListSets and GetRecord are valid against the official schemas",
          "[server][oai]") {
  auto& r = repository();
  const auto id = r.oai("verb=Identify");
  REQUIRE(id.status == 200);
  CHECK(id.header("content-type") == "text/xml; charset=utf-8");
  CHECK(schema_errors(id.body) == "");
  CHECK(id.body.find("<baseURL>" + r.advertised() + "</baseURL>") != std::string::npos);
  CHECK(id.body.find("<deletedRecord>persistent</deletedRecord>") != std::string::npos);
  CHECK(id.body.find("<granularity>YYYY-MM-DDThh:mm:ssZ</granularity>") != std::string::npos);
  CHECK(id.body.find("<OAI-PMH xmlns=\"http://www.openarchives.org/OAI/2.0/\"") != std::string::npos);

  const auto formats = r.oai("verb=ListMetadataFormats");
  CHECK(schema_errors(formats.body) == "");
  CHECK(formats.body.find("<metadataPrefix>oai_dc</metadataPrefix>") != std::string::npos);
  CHECK(formats.body.find("<metadataPrefix>pratiques</metadataPrefix>") != std::string::npos);
  // The native format's schema is served, and is the one the tests validate against.
  const auto xsd = r.server.get("/oai/pratiques-fiche.xsd");
  CHECK(xsd.status == 200);
  CHECK(xsd.body == testing::read_file(testing::source_dir() / "site/assets/oai/pratiques-fiche.xsd"));

  const auto sets = r.oai("verb=ListSets");
  CHECK(schema_errors(sets.body) == "");
  for (const char* spec : {"thematique", "thematique:aidants", "type_fiche:pratique", "region:75"})
    CHECK(sets.body.find(std::string("<setSpec>") + spec + "</setSpec>") != std::string::npos);

  const std::string identifier = "oai:localhost:sejour-repit-aidants-msa";
  const auto dc = r.oai("verb=GetRecord&metadataPrefix=oai_dc&identifier=" + identifier);
  CHECK(schema_errors(dc.body) == "");
  CHECK(dc.body.find("<dc:title>Séjour de répit pour les aidants familiaux organisé par la MSA</dc:title>") !=
        std::string::npos);
  // The carrier led the action, the rédacteurs wrote the sheet (as its page's DC.creator says).
  CHECK(dc.body.find("<dc:contributor>Association des aidants du Périgord</dc:contributor>") != std::string::npos);
  CHECK(dc.body.find("<dc:creator>Association des aidants du Périgord</dc:creator>") == std::string::npos);
  CHECK(dc.body.find("<dc:subject>Vieillissement et personnes âgées</dc:subject>") != std::string::npos);
  CHECK(dc.body.find("<dc:language>fre</dc:language>") != std::string::npos);
  CHECK(dc.body.find("<dc:identifier>http://localhost:" + std::to_string(r.server.port()) +
                     "/fiches/sejour-repit-aidants-msa/</dc:identifier>") != std::string::npos);
  CHECK(dc.body.find("<dc:coverage>Dordogne (24)</dc:coverage>") != std::string::npos);
  CHECK(dc.body.find("<dc:rights>Creative Commons Attribution 4.0 International (CC BY 4.0)</dc:rights>") !=
        std::string::npos);
  CHECK(dc.body.find("<setSpec>region:75</setSpec>") != std::string::npos);

  const auto native = r.oai("verb=GetRecord&metadataPrefix=pratiques&identifier=" + identifier);
  CHECK(schema_errors(native.body) == "");
  CHECK(native.body.find("<champ cle=\"territoire.departement\" valeur=\"24\">Dordogne</champ>") != std::string::npos);
  CHECK(native.body.find("<groupe cle=\"redacteurs\" rang=\"1\">") != std::string::npos);
  CHECK(native.body.find("<section cle=\"genese_contexte\" numero=\"1\" titre=\"Genèse et contexte\"") !=
        std::string::npos);
  CHECK(count(native.body, "<section ") >= 10);
}

TEST_CASE("OAI-PMH: an archived sheet's record lists the formats a live record is disseminated in", "[server][oai]") {
  // A deleted record is disseminated (its header) in every format: noMetadataFormats is for an item
  // that has none, and a harvester asking before GetRecord would skip the deletion.
  OaiRepository r(0);
  const auto file = r.content / "fiches" / "sejour-repit-aidants-msa.md";
  std::string archived = testing::read_file(file);
  archived.replace(archived.find("statut: publiee"), 15, "statut: archivee");
  testing::write_file(file, archived);
  r.reindex(kT2);
  const std::string identifier = "oai:localhost:sejour-repit-aidants-msa";
  REQUIRE(
      r.oai("verb=GetRecord&metadataPrefix=oai_dc&identifier=" + identifier).body.find("<header status=\"deleted\">") !=
      std::string::npos);
  const auto formats = r.oai("verb=ListMetadataFormats&identifier=" + identifier);
  CHECK(formats.status == 200);
  CHECK(error_code(formats.body) == "");
  CHECK(schema_errors(formats.body) == "");
  const auto listed = [](const std::string& xml) {
    return xml.substr(xml.find("<ListMetadataFormats>"),
                      xml.find("</ListMetadataFormats>") - xml.find("<ListMetadataFormats>"));
  };
  const auto live = r.oai("verb=ListMetadataFormats&identifier=oai:localhost:ecole-ouverte-parents-fives");
  REQUIRE(error_code(live.body) == "");
  CHECK(listed(formats.body) == listed(live.body));
  CHECK(formats.body.find("<metadataPrefix>oai_dc</metadataPrefix>") != std::string::npos);
  CHECK(formats.body.find("<metadataPrefix>pratiques</metadataPrefix>") != std::string::npos);
}

TEST_CASE("OAI-PMH: Identify's adminEmail is --courriel-oai, else the legal notice's contact address",
          "[server][oai]") {
  pratiques::server::ServerOptions o;
  o.pages.legal.contact = "contact@exemple.fr";
  const testing::TestServer contact(o, false);
  const auto fallback = contact.get("/oai?verb=Identify");
  CHECK(fallback.body.find("<adminEmail>contact@exemple.fr</adminEmail>") != std::string::npos);
  CHECK(schema_errors(fallback.body) == "");
  o.oai_email = "oai@exemple.fr";
  const testing::TestServer both(o, false);
  CHECK(both.get("/oai?verb=Identify").body.find("<adminEmail>oai@exemple.fr</adminEmail>") != std::string::npos);
}

TEST_CASE("OAI-PMH: a POST with its arguments in a form body is answered as the same GET", "[server][oai]") {
  auto& r = repository();
  const std::string args = "verb=GetRecord&metadataPrefix=oai_dc&identifier=oai:localhost:sejour-repit-aidants-msa";
  const auto without_date = [](std::string xml) {
    return std::regex_replace(xml, std::regex("<responseDate>[^<]*</responseDate>"), "");
  };
  const testing::Headers form = {{"Content-Type", "application/x-www-form-urlencoded"}};
  const auto post = testing::send(r.server.port(), "POST", "/oai", form, args);
  REQUIRE(post.status == 200);
  CHECK(schema_errors(post.body) == "");
  CHECK(without_date(post.body) == without_date(r.oai(args).body));
  // The verb in the address and in the body: repeated.
  CHECK(error_code(testing::send(r.server.port(), "POST", "/oai?verb=Identify", form, "verb=Identify").body) ==
        "badVerb");
  CHECK(testing::send(r.server.port(), "OPTIONS", "/oai").header("allow").find("POST") != std::string::npos);
}

TEST_CASE("OAI-PMH: a POST that is not a form is answered with an OAI-PMH error, not an HTML page", "[server][oai]") {
  // A JSON body was answered by the site's HTML 400 page, which a harvester cannot read.
  auto& r = repository();
  const auto post = [&](const testing::Headers& headers, const std::string& body, const std::string& target = "/oai") {
    return testing::send(r.server.port(), "POST", target, headers, body);
  };
  const testing::Headers json = {{"Content-Type", "application/json"}};
  const testing::Headers form = {{"Content-Type", "application/x-www-form-urlencoded"}};
  const std::vector<std::tuple<std::string, testing::Headers, std::string, std::string>> cases{
      {"JSON", json, "{\"verb\": \"Identify\"}", "badArgument"},
      {"JSON after a verb in the address", json, "{\"verb\": \"Identify\"}", "badArgument"},
      {"text", {{"Content-Type", "text/plain"}}, "verb=Identify", "badArgument"},
      {"a form not in UTF-8", form, "verb=Identify&set=%FF", "badArgument"},
      {"a form of too many fields", form, "verb=Identify&a=1&b=2&c=3&d=4&e=5&f=6&g=7&h=8&i=9&j=10&k=11&l=12&m=13&n=14&o=15&p=16",
       "badArgument"},
      {"no body", {}, "", "badVerb"},  // no argument at all: the verb is missing
      {"an empty form", form, "", "badVerb"},
  };
  for (const auto& [what, headers, body, code] : cases) {
    INFO(what);
    const auto reply = post(headers, body, what == "JSON after a verb in the address" ? "/oai?verb=Identify" : "/oai");
    CHECK(reply.status == 200);
    CHECK(reply.header("content-type").rfind("text/xml", 0) == 0);
    CHECK(error_code(reply.body) == code);
    CHECK(schema_errors(reply.body) == "");
    // badArgument and badVerb echo no argument.
    CHECK(reply.body.find("<request>" + r.advertised() + "</request>") != std::string::npos);
  }
  // An empty body leaves the address's arguments: the same answer as a GET.
  CHECK(error_code(post({}, "", "/oai?verb=Identify").body) == "");
  // Not OAI-PMH requests at all, refused at the HTTP level (OAI-PMH 2.0, §3.1.2.2): another method
  // (405, with the methods allowed), a body larger than any harvester's arguments (413).
  const auto put = testing::send(r.server.port(), "PUT", "/oai", form, "verb=Identify");
  CHECK(put.status == 405);
  CHECK(put.header("allow") == "GET, HEAD, POST, OPTIONS");
  CHECK(post(form, "verb=Identify&x=" + std::string(9000, 'a')).status == 413);
}

TEST_CASE("OAI-PMH: every error code of the protocol, each response valid, never an HTTP error", "[server][oai]") {
  auto& r = repository();
  const std::string id = "oai:localhost:sejour-repit-aidants-msa";
  const std::vector<std::pair<std::string, std::string>> cases{
      {"", "badVerb"},
      {"verb=Jouer", "badVerb"},
      {"verb=Identify&verb=Identify", "badVerb"},
      {"verb=ListSets&set=a&set=b", "badArgument"},
      {"verb=Identify&inconnu=1", "badArgument"},
      {"verb=GetRecord&identifier=" + id, "badArgument"},
      {"verb=ListRecords", "badArgument"},
      {"verb=ListRecords&metadataPrefix=oai_dc&from=2030-02-30", "badArgument"},
      {"verb=ListRecords&metadataPrefix=oai_dc&from=0000-01-01", "badArgument"},  // no year 0 in xs:date
      {"verb=ListRecords&metadataPrefix=oai_dc&from=2030-01-01T10:00:00", "badArgument"},
      {"verb=ListRecords&metadataPrefix=oai_dc&from=2030-01-02&until=2030-01-01", "badArgument"},
      {"verb=ListRecords&metadataPrefix=oai_dc&from=2030-01-01&until=2030-01-01T10:00:00Z", "badArgument"},
      {"verb=ListRecords&metadataPrefix=oai_dc&set=th%C3%A9matique", "badArgument"},
      {"verb=ListRecords&metadataPrefix=oai_dc&resumptionToken=x", "badArgument"},
      {"verb=ListRecords&resumptionToken=nimporte.quoi", "badResumptionToken"},
      {"verb=ListSets&resumptionToken=abc", "badResumptionToken"},
      {"verb=ListRecords&metadataPrefix=marc21", "cannotDisseminateFormat"},
      {"verb=GetRecord&metadataPrefix=marc21&identifier=" + id, "cannotDisseminateFormat"},
      {"verb=GetRecord&metadataPrefix=oai_dc&identifier=oai:localhost:nexiste-pas", "idDoesNotExist"},
      {"verb=GetRecord&metadataPrefix=oai_dc&identifier=oai:autre.example:sejour-repit-aidants-msa", "idDoesNotExist"},
      {"verb=ListMetadataFormats&identifier=oai:localhost:nexiste-pas", "idDoesNotExist"},
      {"verb=ListRecords&metadataPrefix=oai_dc&from=2000-01-01&until=2000-12-31", "noRecordsMatch"},
      {"verb=ListIdentifiers&metadataPrefix=oai_dc&set=thematique:nexiste-pas", "noRecordsMatch"},
  };
  for (const auto& [query, code] : cases) {
    INFO(query);
    const auto reply = r.oai(query);
    CHECK(reply.status == 200);
    CHECK(error_code(reply.body) == code);
    CHECK(schema_errors(reply.body) == "");
  }
  // badVerb and badArgument echo no argument in <request> (the protocol's rule).
  CHECK(r.oai("verb=Jouer").body.find("<request>" + r.advertised() + "</request>") != std::string::npos);
}

TEST_CASE("OAI-PMH: lists page by 100 with a resumption token carrying the request, forged tokens refused",
          "[server][oai]") {
  auto& r = repository();
  const auto first = r.oai("verb=ListIdentifiers&metadataPrefix=oai_dc&set=thematique:aidants");
  REQUIRE(error_code(first.body) == "");
  CHECK(schema_errors(first.body) == "");
  CHECK(count(first.body, "<header>") == 100);
  CHECK(first.body.find("completeListSize=\"101\" cursor=\"0\"") != std::string::npos);
  const std::string token = token_of(first.body);
  REQUIRE(!token.empty());
  // The token alone carries the set, the prefix and the position.
  const auto second = r.oai("verb=ListIdentifiers&resumptionToken=" + token);
  CHECK(schema_errors(second.body) == "");
  CHECK(count(second.body, "<header>") == 1);
  CHECK(second.body.find("cursor=\"100\"/>") != std::string::npos);  // an empty token ends the list
  std::set<std::string> ids;
  for (const auto* page : {&first.body, &second.body}) {
    std::regex re("<identifier>([^<]+)</identifier>");
    for (std::sregex_iterator it(page->begin(), page->end(), re), end; it != end; ++it) ids.insert((*it)[1]);
  }
  CHECK(ids.size() == 101);
  // ListRecords with the same token is refused: the token belongs to ListIdentifiers.
  CHECK(error_code(r.oai("verb=ListRecords&resumptionToken=" + token).body) == "badResumptionToken");
  // One character changed in the state or in the signature: refused.
  for (std::size_t at : {std::size_t(3), token.size() - 2}) {
    std::string forged = token;
    forged[at] = forged[at] == 'A' ? 'B' : 'A';
    CHECK(error_code(r.oai("verb=ListIdentifiers&resumptionToken=" + forged).body) == "badResumptionToken");
  }
  const auto records = r.oai("verb=ListRecords&metadataPrefix=pratiques");
  CHECK(schema_errors(records.body) == "");
  CHECK(count(records.body, "<record>") == 100);
}

TEST_CASE("OAI-PMH resumption tokens: signed, tied to their key, expiring", "[server][oai]") {
  using pratiques::server::ListState;
  using pratiques::server::TokenSigner;
  const TokenSigner signer(std::string(32, 'k'));
  const ListState s{"ListRecords", "oai_dc", "thematique:aidants", "2030-01-01T00:00:00Z", "", "une-fiche", 100, 5000};
  const std::string token = signer.encode(s);
  const auto back = signer.decode(token, 4999);
  REQUIRE(back);
  CHECK(back->verb == "ListRecords");
  CHECK(back->set == "thematique:aidants");
  CHECK(back->from == "2030-01-01T00:00:00Z");
  CHECK(back->after == "une-fiche");
  CHECK(back->cursor == 100);
  CHECK_FALSE(signer.decode(token, 5001));                              // expired
  CHECK_FALSE(TokenSigner(std::string(32, 'j')).decode(token, 4999));   // another key (a restarted server)
  CHECK_FALSE(signer.decode(token.substr(0, token.size() - 1), 4999));  // truncated
  CHECK_FALSE(signer.decode(token + "%", 4999));
  CHECK_FALSE(signer.decode(std::string(5000, 'A') + "." + "A", 4999));
}

TEST_CASE("OAI-PMH: HTTP::OAI harvests every sheet once, then only what changed, with deletions",
          "[server][oai][harvester]") {
  OaiRepository r;
  auto harvest = [&](const std::vector<std::string>& extra) {
    std::vector<std::string> argv{"/usr/bin/oai_pmh", "--metadataPrefix", "oai_dc"};
    argv.insert(argv.end(), extra.begin(), extra.end());
    argv.push_back(r.base());
    const auto run = testing::run(argv);
    INFO(run.err);
    REQUIRE(run.status == 0);
    std::multiset<std::string> ids, deleted;
    std::regex record("identifier: oai:localhost:([a-z0-9-]+)\ndatestamp: [^\n]*\nstatus: ([a-z]*)");
    for (std::sregex_iterator it(run.out.begin(), run.out.end(), record), end; it != end; ++it) {
      ids.insert((*it)[1]);
      if ((*it)[2] == "deleted") deleted.insert((*it)[1]);
    }
    return std::pair{ids, deleted};
  };
  const auto [all, none_deleted] = harvest({});
  CHECK(all.size() == 108);
  CHECK(std::set<std::string>(all.begin(), all.end()).size() == 108);  // each once
  CHECK(none_deleted.empty());

  // One sheet re-published with a change, one archived, one file removed; then a full rebuild.
  const auto sheets = r.content / "fiches";
  std::string changed = testing::read_file(sheets / "ecole-ouverte-parents-fives.md");
  changed.replace(changed.find("titre: \""), 8, "titre: \"Nouvelle version : ");
  testing::write_file(sheets / "ecole-ouverte-parents-fives.md", changed);
  std::string archived = testing::read_file(sheets / "sejour-repit-copie-7.md");
  archived.replace(archived.find("statut: publiee"), 15, "statut: archivee");
  testing::write_file(sheets / "sejour-repit-copie-7.md", archived);
  testing::fs::remove(sheets / "sejour-repit-copie-8.md");
  r.reindex(kT2);
  {
    pratiques::IndexOptions o;
    o.content = r.content.string();
    o.schemas = testing::schemas().string();
    o.out = r.server.index();
    o.full = true;
    o.clock = [] { return kT2 + 60; };  // nothing changed: no datestamp moves, deletions stay
    REQUIRE(pratiques::build_index(o).published);
  }
  const auto [since, deleted] = harvest({"--from", "2030-01-01T01:00:00Z"});
  CHECK(std::set<std::string>(since.begin(), since.end()) ==
        std::set<std::string>{"ecole-ouverte-parents-fives", "sejour-repit-copie-7", "sejour-repit-copie-8"});
  CHECK(std::set<std::string>(deleted.begin(), deleted.end()) ==
        std::set<std::string>{"sejour-repit-copie-7", "sejour-repit-copie-8"});
  // Deleted records stay listed: a full harvest still names them, as deleted.
  const auto [again, still_deleted] = harvest({});
  CHECK(again.size() == 108);
  CHECK(still_deleted.size() == 2);
  // The archived sheet is out of the search; its page answers 410 Gone, as does the removed one's.
  CHECK(r.server.get("/api/fiches/sejour-repit-copie-7").status == 410);
  const auto gone = r.server.get("/fiches/sejour-repit-copie-7/");
  CHECK(gone.status == 410);
  CHECK(gone.body.find("Fiche archivée") != std::string::npos);
  CHECK(r.server.get("/fiches/sejour-repit-copie-8/").status == 410);
  CHECK(r.server.get("/fiches/nexiste-pas/").status == 404);
}
