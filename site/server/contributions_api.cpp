// The write side's JSON API (contributions_api.h): a thin layer over write::Contributions.
#include "contributions_api.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <sstream>

#include "pratiques/server/http.h"
#include "pratiques/server/params.h"
#include "pratiques/site/context.h"
#include "pratiques/text.h"
#include "pratiques/write/sheet_form.h"

namespace pratiques::server {

namespace {

using Poco::JSON::Array;
using Poco::JSON::Object;
using write::Refusal;
using write::Refused;

Object::Ptr object() { return new Object(Poco::JSON_PRESERVE_KEY_ORDER); }

std::string text(const Object::Ptr& o) {
  std::ostringstream out;
  o->stringify(out);
  return out.str();
}

Poco::Dynamic::Var person(const write::Person& p) {
  Object::Ptr o = object();
  o->set("id", p.id);
  o->set("nom", p.name);
  return o;
}

Poco::Dynamic::Var diagnostics(const Diagnostics& d) {
  // The items of `pratiques check --format json`, as it writes them.
  Poco::JSON::Parser parser;
  return parser.parse(format_json(d, 1)).extract<Object::Ptr>()->getArray("diagnostics");
}

Object::Ptr summary(const write::Contribution& c) {
  Object::Ptr o = object();
  o->set("id", c.id);
  o->set("type", std::string(write::kind_slug(c.kind)));
  o->set("fiche", c.sheet_id);
  o->set("titre", c.title);
  o->set("etat", std::string(write::state_slug(c.state)));
  o->set("etat_libelle", std::string(write::state_label(c.state)));
  o->set("version", c.version);
  o->set("version_publiee", c.published_version ? Poco::Dynamic::Var(*c.published_version) : Poco::Dynamic::Var());
  o->set("revue_a_faire", c.review_due);
  o->set("prochaine_revue", c.next_review);
  o->set("auteur", person(c.author));
  o->set("relecteur", c.reviewer ? person(*c.reviewer) : Poco::Dynamic::Var());
  o->set("cree_le", c.created_at);
  o->set("modifie_le", c.updated_at);
  o->set("url", "/api/contributions/" + std::to_string(c.id));
  o->set("page", c.online ? Poco::Dynamic::Var(write::published_path(c.kind, c.sheet_id)) : Poco::Dynamic::Var());
  return o;
}

Object::Ptr detail(const write::ContributionDetail& d) {
  Object::Ptr o = summary(d.contribution);
  o->set("diagnostics", diagnostics(d.diagnostics));
  // The published file changed since the contribution read it: publier refused, reprendre-fichier.
  o->set("fichier_modifie", d.file_changed);
  // The published sheets it probably duplicates ([doublon-probable]), most similar first.
  Array::Ptr near = new Array;
  for (const auto& n : d.near_duplicates) {
    Object::Ptr x = object();
    x->set("fiche", n.id);
    x->set("titre", n.title);
    x->set("page", write::published_path(write::Kind::Fiche, n.id));
    x->set("similarite", n.percent);
    near->add(x);
  }
  o->set("doublons_probables", near);
  o->set("markdown", d.markdown);
  Array::Ptr versions = new Array;
  for (const auto& v : d.versions) {
    Object::Ptr x = object();
    x->set("numero", v.number);
    x->set("date", v.at);
    x->set("auteur", person(v.author));
    x->set("note", v.note);
    versions->add(x);
  }
  o->set("versions", versions);
  Array::Ptr journal = new Array;
  for (const auto& e : d.journal) {
    Object::Ptr x = object();
    x->set("date", e.at);
    x->set("auteur", person(e.who));
    x->set("action", e.action);
    x->set("de", e.from ? Poco::Dynamic::Var(std::string(write::state_slug(*e.from))) : Poco::Dynamic::Var());
    x->set("vers", std::string(write::state_slug(e.to)));
    x->set("version", e.version);
    x->set("commentaire", e.comment);
    journal->add(x);
  }
  o->set("journal", journal);
  // The texts of saves refused as stale (412), kept: GET …/copies.
  o->set("copies_conservees", d.kept_copies);
  if (d.publication) {
    const auto& p = *d.publication;
    Object::Ptr x = object();
    x->set("fichier", p.path);
    x->set("commit", p.commit);
    Array::Ptr pages = new Array;
    for (const auto& page : p.pages) pages->add(page);
    x->set("pages", pages);
    Array::Ptr warnings = new Array;
    for (const auto& w : p.warnings) warnings->add(w);
    x->set("avertissements", warnings);
    Object::Ptr ms = object();
    ms->set("ecriture", p.write_ms);
    ms->set("indexation", p.index_ms);
    ms->set("site", p.site_ms);
    x->set("duree_ms", ms);
    o->set("publication", x);
  }
  return o;
}

Object::Ptr kept_copy(const write::StaleSave& k, std::int64_t contribution) {
  Object::Ptr o = object();
  o->set("numero", k.number);
  o->set("auteur", person(k.author));
  o->set("date", k.at);
  o->set("version_de_base", k.based_on);
  o->set("url", "/api/contributions/" + std::to_string(contribution) + "/copies/" + std::to_string(k.number));
  o->set("markdown", k.markdown);
  return o;
}

Object::Ptr comparison(const write::Comparison& c, int from, int to) {
  auto lines = [](const std::vector<write::LineChange>& l) {
    Array::Ptr a = new Array;
    for (const auto& x : l) {
      Object::Ptr o = object();
      o->set("type", std::string(x.kind == write::LineChange::Same    ? "identique"
                                 : x.kind == write::LineChange::Added ? "ajout"
                                                                      : "retrait"));
      o->set("ligne", x.line);
      a->add(o);
    }
    return a;
  };
  Object::Ptr o = object();
  o->set("de", from);
  o->set("a", to);
  if (!c.readable) {
    o->set("texte", lines(c.text));
    return o;
  }
  Array::Ptr fields = new Array;
  for (const auto& f : c.fields) {
    Object::Ptr x = object();
    x->set("cle", f.key);
    x->set("libelle", f.label);
    x->set("avant", f.before);
    x->set("apres", f.after);
    fields->add(x);
  }
  o->set("champs", fields);
  Array::Ptr sections = new Array;
  static const char* const kinds[] = {"identique", "modifiee", "ajoutee", "retiree"};
  for (const auto& s : c.sections) {
    Object::Ptr x = object();
    x->set("cle", s.key);
    x->set("titre", s.title);
    x->set("etat", std::string(kinds[s.kind]));
    x->set("avant", s.before);
    x->set("apres", s.after);
    if (s.kind == write::SectionChange::Changed) x->set("lignes", lines(s.lines));
    sections->add(x);
  }
  o->set("sections", sections);
  return o;
}

void send(Exchange& ex, int status, const Object::Ptr& o,
          std::vector<std::pair<std::string, std::string>> headers = {}) {
  SendOptions opt;
  opt.cache = "no-store";
  opt.headers = std::move(headers);
  ex.send(status, "application/json; charset=utf-8", text(o), opt);
}

void send_refusal(Exchange& ex, const Refusal& r) {
  Object::Ptr o = object();
  o->set("erreur", std::string(r.what()));
  o->set("statut", r.status());
  if (!r.diagnostics.empty()) o->set("diagnostics", diagnostics(r.diagnostics));
  std::vector<std::pair<std::string, std::string>> headers;
  if (r.kind == Refused::Unauthenticated) headers.emplace_back("WWW-Authenticate", "Bearer realm=\"pratiques\"");
  if (r.kind == Refused::Throttled) headers.emplace_back("Retry-After", std::to_string(r.retry_after));
  send(ex, r.status(), o, headers);
}

// "/api/contributions/12/publier" → {"contributions", "12", "publier"}
std::vector<std::string> segments(const std::string& rest) {
  std::vector<std::string> out;
  for (std::size_t start = 0; start <= rest.size();) {
    const std::size_t slash = std::min(rest.find('/', start), rest.size());
    out.push_back(rest.substr(start, slash - start));
    start = slash + 1;
  }
  while (!out.empty() && out.back().empty()) out.pop_back();
  return out;
}

// A positive number (id, version), or -1.
long long number(const std::string& s) {
  if (s.empty() || s.size() > 12 || s.find_first_not_of("0123456789") != std::string::npos) return -1;
  return std::stoll(s);
}

std::string markdown_body(const Exchange& ex) {
  const std::string type = ex.request.getContentType();
  const std::string media = text::trim(type.substr(0, type.find(';')));
  if (media != "text/markdown")
    throw ClientError(
        415, "Type de contenu « " + media.substr(0, 80) +
                 " » non accepté : envoyez la fiche en Markdown (Content-Type: text/markdown; charset=utf-8).");
  if (const auto cs = type.find("charset="); cs != std::string::npos) {
    std::string charset = text::lower(text::trim(type.substr(cs + 8)));
    if (charset != "utf-8" && charset != "\"utf-8\"")
      throw ClientError(415, "Seul l'UTF-8 est accepté (charset=utf-8).");
  }
  write::Contributions::check_text(ex.body);
  return ex.body;
}

// What a role's form hides (the curation fields, for whoever does not curate) is not hers to set
// through the API either, as with an import: those fields are `base`'s (the version edited, "" for
// a new sheet), and the answer lists, under « champs_ignores », those whose value sent was not taken.
struct SentSheet {
  std::string markdown;
  Array::Ptr ignored = new Array;
};
SentSheet sent_sheet(write::Editorial& ed, const write::Account& who, const std::string& sent, const std::string& base,
                     write::Kind kind) {
  if (write::curates(who.role)) return {sent};
  const auto grid = ed.grid();
  write::KeptFields kept = write::keep_fields(*grid, sent, base, kind, write::curator_fields(*grid, kind));
  SentSheet out{std::move(kept.markdown)};
  for (const auto& name : kept.ignored) out.ignored->add(write::field_label(*grid, name, kind));
  return out;
}

write::ActionInput action_input(const Exchange& ex) {
  write::ActionInput in;
  if (ex.body.empty()) return in;
  if (ex.body.size() > 64 * 1024)
    throw ClientError(413, "Corps de requête trop volumineux : au plus 64 Kio pour une action.");
  if (text::invalid_utf8_offset(ex.body) != std::string::npos)
    throw ClientError(400, "Le corps n'est pas un texte UTF-8 valide.");
  Object::Ptr o;
  try {
    Poco::JSON::Parser parser;
    o = parser.parse(ex.body).extract<Object::Ptr>();
  } catch (...) {
    throw ClientError(400, "Corps invalide : un objet JSON est attendu, par exemple {\"commentaire\": \"…\"}.");
  }
  auto string_field = [&](const char* key) -> std::string {
    if (!o->has(key) || o->isNull(key)) return "";
    const Poco::Dynamic::Var v = o->get(key);
    if (!v.isString()) throw ClientError(400, std::string("« ") + key + " » doit être une chaîne de caractères.");
    return v.extract<std::string>();
  };
  in.comment = string_field("commentaire");
  in.replaced_by = string_field("remplacee_par");
  return in;
}

// ?type=fiche|parcours (a sheet when absent).
// The Idempotency-Key header of a POST (IETF draft-ietf-httpapi-idempotency-key-header): a client
// that retries a creation whose answer it lost gets the contribution the first one created. Its value
// is a Structured Field string ("…"); the bare token is taken too. "": none sent.
std::string idempotency_key(const Exchange& ex) {
  std::string key = text::trim(ex.request.get("Idempotency-Key", ""));
  if (key.size() >= 2 && key.front() == '"' && key.back() == '"') key = key.substr(1, key.size() - 2);
  if (!key.empty() && !write::Contributions::valid_submission_key(key))
    throw ClientError(
        400, "Idempotency-Key : de 1 à 64 lettres ASCII, chiffres, « - » ou « _ » attendus (un UUID convient).");
  return key;
}

std::optional<write::Kind> kind_param(Exchange& ex) {
  for (const auto& [k, v] : ex.params())
    if (k == "type") {
      if (auto kind = write::parse_kind(v)) return kind;
      throw ClientError(400, "Type inconnu « " + v.substr(0, 60) + " » : fiche ou parcours.");
    }
  return std::nullopt;
}

// One page of a list (GET /api/contributions, /api/revues-a-faire): ?page=N (from 1) and
// ?par_page=M (at most kMaxApiPage). A curator may see tens of thousands of contributions: every one
// in one answer took seconds and megabytes.
constexpr std::size_t kApiPage = 100, kMaxApiPage = 1000;

struct ApiPage {
  std::size_t number = 1, size = kApiPage;
  std::size_t offset() const { return (number - 1) * size; }
};

ApiPage api_page(Exchange& ex) {
  ApiPage p;
  for (const auto& [k, v] : ex.params()) {
    if (k != "page" && k != "par_page") continue;
    const long long max = k == "page" ? 1000000 : static_cast<long long>(kMaxApiPage);
    const long long n = number(v);
    if (n < 1 || n > max)
      throw ClientError(400, "« " + k + " » attend un nombre entier de 1 à " + std::to_string(max) + " (reçu « " +
                                 v.substr(0, 20) + " »).");
    (k == "page" ? p.number : p.size) = static_cast<std::size_t>(n);
  }
  return p;
}

// `total`, the page, and `suivante`: the address of the next page (the same query), null on the last.
void put_page(Exchange& ex, Object::Ptr& o, const std::string& path, const ApiPage& p, std::size_t total) {
  o->set("total", total);
  o->set("page", p.number);
  o->set("par_page", p.size);
  if (p.number * p.size >= total) {
    o->set("suivante", Poco::Dynamic::Var());
    return;
  }
  o->set("suivante", with_param(path, ex.params(), "page", std::to_string(p.number + 1)));
}

int if_match(const Exchange& ex) {
  std::string v = text::trim(ex.request.get("If-Match", ""));
  if (v.empty())
    throw ClientError(
        428, "En-tête If-Match obligatoire : la version sur laquelle porte votre modification (champ « version »).");
  if (v.size() >= 2 && v.front() == '"' && v.back() == '"') v = v.substr(1, v.size() - 2);
  const long long n = number(v);
  if (n < 1 || n > 1000000000) throw ClientError(400, "If-Match : numéro de version attendu (ex. If-Match: 3).");
  return static_cast<int>(n);
}

}  // namespace

std::size_t WriteApiHandler::max_body() const { return write::kMaxSheetBytes; }

void WriteApiHandler::handle(Exchange& ex) {
  write::Editorial& ed = *ex.state.editorial;
  const std::string& method = ex.request.getMethod();
  const bool writes = method == "POST" || method == "PUT";
  try {
    const Caller caller = identify(ex);
    if (!caller.account)
      throw Refusal(
          Refused::Unauthenticated,
          "Connexion nécessaire : jeton d'accès (Authorization: Bearer <jeton>) ou session ouverte sur /connexion.");
    if (writes && !caller.bearer) {  // the session cookie: this site only, with its CSRF token
      check_same_site(ex);
      check_csrf_header(*caller.session, ex.request.get("X-CSRF-Token", ""));
    }
    const write::Account& who = *caller.account;
    const auto seg = segments(rest_);
    auto& contributions = ed.contributions();
    if (seg.size() == 1 && seg[0] == "compte" && !writes) {
      Object::Ptr o = object();
      o->set("id", who.id);
      o->set("courriel", who.email);
      o->set("nom", who.name);
      o->set("role", std::string(write::role_slug(who.role)));
      if (caller.session) o->set("csrf", caller.session->csrf);
      return send(ex, 200, o);
    }
    if (seg.size() == 1 && seg[0] == "revues-a-faire") {  // the desk's « Revues à faire »
      if (writes) throw ClientError(405, "Méthode non permise à cette adresse : GET /api/revues-a-faire.");
      const ApiPage page = api_page(ex);
      const write::DueReviews due = contributions.reviews_due(who);
      Array::Ptr sheets = new Array;
      for (std::size_t i = page.offset(); i < due.sheets.size() && i < page.offset() + page.size; ++i) {
        const write::DueReview& r = due.sheets[i];
        Object::Ptr x = object();
        x->set("fiche", r.sheet_id);
        x->set("titre", r.title);
        x->set("prochaine_revue", r.date);
        x->set("revue_a_faire", r.due);
        x->set("en_retard", r.overdue);
        x->set("page", write::published_path(write::Kind::Fiche, r.sheet_id));
        x->set("contribution", r.contribution
                                   ? Poco::Dynamic::Var("/api/contributions/" + std::to_string(*r.contribution))
                                   : Poco::Dynamic::Var());
        sheets->add(x);
      }
      Object::Ptr o = object();
      o->set("jusqu_au", due.horizon);
      put_page(ex, o, "/api/revues-a-faire", page, due.sheets.size());
      o->set("fiches", sheets);
      return send(ex, 200, o);
    }
    if (seg.empty() || seg[0] != "contributions") throw ClientError(404, "Point d'accès inconnu.");
    if (seg.size() == 1) {
      if (method == "POST") {
        const write::Kind kind = kind_param(ex).value_or(write::Kind::Fiche);
        const std::string key = idempotency_key(ex);
        const SentSheet sent = sent_sheet(ed, who, markdown_body(ex), "", kind);
        const auto d = contributions.create(who, sent.markdown, kind, key);
        const std::string url = "/api/contributions/" + std::to_string(d.contribution.id);
        // The same key again: the contribution it created, if this is the same request (a retry).
        if (d.resubmitted &&
            (d.contribution.kind != kind || contributions.version_text(who, d.contribution.id, 1) != sent.markdown))
          throw ClientError(422, "Idempotency-Key « " + key + " » : cette clé a déjà créé la contribution " +
                                     std::to_string(d.contribution.id) + " (" + url +
                                     ") avec un autre contenu. Une nouvelle contribution demande une nouvelle clé ; "
                                     "une modification se fait par PUT " +
                                     url + ".");
        Object::Ptr o = detail(d);
        if (sent.ignored->size()) o->set("champs_ignores", sent.ignored);
        std::vector<std::pair<std::string, std::string>> headers{
            {"Location", url}, {"ETag", "\"" + std::to_string(d.contribution.version) + "\""}};
        if (d.resubmitted) headers.emplace_back("Idempotent-Replayed", "true");
        return send(ex, d.resubmitted ? 200 : 201, o, headers);
      }
      if (method == "PUT") throw ClientError(405, "PUT s'adresse à une contribution : /api/contributions/<id>.");
      write::ListFilter filter;
      filter.kind = kind_param(ex);
      for (const auto& [k, v] : ex.params())
        if (k == "etat") {
          if (v == write::kReviewDue)
            filter.review_due = true;
          else if (auto s = write::parse_state(v))
            filter.state = s;
          else
            throw ClientError(400, "État inconnu « " + v.substr(0, 60) +
                                       " » : brouillon, soumise, en-relecture, modifications-demandees, publiee, "
                                       "archivee ou revue-a-faire.");
        }
      const ApiPage page = api_page(ex);
      filter.offset = page.offset();
      filter.limit = page.size;
      std::size_t total = 0;
      Array::Ptr list = new Array;
      for (const auto& c : contributions.list(who, filter, &total)) list->add(summary(c));
      Object::Ptr o = object();
      put_page(ex, o, "/api/contributions", page, total);
      o->set("contributions", list);
      return send(ex, 200, o);
    }
    const long long id = number(seg[1]);
    if (id < 1) throw ClientError(404, "Aucune contribution à cette adresse.");
    if (seg.size() == 2) {
      if (method == "POST")
        throw ClientError(405,
                          "POST s'adresse à /api/contributions ou à une action : /api/contributions/<id>/<action>.");
      write::ContributionDetail d;
      SentSheet sent;
      if (method == "PUT") {
        const std::string markdown = markdown_body(ex);
        const write::ContributionDetail edited = contributions.get(who, id);
        sent = sent_sheet(ed, who, markdown, edited.markdown, edited.contribution.kind);
        try {
          d = contributions.save(who, id, sent.markdown, if_match(ex));
        } catch (const Refusal& r) {
          if (r.kind != Refused::Stale) throw;
          // Both versions stay available: the current one is in the answer, the refused one is kept.
          Object::Ptr o = object();
          o->set("erreur", std::string(r.what()));
          o->set("statut", 412);
          Object::Ptr copy = object();
          copy->set("numero", r.kept_copy);
          copy->set("url", "/api/contributions/" + std::to_string(id) + "/copies/" + std::to_string(r.kept_copy));
          o->set("copie", copy);
          o->set("contribution", detail(contributions.get(who, id)));
          return send(ex, 412, o);
        }
      } else {
        d = contributions.get(who, id);
      }
      Object::Ptr o = detail(d);
      if (sent.ignored->size()) o->set("champs_ignores", sent.ignored);
      if (method == "PUT") o->set("inchangee", d.unchanged);  // the current text again: nothing saved
      return send(ex, 200, o, {{"ETag", "\"" + std::to_string(d.contribution.version) + "\""}});
    }
    if (seg.size() == 3 && method == "POST" && seg[2] == "reprendre-fichier")
      return send(ex, 200, detail(contributions.take_file(who, id)));
    if (seg.size() == 3 && method == "POST") {
      const auto action = write::parse_action(seg[2]);
      if (!action)
        throw ClientError(404, "Action inconnue « " + seg[2].substr(0, 60) +
                                   " » : soumettre, prendre, demander-modifications, publier, archiver, "
                                   "reprendre-fichier.");
      const auto done = contributions.act(who, id, *action, action_input(ex));
      ex.state.pool.recheck();  // published or archived: searchable (or not) from the next request
      return send(ex, 200, detail(done));
    }
    if (writes) throw ClientError(405, "Méthode non permise à cette adresse.");
    if (seg.size() == 4 && seg[2] == "versions") {
      const long long n = number(seg[3]);
      if (n < 1 || n > 1000000000) throw ClientError(404, "Aucune version à cette adresse.");
      Object::Ptr o = object();
      o->set("numero", n);
      o->set("markdown", contributions.version_text(who, id, static_cast<int>(n)));
      return send(ex, 200, o);
    }
    if (seg[2] == "copies" && seg.size() <= 4) {  // the texts of stale saves, kept
      const auto kept = contributions.stale_saves(who, id);
      if (seg.size() == 4) {
        const long long n = number(seg[3]);
        if (n < 1 || n > static_cast<long long>(kept.size()))
          throw ClientError(404, "Aucune copie n° " + seg[3].substr(0, 20) + " pour cette contribution (" +
                                     std::to_string(kept.size()) + " conservée(s)).");
        return send(ex, 200, kept_copy(kept[static_cast<std::size_t>(n - 1)], id));
      }
      Array::Ptr list = new Array;
      for (const auto& k : kept) list->add(kept_copy(k, id));
      Object::Ptr o = object();
      o->set("total", list->size());
      o->set("copies", list);
      return send(ex, 200, o);
    }
    if (seg.size() == 3 && seg[2] == "comparaison") {
      long long from = -1, to = -1;
      for (const auto& [k, v] : ex.params()) {
        if (k == "de") from = number(v);
        if (k == "a") to = number(v);
      }
      if (from < 1 || to < 1 || from > 1000000000 || to > 1000000000)
        throw ClientError(400, "Comparaison : deux numéros de version attendus, ?de=1&a=3.");
      return send(ex, 200,
                  comparison(contributions.compare(who, id, static_cast<int>(from), static_cast<int>(to)),
                             static_cast<int>(from), static_cast<int>(to)));
    }
    throw ClientError(404, "Point d'accès inconnu.");
  } catch (const Refusal& r) {
    send_refusal(ex, r);
  }
}

}  // namespace pratiques::server
