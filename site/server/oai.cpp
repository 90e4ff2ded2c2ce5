// GET /oai: the OAI-PMH 2.0 repository (the six verbs, every error code, oai_dc and the native
// format, sets per thématique, type de fiche and région, persistent deleted records, resumption
// tokens). Records come from the catalogue's publication history (sheet_history) and sheet rows;
// protocol errors are answered 200 with <error>, as the protocol requires, never 4xx/5xx.
// GET /oai/pratiques-fiche.xsd: the XML schema of the native format.
#include <Poco/JSON/Parser.h>

#include <cstring>
#include <map>
#include <mutex>
#include <set>
#include <sstream>

#include "handlers.h"
#include "page_frame.h"
#include "pratiques/server/oai_records.h"
#include "pratiques/server/oai_token.h"
#include "pratiques/catalogue.h"
#include "pratiques/sheet_history.h"

namespace pratiques::server {

namespace {

constexpr long long kPageSize = 100;
constexpr std::time_t kTokenLifetime = 6 * 3600;

struct OaiError {
  std::string code, message;
};

const std::map<std::string, std::pair<const char*, const char*>>& formats() {
  // prefix → (schema, namespace); the native schema's URL is made per request.
  static const std::map<std::string, std::pair<const char*, const char*>> f{
      {"oai_dc", {"http://www.openarchives.org/OAI/2.0/oai_dc.xsd", "http://www.openarchives.org/OAI/2.0/oai_dc/"}},
      {kNativePrefix, {"", kNativeNamespace}},
  };
  return f;
}

// The protocol's arguments per verb: required, optional, exclusive (resumptionToken).
struct VerbSpec {
  std::set<std::string> required, optional;
  bool resumable = false;
};
const std::map<std::string, VerbSpec>& verbs() {
  static const std::map<std::string, VerbSpec> v{
      {"Identify", {{}, {}, false}},
      {"ListMetadataFormats", {{}, {"identifier"}, false}},
      {"ListSets", {{}, {}, true}},
      {"GetRecord", {{"identifier", "metadataPrefix"}, {}, false}},
      {"ListIdentifiers", {{"metadataPrefix"}, {"from", "until", "set"}, true}},
      {"ListRecords", {{"metadataPrefix"}, {"from", "until", "set"}, true}},
  };
  return v;
}

bool spec_chars(const std::string& s, bool colons) {
  if (s.empty() || s.size() > 200) return false;
  for (char c : s)
    if (!std::isalnum(static_cast<unsigned char>(c)) && !std::strchr("-_.!~*'()", c) && !(colons && c == ':'))
      return false;
  return s.front() != ':' && s.back() != ':' && s.find("::") == std::string::npos;
}

// A protocol date: "YYYY-MM-DD" (day) or "YYYY-MM-DDThh:mm:ssZ" (second), checked for real dates.
// Returns the granularity (10 or 20 characters) or 0.
std::size_t date_granularity(const std::string& s) {
  auto digits = [&](std::size_t from, std::size_t n) {
    for (std::size_t i = from; i < from + n; ++i)
      if (!std::isdigit(static_cast<unsigned char>(s[i]))) return false;
    return true;
  };
  if (s.size() != 10 && s.size() != 20) return 0;
  if (!digits(0, 4) || s[4] != '-' || !digits(5, 2) || s[7] != '-' || !digits(8, 2)) return 0;
  const int y = std::stoi(s.substr(0, 4)), m = std::stoi(s.substr(5, 2)), d = std::stoi(s.substr(8, 2));
  static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  // Year 0 is no xs:date of OAI-PMH's schema (UTCdatetimeType): the echoed <request> would be invalid.
  if (y < 1 || m < 1 || m > 12 || d < 1 || d > days[m - 1] + (m == 2 && leap)) return 0;
  if (s.size() == 10) return 10;
  if (s[10] != 'T' || !digits(11, 2) || s[13] != ':' || !digits(14, 2) || s[16] != ':' || !digits(17, 2) ||
      s[19] != 'Z')
    return 0;
  if (std::stoi(s.substr(11, 2)) > 23 || std::stoi(s.substr(14, 2)) > 59 || std::stoi(s.substr(17, 2)) > 59) return 0;
  return 20;
}

std::string host_of(const std::string& base_url) {
  std::string h = base_url;
  if (auto p = h.find("://"); p != std::string::npos) h = h.substr(p + 3);
  h = h.substr(0, h.find('/'));
  if (!h.empty() && h.front() == '[') return h.substr(0, h.find(']') + 1);
  return h.substr(0, h.find(':'));
}

// The vocabulary labels of the generation being served, loaded once per generation.
std::shared_ptr<const OaiVocabulary> vocabulary(SearcherPool::Lease& lease) {
  static std::mutex mutex;
  static std::string loaded_for;
  static std::shared_ptr<const OaiVocabulary> cached;
  std::lock_guard lock(mutex);
  if (!cached || loaded_for != lease.generation().dir) {
    cached = OaiVocabulary::load(lease.catalog());
    loaded_for = lease.generation().dir;
  }
  return cached;
}

const TokenSigner& signer() {
  static const TokenSigner s;  // tokens die with the process: a harvester restarts its list
  return s;
}

class Repository {
 public:
  Repository(Exchange& ex, SearcherPool::Lease& lease)
      : ex_(ex), lease_(lease), cat_(lease.catalog()), base_(ex.base_url()), host_(host_of(base_)) {}

  std::string respond(const Params& params);

 private:
  std::string identifier(const std::string& id) const { return "oai:" + host_ + ":" + id; }
  std::optional<std::string> sheet_id(const std::string& identifier) const {
    const std::string prefix = "oai:" + host_ + ":";
    if (!identifier.starts_with(prefix)) return std::nullopt;
    return identifier.substr(prefix.size());
  }
  OaiSheet sheet(const std::string& id) const;
  std::string record(const HistoryEntry& e, const std::string& prefix, bool with_metadata) const;
  std::string identify() const;
  std::string list_formats(const std::map<std::string, std::string>& args) const;
  std::string list_sets() const;
  std::string get_record(const std::map<std::string, std::string>& args) const;
  std::string list(const ListState& state) const;

  Exchange& ex_;
  SearcherPool::Lease& lease_;
  Catalog& cat_;
  std::string base_, host_;
};

OaiSheet Repository::sheet(const std::string& id) const {
  OaiSheet s;
  s.id = id;
  s.url = base_ + site::sheet_path(id);
  Poco::JSON::Parser parser(new Poco::JSON::ParseHandler(true));
  const auto row = catalogue::sheet(cat_, id);
  s.front = row ? parser.parse(row->front_json).extract<Poco::JSON::Object::Ptr>() : new Poco::JSON::Object;
  for (auto& sec : catalogue::sheet_sections(cat_, id))
    s.sections.push_back({std::move(sec.key), std::move(sec.title), std::move(sec.anchor), std::move(sec.markdown),
                          sec.order, sec.undocumented});
  return s;
}

std::string Repository::record(const HistoryEntry& e, const std::string& prefix, bool with_metadata) const {
  const std::string header = header_xml({identifier(e.id), e.datestamp, e.sets, e.deleted()});
  if (!with_metadata) return header;
  std::string out = "<record>\n" + header;
  if (!e.deleted()) {
    const OaiSheet s = sheet(e.id);
    out += "<metadata>\n";
    out += prefix == "oai_dc" ? oai_dc_xml(s, *vocabulary(lease_))
                              : native_xml(s, *vocabulary(lease_), base_ + kNativeSchemaPath);
    out += "</metadata>\n";
  }
  return out + "</record>\n";
}

std::string Repository::identify() const {
  std::string earliest = earliest_datestamp(cat_);
  if (earliest.empty()) earliest = utc_datestamp(std::time(nullptr));
  // The protocol requires an address: without either flag (`pratiques serve` warns), one at the host.
  std::string email = oai_admin_email(ex_.state.options);
  if (email.empty()) email = "webmaster@" + (host_.find('.') != std::string::npos ? host_ : "localhost.localdomain");
  return "<Identify>\n<repositoryName>Pratiques : pratiques inspirantes du travail social collectif et "
         "communautaire</repositoryName>\n"
         "<baseURL>" +
         xml_text(base_ + "/oai") +
         "</baseURL>\n<protocolVersion>2.0</protocolVersion>\n"
         "<adminEmail>" +
         xml_text(email) + "</adminEmail>\n<earliestDatestamp>" + earliest +
         "</earliestDatestamp>\n<deletedRecord>persistent</deletedRecord>\n<granularity>YYYY-MM-DDThh:mm:ssZ</"
         "granularity>\n</Identify>\n";
}

std::string Repository::list_formats(const std::map<std::string, std::string>& args) const {
  if (auto it = args.find("identifier"); it != args.end()) {
    const auto id = sheet_id(it->second);
    const auto e = id ? history_entry(cat_, *id) : std::nullopt;
    // A deleted record is disseminated in every format, as its header (GetRecord): noMetadataFormats
    // would tell a harvester there is nothing to ask for, and it would miss the deletion.
    if (!e) throw OaiError{"idDoesNotExist", "Identifiant inconnu de ce dépôt : " + it->second};
  }
  std::string out = "<ListMetadataFormats>\n";
  for (const auto& [prefix, f] : formats())
    out += "<metadataFormat>\n<metadataPrefix>" + prefix + "</metadataPrefix>\n<schema>" +
           xml_text(*f.first ? std::string(f.first) : base_ + kNativeSchemaPath) + "</schema>\n<metadataNamespace>" +
           f.second + "</metadataNamespace>\n</metadataFormat>\n";
  return out + "</ListMetadataFormats>\n";
}

std::string Repository::list_sets() const {
  std::string out;
  for (const auto& family : set_families()) {
    out += "<set>\n<setSpec>" + std::string(family.spec) + "</setSpec>\n<setName>" + xml_text(family.name) +
           "</setName>\n</set>\n";
    const char* vocab = std::string(family.facet) == "thematiques"  ? "thematiques"
                        : std::string(family.facet) == "type_fiche" ? "types_fiche"
                                                                    : "regions";
    for (const auto& v : catalogue::vocabularies(cat_))
      if (v.vocab == vocab && spec_chars(v.slug, false))
        out += "<set>\n<setSpec>" + std::string(family.spec) + ":" + v.slug + "</setSpec>\n<setName>" +
               xml_text(v.label) + "</setName>\n</set>\n";
  }
  if (out.empty()) throw OaiError{"noSetHierarchy", "Ce dépôt ne définit encore aucun ensemble."};
  return "<ListSets>\n" + out + "</ListSets>\n";
}

std::string Repository::get_record(const std::map<std::string, std::string>& args) const {
  const std::string& prefix = args.at("metadataPrefix");
  if (!spec_chars(prefix, false)) throw OaiError{"badArgument", "metadataPrefix mal formé : " + prefix + "."};
  if (!formats().count(prefix))
    throw OaiError{"cannotDisseminateFormat", "Format inconnu : " + prefix + " (formats : oai_dc, pratiques)."};
  const auto id = sheet_id(args.at("identifier"));
  const auto e = id ? history_entry(cat_, *id) : std::nullopt;
  if (!e) throw OaiError{"idDoesNotExist", "Identifiant inconnu de ce dépôt : " + args.at("identifier")};
  return "<GetRecord>\n" + record(*e, prefix, true) + "</GetRecord>\n";
}

std::string Repository::list(const ListState& state) const {
  const bool records = state.verb == "ListRecords";
  // Paged by sheet id (a stable order): a page starts after the last id of the previous one, so a
  // publication between two pages neither repeats nor skips the others.
  const HistoryQuery query{state.from, state.until, state.set, state.after};
  const auto total = static_cast<long long>(history_count(cat_, query));
  std::vector<HistoryEntry> page = history_page(cat_, query, kPageSize + 1);
  if (page.empty()) {
    if (state.cursor == 0) throw OaiError{"noRecordsMatch", "Aucune notice ne correspond à ces critères."};
    throw OaiError{"badResumptionToken", "Ce jeton de reprise ne mène plus à aucune notice : recommencez la liste."};
  }
  const bool more = static_cast<long long>(page.size()) > kPageSize;
  if (more) page.pop_back();
  std::string out = "<" + state.verb + ">\n";
  for (const auto& e : page) out += record(e, state.prefix, records);
  // The list may have grown or shrunk since the first page: never announce fewer than sent.
  const std::string attrs = " completeListSize=\"" +
                            std::to_string(std::max(total, state.cursor + static_cast<long long>(page.size()))) +
                            "\" cursor=\"" + std::to_string(state.cursor) + "\"";
  if (more) {
    ListState next = state;
    next.after = page.back().id;
    next.cursor += static_cast<long long>(page.size());
    next.expires = std::time(nullptr) + kTokenLifetime;
    out += "<resumptionToken expirationDate=\"" + utc_datestamp(next.expires) + "\"" + attrs + ">" +
           signer().encode(next) + "</resumptionToken>\n";
  } else if (state.cursor > 0) {
    out += "<resumptionToken" + attrs + "/>\n";  // the last page of a list that was resumed
  }
  return out + "</" + state.verb + ">\n";
}

std::string Repository::respond(const Params& params) {
  std::map<std::string, std::string> args;
  for (const auto& [k, v] : params) {
    if (args.count(k)) throw OaiError{k == "verb" ? "badVerb" : "badArgument", "Argument répété : " + k + "."};
    args[k] = v;
  }
  auto verb_it = args.find("verb");
  if (verb_it == args.end() || !verbs().count(verb_it->second))
    throw OaiError{"badVerb",
                   verb_it == args.end() ? "Argument « verb » absent." : "Verbe inconnu : " + verb_it->second + "."};
  const std::string verb = verb_it->second;
  args.erase(verb_it);
  const VerbSpec& spec = verbs().at(verb);
  if (args.count("resumptionToken") && spec.resumable) {
    if (args.size() != 1) throw OaiError{"badArgument", "« resumptionToken » est un argument exclusif."};
    const auto state = signer().decode(args.at("resumptionToken"), std::time(nullptr));
    if (!state || state->verb != verb || verb == "ListSets")
      throw OaiError{"badResumptionToken", "Jeton de reprise invalide, altéré ou expiré : recommencez la liste."};
    return list(*state);
  }
  for (const auto& [k, v] : args)
    if (!spec.required.count(k) && !spec.optional.count(k))
      throw OaiError{"badArgument", "Argument non permis pour " + verb + " : " + k + "."};
  for (const auto& k : spec.required)
    if (!args.count(k)) throw OaiError{"badArgument", "Argument obligatoire absent pour " + verb + " : " + k + "."};
  if (verb == "Identify") return identify();
  if (verb == "ListMetadataFormats") return list_formats(args);
  if (verb == "ListSets") return list_sets();
  if (verb == "GetRecord") return get_record(args);

  ListState state;
  state.verb = verb;
  state.prefix = args.at("metadataPrefix");
  if (args.count("set")) {
    state.set = args.at("set");
    if (!spec_chars(state.set, true)) throw OaiError{"badArgument", "Ensemble mal formé : " + state.set + "."};
  }
  std::size_t from_g = 0, until_g = 0;
  if (args.count("from") && !(from_g = date_granularity(args.at("from"))))
    throw OaiError{"badArgument",
                   "Date « from » invalide : " + args.at("from") + " (AAAA-MM-JJ ou AAAA-MM-JJThh:mm:ssZ)."};
  if (args.count("until") && !(until_g = date_granularity(args.at("until"))))
    throw OaiError{"badArgument",
                   "Date « until » invalide : " + args.at("until") + " (AAAA-MM-JJ ou AAAA-MM-JJThh:mm:ssZ)."};
  if (from_g && until_g && from_g != until_g)
    throw OaiError{"badArgument", "« from » et « until » doivent avoir la même granularité."};
  if (from_g) state.from = from_g == 10 ? args.at("from") + "T00:00:00Z" : args.at("from");
  if (until_g) state.until = until_g == 10 ? args.at("until") + "T23:59:59Z" : args.at("until");
  if (!state.from.empty() && !state.until.empty() && state.from > state.until)
    throw OaiError{"badArgument", "« from » est postérieur à « until »."};
  if (!spec_chars(state.prefix, false))
    throw OaiError{"badArgument", "metadataPrefix mal formé : " + state.prefix + "."};
  if (!formats().count(state.prefix))
    throw OaiError{"cannotDisseminateFormat", "Format inconnu : " + state.prefix + " (formats : oai_dc, pratiques)."};
  return list(state);
}

// The request's arguments: its address's, then for a POST its body's (an argument given in both is
// repeated, a badArgument as in a GET). An empty body has none. A body that is not a form (OAI-PMH
// 2.0, §3.1.1.2: application/x-www-form-urlencoded), or a form no harvester sends (not UTF-8, too
// many fields), and an address that cannot be decoded are a badArgument, answered in OAI-PMH XML.
Params oai_arguments(Exchange& ex) {
  try {
    Params params = ex.params();
    if (ex.request.getMethod() == "POST" && !ex.body.empty())
      for (auto& arg : read_form(ex)) params.push_back(std::move(arg));
    return params;
  } catch (const ClientError& e) {
    throw OaiError{"badArgument", std::string(e.what()) +
                                      " Une requête OAI-PMH passe ses arguments dans l'adresse (GET) ou dans un "
                                      "corps application/x-www-form-urlencoded (POST)."};
  }
}

}  // namespace

std::string oai_admin_email(const ServerOptions& o) { return o.oai_email.empty() ? o.pages.legal.contact : o.oai_email; }

void OaiHandler::handle(Exchange& ex) {
  if (ex.target.path == kNativeSchemaPath) {
    SendOptions o;
    o.cache = "public, max-age=86400";
    o.cors = true;
    ex.send(200, "application/xml; charset=utf-8", std::string(site::embedded_file("assets/oai/pratiques-fiche.xsd")),
            o);
    return;
  }
  auto lease = state_.pool.acquire();
  Repository repo(ex, lease);
  const std::string base = ex.base_url() + "/oai";
  std::string request = "<request>" + xml_text(base) + "</request>\n";
  std::string body;
  Params params;
  try {
    params = oai_arguments(ex);
    body = repo.respond(params);
    // The request element echoes the arguments of a request that was understood.
    std::string attrs;
    for (const auto& [k, v] : params) attrs += " " + k + "=\"" + xml_text(v) + "\"";
    request = "<request" + attrs + ">" + xml_text(base) + "</request>\n";
  } catch (const OaiError& e) {
    body = "<error code=\"" + e.code + "\">" + xml_text(e.message) + "</error>\n";
    if (e.code != "badVerb" && e.code != "badArgument") {
      std::string attrs;
      for (const auto& [k, v] : params) attrs += " " + k + "=\"" + xml_text(v) + "\"";
      request = "<request" + attrs + ">" + xml_text(base) + "</request>\n";
    }
  }
  const std::string xml =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<OAI-PMH xmlns=\"http://www.openarchives.org/OAI/2.0/\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
      "xsi:schemaLocation=\"http://www.openarchives.org/OAI/2.0/ http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd\">\n"
      "<responseDate>" +
      utc_datestamp(std::time(nullptr)) + "</responseDate>\n" + request + body + "</OAI-PMH>\n";
  SendOptions o;
  o.cors = true;
  ex.send(200, "text/xml; charset=utf-8", xml, o);
}

}  // namespace pratiques::server
