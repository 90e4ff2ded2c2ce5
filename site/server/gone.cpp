// 410 Gone for the page, and the API, of a sheet that was archived or removed (DESIGN-NOTES, decision 1): the
// publication history (sheet_history) still knows it; the page says so and links to the sheet
// that replaces it, when there is one.
#include "gone.h"

#include <Poco/JSON/Object.h>

#include <sstream>

#include "page_frame.h"
#include "pratiques/catalogue.h"
#include "pratiques/sheet_history.h"

namespace pratiques::server {

std::optional<GoneSheet> gone_sheet(Catalog& cat, const std::string& id) {
  if (!site::url_safe(id) || id.size() > 200) return std::nullopt;
  const auto e = history_entry(cat, id);
  if (!e || !e->deleted()) return std::nullopt;
  GoneSheet g{id, e->title.empty() ? id : e->title, e->status == kArchived, ""};
  if (!e->replaced_by.empty() && site::url_safe(e->replaced_by) && catalogue::has_sheet(cat, e->replaced_by))
    g.replacement = e->replaced_by;
  return g;
}

bool answer_gone(State& st, Exchange& ex, const std::string& path) {
  static const std::string prefix = "/fiches/";
  if (!path.starts_with(prefix)) return false;
  std::string id = path.substr(prefix.size());
  id = id.substr(0, id.find('/'));
  auto lease = st.pool.acquire();
  const auto g = gone_sheet(lease.catalog(), id);
  if (!g) return false;
  std::string html = "<h1>Fiche " + std::string(g->archived ? "archivée" : "retirée") + "</h1>\n<p>La fiche «\u00a0" +
                     site::html_escape(g->title) + "\u00a0» n’est plus publiée" +
                     (g->archived ? " : l’action est arrêtée ou la fiche est dépassée." : ".") + "</p>\n";
  if (!g->replacement.empty())
    html +=
        "<p>Elle est remplacée par <a href=\"" + site::sheet_path(g->replacement) + "\">une fiche à jour</a>.</p>\n";
  html += "<p><a href=\"/recherche\">Chercher une autre pratique</a></p>\n";
  site::PageMeta meta;
  meta.title = "Fiche " + std::string(g->archived ? "archivée" : "retirée");
  meta.path = path;
  meta.noindex = true;
  SendOptions o;
  o.cache = "no-cache";
  ex.send(410, "text/html; charset=utf-8", render_page(st, ex.base_url(), meta, html), o);
  return true;
}

void answer_gone_json(Exchange& ex, const GoneSheet& gone) {
  Poco::JSON::Object o(Poco::JSON_PRESERVE_KEY_ORDER);
  std::string message = "La fiche «\u202f" + gone.title + "\u202f» " +
                        (gone.archived ? "est archivée" : "a été retirée") + " et n’est plus publiée";
  message += gone.replacement.empty() ? "." : "\u202f; elle est remplacée par «\u202f" + gone.replacement + "\u202f».";
  o.set("erreur", message);
  o.set("statut", 410);
  o.set("id", gone.id);
  o.set("etat", std::string(gone.archived ? kArchived : kRemoved));
  if (gone.replacement.empty()) {
    o.set("remplacee_par", Poco::Dynamic::Var());
    o.set("remplacee_par_url", Poco::Dynamic::Var());
  } else {
    o.set("remplacee_par", gone.replacement);
    o.set("remplacee_par_url", site::sheet_path(gone.replacement));
  }
  std::ostringstream out;
  o.stringify(out);
  SendOptions so;
  so.cache = "no-cache";
  ex.send_json(410, out.str(), so);
}

}  // namespace pratiques::server
