// "Ajouter à mon parcours" (course_step_pages.h).
#include "course_step_pages.h"

#include <algorithm>

#include "form_pages.h"
#include "pratiques/catalogue.h"
#include "pratiques/site/context.h"
#include "pratiques/text.h"
#include "pratiques/write/course_steps.h"

namespace pratiques::server {

namespace {

using write::Refusal;
using write::Refused;

struct PublishedSheet {
  std::string id, title;
  std::vector<std::pair<std::string, std::string>> sections;      // documented: (anchor, title)
  std::vector<std::pair<std::string, std::string>> undocumented;  // « Non documenté à ce jour »
};

PublishedSheet published_sheet(Exchange& ex, const std::string& id) {
  auto lease = ex.state.pool.acquire();
  Catalog& cat = lease.catalog();
  const auto row = id.size() <= 120 ? catalogue::sheet(cat, id) : std::nullopt;
  if (!row) throw Refusal(Refused::NotFound, "Aucune fiche publiée n'a l'identifiant « " + id.substr(0, 120) + " ».");
  PublishedSheet s{row->id, row->title, {}, {}};
  for (const auto& sec : catalogue::sheet_sections(cat, id))
    (sec.undocumented ? s.undocumented : s.sections).emplace_back(sec.anchor, sec.title);
  return s;
}

// The caller's courses a step may be added to: her drafts and the ones with changes requested.
std::vector<write::Contribution> open_courses(Exchange& ex, const write::Account& who) {
  write::ListFilter filter;
  filter.kind = write::Kind::Parcours;
  std::vector<write::Contribution> out;
  for (auto& c : ex.state.editorial->contributions().list(who, filter))
    if (c.author.id == who.id &&
        (c.state == write::State::Brouillon || c.state == write::State::ModificationsDemandees))
      out.push_back(std::move(c));
  return out;
}

// `invalid`: the field `error` is about ("section", "titre"), marked and described by it.
void choice_page(Exchange& ex, const Caller& caller, int status, const PublishedSheet& sheet,
                 const std::string& section, const std::string& chosen, const std::string& title,
                 const std::string& error, const std::string& invalid = "") {
  site::Data page(site::Data::type::object);
  page["section_invalid"] = site::Data(invalid == "section");
  page["title_invalid"] = site::Data(invalid == "titre");
  page["csrf"] = site::Data(caller.session->csrf);
  page["sheet"] = site::Data(sheet.id);
  page["sheet_title"] = site::Data(sheet.title);
  page["sheet_href"] = site::Data(site::sheet_path(sheet.id));
  page["title"] = site::Data(title);
  page["error"] = error.empty() ? site::Data(false) : site::Data(error);
  site::List sections;
  for (const auto& [anchor, heading] : sheet.sections) {
    site::Data o(site::Data::type::object);
    o["anchor"] = site::Data(anchor);
    o["title"] = site::Data(heading);
    o["selected"] = site::Data(anchor == section);
    sections.push_back(o);
  }
  page["sections"] = site::Data(sections);
  site::List courses;
  for (const auto& c : open_courses(ex, *caller.account)) {
    site::Data o(site::Data::type::object);
    o["id"] = site::Data(std::to_string(c.id));
    o["title"] = site::Data(c.title.empty() ? c.sheet_id : c.title);
    o["state"] = site::Data(std::string(write::state_label(c.state)));
    o["checked"] = site::Data(chosen.empty() ? courses.empty() : chosen == std::to_string(c.id));
    courses.push_back(o);
  }
  page["courses"] = courses.empty() ? site::Data(false) : site::Data(courses);
  send_page(ex, status, error_title("Ajouter à un parcours", !error.empty()), "parcours_ajouter", page);
}

// Why the step cannot cite `section` of the sheet, in French ("" when it can; "" is the whole
// sheet): a section the sheet lacks or leaves undocumented is refused by name, never taken for
// the whole sheet, which the trainer did not choose.
std::string section_refusal(const PublishedSheet& sheet, const std::string& section) {
  const auto has = [&section](const auto& sections) {
    return std::any_of(sections.begin(), sections.end(), [&section](const auto& s) { return s.first == section; });
  };
  if (section.empty() || has(sheet.sections)) return "";
  for (const auto& [anchor, title] : sheet.undocumented)
    if (anchor == section)
      return "La section «\u00a0" + title +
             "\u00a0» n\u2019est pas documentée dans cette fiche\u00a0: choisissez une autre section ou toute la "
             "fiche.";
  return "La fiche n\u2019a pas de section «\u00a0" + section +
         "\u00a0»\u00a0: choisissez une de ses sections ou toute la fiche.";
}

void add(Exchange& ex, const Caller& caller) {
  const Params p = checked_form(ex, caller);
  const write::Account& who = *caller.account;
  const PublishedSheet sheet = published_sheet(ex, form_field(p, "fiche"));
  const std::string section = form_field(p, "section");
  const std::string chosen = form_field(p, "parcours");
  const std::string title = text::trim(form_field(p, "titre"));
  if (const std::string why = section_refusal(sheet, section); !why.empty())
    return choice_page(ex, caller, 400, sheet, "", chosen, title, why, "section");
  auto& contributions = ex.state.editorial->contributions();
  const auto grid_now = ex.state.editorial->grid();
  const Grid& grid = *grid_now;
  std::int64_t id = 0;
  if (chosen == "nouveau" || chosen.empty()) {
    if (title.empty())
      return choice_page(ex, caller, 400, sheet, section, "nouveau", title,
                         "Donnez un titre au nouveau parcours (champ « Titre du nouveau parcours »).", "titre");
    id = contributions
             .create(who, write::new_course(grid, title.substr(0, 400), sheet.id, section), write::Kind::Parcours)
             .contribution.id;
  } else {
    const auto open = open_courses(ex, who);
    const auto c = std::find_if(open.begin(), open.end(),
                                [&](const write::Contribution& x) { return std::to_string(x.id) == chosen; });
    if (c == open.end())
      return choice_page(
          ex, caller, 409, sheet, section, "", title,
          "Ce parcours n'est plus un de vos brouillons : choisissez-en un autre ou créez-en un nouveau.");
    const auto d = contributions.get(who, c->id);
    contributions.save(who, c->id, write::add_step(grid, d.markdown, sheet.id, section), d.contribution.version);
    id = c->id;
  }
  see_other(ex, "/contributions/" + std::to_string(id) + "/modifier?etape=1");
}

}  // namespace

void serve_sheet_course_link(Exchange& ex) {
  const std::string& p = ex.target.path;
  const std::string id = p.substr(8, p.size() - 8 - 9);  // "/fiches/" <id> "/parcours"
  if (id.empty() || id.size() > 120 ||
      id.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789-") != std::string::npos)
    return refusal_page(ex, Refusal(Refused::NotFound, "Aucune fiche à cette adresse."));
  see_other(ex, "/parcours/ajouter?fiche=" + id);
}

void serve_add_to_course(Exchange& ex) {
  const auto caller = logged_in(ex);
  if (!caller) return;
  try {
    if (const std::string why = write::create_refusal(*caller->account, write::Kind::Parcours); !why.empty())
      throw Refusal(Refused::Forbidden, why);
    if (ex.request.getMethod() == "POST") return add(ex, *caller);
    std::string id, section;
    for (const auto& [k, v] : ex.params()) {
      if (k == "fiche") id = v;
      if (k == "section") section = v;
    }
    const PublishedSheet sheet = published_sheet(ex, id);
    const std::string why = section_refusal(sheet, section);
    choice_page(ex, *caller, why.empty() ? 200 : 400, sheet, why.empty() ? section : "", "", "", why,
                why.empty() ? "" : "section");
  } catch (const Refusal& r) {
    refusal_page(ex, r);
  }
}

}  // namespace pratiques::server
