// 410 Gone for the page of a sheet that was archived or removed (DESIGN-NOTES, decision 1): the
// publication history (sheet_history) still knows it; the page says so and links to the sheet
// that replaces it, when there is one.
#include "gone.h"
#include "page_frame.h"
#include "pratiques/catalogue.h"
#include "pratiques/sheet_history.h"

namespace pratiques::server {

bool answer_gone(State& st, Exchange& ex, const std::string& path) {
  static const std::string prefix = "/fiches/";
  if (!path.starts_with(prefix)) return false;
  std::string id = path.substr(prefix.size());
  id = id.substr(0, id.find('/'));
  if (!site::url_safe(id) || id.size() > 200) return false;
  auto lease = st.pool.acquire();
  const auto e = history_entry(lease.catalog(), id);
  if (!e || !e->deleted()) return false;
  bool replacement = false;
  if (!e->replaced_by.empty() && site::url_safe(e->replaced_by)) {
    replacement = catalogue::has_sheet(lease.catalog(), e->replaced_by);
  }
  const std::string title = e->title.empty() ? id : e->title;
  std::string html = "<h1>Fiche " + std::string(e->status == kArchived ? "archivée" : "retirée") +
                     "</h1>\n<p>La fiche «\u00a0" + site::html_escape(title) + "\u00a0» n’est plus publiée" +
                     (e->status == kArchived ? " : l’action est arrêtée ou la fiche est dépassée." : ".") + "</p>\n";
  if (replacement)
    html +=
        "<p>Elle est remplacée par <a href=\"" + site::sheet_path(e->replaced_by) + "\">une fiche à jour</a>.</p>\n";
  html += "<p><a href=\"/recherche\">Chercher une autre pratique</a></p>\n";
  site::PageMeta meta;
  meta.title = "Fiche " + std::string(e->status == kArchived ? "archivée" : "retirée");
  meta.path = path;
  meta.noindex = true;
  SendOptions o;
  o.cache = "no-cache";
  ex.send(410, "text/html; charset=utf-8", render_page(st, ex.base_url(), meta, html), o);
  return true;
}

}  // namespace pratiques::server
