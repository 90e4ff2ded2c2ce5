#include "pratiques/site/course_page.h"

#include <algorithm>
#include <set>

#include "pratiques/site/citation.h"
#include "pratiques/site/layout.h"
#include "pratiques/site/markdown.h"
#include "pratiques/site/source_refs.h"
#include "util.h"

namespace pratiques::site {

using namespace detail;

namespace {

std::string labels_of(const Context& ctx, const JsonObject& front, const std::string& field, const std::string& vocab) {
  std::string out;
  for (const auto& v : json_strings(front, field)) out += (out.empty() ? "" : ", ") + ctx.data.label(vocab, v);
  return out;
}

// A list of strings of the front matter as {items: [{text}]}, or false when empty.
Data text_list(const JsonObject& front, std::string_view path, const SourceTitles& refs) {
  List items;
  for (const auto& x : json_strings(front, path)) {
    Object it;
    put_text(it, "text", refs.readable(x));
    items.push_back(Data(it));
  }
  Object list;
  list["items"] = Data(items);
  return items.empty() ? Data(false) : Data(list);
}

std::string steps_summary(const Course& c) {
  const auto steps = json_objects(c.front, "etapes").size();
  std::string out = fr_count(static_cast<long long>(steps), "étape", "étapes");
  if (auto d = json_string(c.front, "duree"); !d.empty()) out += " · " + d;
  return out;
}

// A grid section named by its anchor or key → (anchor, title).
std::pair<std::string, std::string> grid_section(const Context& ctx, const std::string& ref) {
  for (const auto& g : grid_sections(ctx)) {
    const std::string anchor = g->optValue<std::string>("ancre", ""), key = g->optValue<std::string>("cle", "");
    if (ref == anchor || ref == key) return {anchor, g->optValue<std::string>("titre", "")};
  }
  return {"", ""};
}

}  // namespace

std::string course_html(const Context& ctx, const Course& c, const SourceTitles& refs, bool students) {
  Object page;
  put_marked(page, ctx, "title", c.title);
  List facts;
  auto fact = [&](const std::string& key, const std::string& fallback, const std::string& value) {
    if (value.empty()) return;
    Object o;
    put_text(o, "label", field_label(ctx, key, fallback, true));
    put_text(o, "value", value);
    facts.push_back(Data(o));
  };
  fact("public_vise", "Public visé", json_string(c.front, "public_vise"));
  fact("duree", "Durée", json_string(c.front, "duree"));
  fact("diplomes", "Diplômes", labels_of(ctx, c.front, "diplomes", "diplomes"));
  fact("domaines_competences", "Domaines de compétences",
       labels_of(ctx, c.front, "domaines_competences", "domaines_competences"));
  page["facts"] = Data(facts);
  page["objectives"] = text_list(c.front, "objectifs_pedagogiques", refs);
  put_text(page, "objectives_title", field_label(ctx, "objectifs_pedagogiques", "Objectifs pédagogiques", true));
  // How learning is assessed.
  if (const std::string modalities = json_string(c.front, "evaluation_acquis.modalites"); !modalities.empty()) {
    Object a;
    put_text(a, "title", field_label(ctx, "evaluation_acquis", "Évaluation des acquis", true));
    put_text(a, "modalities", refs.readable(modalities));
    a["criteria"] = text_list(c.front, "evaluation_acquis.criteres", refs);
    put_text(a, "certification", refs.readable(json_string(c.front, "evaluation_acquis.certification")));
    page["assessment"] = Data(a);
  } else {
    page["assessment"] = Data(false);
  }
  put(page, "intro",
      c.body.find_first_not_of(" \n\t") == std::string::npos ? "" : markdown_to_html(refs.readable(c.body), 3, &ctx.data.foreign_terms));
  // Steps, grouped by session when the course has sessions (seances, with their durations), and
  // numbered in the order shown: #etape-N is the step printed "N.".
  std::vector<std::pair<std::string, std::vector<Object>>> groups;  // (session number, its steps); "" = no session
  auto group_of = [&groups](const std::string& number) -> std::vector<Object>& {
    for (auto& g : groups)
      if (g.first == number) return g.second;
    return groups.emplace_back(number, std::vector<Object>{}).second;
  };
  const auto sessions = json_objects(c.front, "seances");
  for (const auto& se : sessions) group_of(json_string(se, "numero"));
  for (const auto& step : json_objects(c.front, "etapes")) {
    Object o;
    const std::string id = step->optValue<std::string>("fiche", "");
    const Sheet* sheet = ctx.data.sheet(ctx.data.current_id(id));
    const auto withdrawn = sheet ? ctx.data.withdrawn.end() : ctx.data.withdrawn.find(id);
    const bool gone = !sheet && withdrawn != ctx.data.withdrawn.end();
    put_text(o, "sheet", sheet ? sheet->title : gone ? withdrawn->second.title : id);
    put(o, "href", sheet ? sheet_path(sheet->id) : "");
    if (gone) {
      Object w;
      put(w, "replacement_href",
          withdrawn->second.replacement.empty() ? "" : sheet_path(withdrawn->second.replacement));
      put_text(w, "replacement", withdrawn->second.replacement_title);
      o["withdrawn"] = Data(w);
    } else {
      o["withdrawn"] = Data(false);
    }
    const auto [anchor, title] = grid_section(ctx, step->optValue<std::string>("section", ""));
    bool present = false;
    if (sheet)
      for (const auto& s : sheet->sections) present = present || s.anchor == anchor;
    put_text(o, "section", title);
    put(o, "section_href", present && !anchor.empty() ? sheet_path(sheet->id) + "#" + anchor : "");
    put_text(o, "instruction", refs.readable(step->optValue<std::string>("consigne", "")));
    put_text(o, "domains", labels_of(ctx, step, "domaines_competences", "domaines_competences"));
    put_text(o, "duration", json_string(step, "duree"));
    List texts;
    if (students && sheet)
      for (const auto& sec : sheet->sections)
        if (!sec.undocumented && (anchor.empty() || !present || sec.anchor == anchor)) {
          Object t;
          put_text(t, "title", sec.title);
          t["html"] = Data(markdown_to_html(sec.markdown, sessions.empty() ? 5 : 6, &ctx.data.foreign_terms));
          texts.push_back(Data(t));
        }
    o["texts"] = Data(texts);
    group_of(sessions.empty() ? "" : json_string(step, "seance")).push_back(std::move(o));
  }
  const bool has_activities =
      std::any_of(c.sections.begin(), c.sections.end(), [](const Section& s) { return s.key == "activites"; });
  List step_groups;
  int n = 0;
  for (auto& [session_number, items] : groups) {
    Object g;
    const std::string& number = session_number;  // clang 14 cannot capture a structured binding
    const auto se = std::find_if(sessions.begin(), sessions.end(),
                                 [&number](const JsonObject& x) { return json_string(x, "numero") == number; });
    if (se != sessions.end()) {
      Object head;
      head["number"] = Data(number);
      put_text(head, "title", json_string(*se, "titre"));
      put_text(head, "duration", json_string(*se, "duree"));
      g["session"] = Data(head);
    } else {
      g["session"] = Data(false);
    }
    // A session without a step is still part of the course: its work is in the activities.
    g["has_steps"] = Data(!items.empty());
    g["no_step"] = Data(items.empty());
    put(g, "activities_href", has_activities && !students ? "#activites" : "");
    g["start"] = Data(std::to_string(n + 1));
    List steps;
    for (auto& o : items) {
      o["n"] = Data(std::to_string(++n));
      steps.push_back(Data(o));
    }
    g["steps"] = Data(steps);
    step_groups.push_back(Data(g));
  }
  page["step_groups"] = Data(step_groups);
  page["heading"] = Data(sessions.empty() ? "h3" : "h4");  // steps under their session's heading
  page["subheading"] = Data(sessions.empty() ? "h4" : "h5");
  page["students"] = Data(students);
  page["students_href"] = Data(course_path(c.id) + "etudiants/");
  page["trainer_href"] = Data(course_path(c.id));
  // "Exporter les références": the RIS and BibTeX entries of the course's sheets.
  page["ris"] = Data(course_path(c.id) + "references.ris");
  page["bib"] = Data(course_path(c.id) + "references.bib");
  List sections;
  for (const auto& s : c.sections) {
    if (!url_safe(s.anchor) || s.anchor == "etapes" || s.anchor == "objectifs" || s.anchor == "en-bref" ||
        s.anchor == "a-propos")
      continue;
    if (students) continue;  // every section of the course format is the trainer's (parcours.yaml)
    Object o;
    o["anchor"] = Data(s.anchor);
    put_text(o, "title", s.title);
    o["html"] = Data(markdown_to_html(refs.readable(s.markdown), 3, &ctx.data.foreign_terms));
    sections.push_back(Data(o));
  }
  page["sections"] = Data(sections);
  std::string authors;
  for (const auto& r : json_objects(c.front, "redacteurs"))
    if (auto a = r->optValue<std::string>("nom", ""); !a.empty()) authors += (authors.empty() ? "" : " ; ") + a;
  put_text(page, "authors", authors);
  const std::string licence = json_string(c.front, "licence");
  put_text(page, "licence", licence.empty() ? "" : ctx.data.label("licences", licence));
  put(page, "licence_url", licence_url(licence));
  const std::string reviewed = json_string(c.front, "date_derniere_revue");
  put(page, "reviewed", reviewed.empty() ? "" : fr_date(reviewed));
  put(page, "reviewed_iso", reviewed);
  page["permalink"] = Data(ctx.absolute(course_path(c.id)));
  page["permalink_live"] = Data(!ctx.unpublished);
  page["share"] = Data(share_html(ctx, c.title, course_path(c.id) + (students ? "etudiants/" : "")));

  PageMeta meta;
  meta.title = students ? c.title + " (support pour les étudiants)" : c.title;
  meta.description = "Parcours de formation : " + json_string(c.front, "public_vise");
  meta.description = excerpt(meta.description, 300);
  meta.path = course_path(c.id) + (students ? "etudiants/" : "");
  meta.og_type = "article";
  meta.nav = "parcours";
  meta.copy_script = true;
  return render_page(ctx, meta, ctx.templates.render("course", Data(page)));
}

void render_course(const Context& ctx, const Course& c, const SourceTitles& refs, OutputWriter& out) {
  out.write(file_of(course_path(c.id)), course_html(ctx, c, refs, false));
  out.write(file_of(course_path(c.id) + "etudiants/"), course_html(ctx, c, refs, true));
  std::string ris, bib;
  std::set<std::string> seen;
  for (const auto& step : json_objects(c.front, "etapes"))
    if (const Sheet* sheet = ctx.data.sheet(ctx.data.current_id(step->optValue<std::string>("fiche", "")));
        sheet && seen.insert(sheet->id).second) {
      ris += citation_ris(ctx, *sheet);
      bib += (bib.empty() ? "" : "\n") + citation_bibtex(ctx, *sheet);
    }
  out.write(course_path(c.id).substr(1) + "references.ris", ris);
  out.write(course_path(c.id).substr(1) + "references.bib", bib);
}

std::vector<std::string> course_sheets(const Course& c) {
  std::vector<std::string> out;
  for (const auto& step : json_objects(c.front, "etapes"))
    if (std::string id = step->optValue<std::string>("fiche", "");
        !id.empty() && std::find(out.begin(), out.end(), id) == out.end())
      out.push_back(std::move(id));
  return out;
}

void render_courses(const Context& ctx, OutputWriter& out) {
  // A listing (full build) holds no sheet's sources: its catalogue does.
  const SourceTitles refs = ctx.data.catalogue ? SourceTitles(*ctx.data.catalogue) : SourceTitles(ctx.data);
  for (const auto& c : ctx.data.courses) render_course(ctx, c, refs, out);
  render_course_list(ctx, out);
}

void render_course_list(const Context& ctx, OutputWriter& out) {
  List courses;
  for (const auto& c : ctx.data.courses) {
    Object o;
    o["href"] = Data(course_path(c.id));
    put_text(o, "title", c.title);
    put_text(o, "audience", json_string(c.front, "public_vise"));
    put_text(o, "details", steps_summary(c));
    courses.push_back(Data(o));
  }
  Object page;
  page["courses"] = Data(courses);
  PageMeta meta;
  meta.title = "Parcours de formation";
  meta.description =
      "Des parcours qui enchaînent des fiches de pratiques pour un cours ou un module de formation en travail social.";
  meta.path = "/parcours/";
  meta.nav = "parcours";
  out.write("parcours/index.html", render_page(ctx, meta, ctx.templates.render("courses", Data(page))));
}

}  // namespace pratiques::site
