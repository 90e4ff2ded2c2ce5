// The contribution pages (contribution_pages.h): the form generated from the grid, a
// contribution's page with its workflow, "Mes contributions". Rendering only: every rule is
// pratiques-write's (write::Contributions, permissions) or the validator's (Publisher::check).
#include "contribution_pages.h"

#include <Poco/Net/HTMLForm.h>
#include <Poco/Net/MessageHeader.h>
#include <Poco/Net/PartHandler.h>
#include <Poco/StreamCopier.h>

#include <algorithm>
#include <sstream>

#include "form_pages.h"
#include "page_frame.h"
#include "pratiques/site/context.h"
#include "pratiques/site/typography.h"
#include "pratiques/text.h"
#include "pratiques/write/password.h"
#include "pratiques/write/sheet_form.h"

namespace pratiques::server {

long long id_in_path(const std::string& path) {
  const std::string prefix = "/contributions/";
  if (!path.starts_with(prefix)) return -1;
  const std::string rest = path.substr(prefix.size(), path.find('/', prefix.size()) - prefix.size());
  if (rest.empty() || rest.size() > 12 || rest.find_first_not_of("0123456789") != std::string::npos) return -1;
  return std::stoll(rest);
}

namespace {

using write::control_id;
using write::form_html;
using write::form_markdown;
using write::form_values;
using write::FormHtml;
using write::FormValues;
using write::place_diagnostics;
using write::Refusal;
using write::Refused;

constexpr std::size_t kMaxFields = 20000;  // a form of many groups and check boxes
constexpr std::size_t kContributionsPage = 50;  // rows of each list of « Mes contributions »

std::string contribution_path(std::int64_t id) { return "/contributions/" + std::to_string(id); }

// A multipart/form-data body (the upload of a Markdown file) as fields; the file's text under its
// field name.
class TextParts : public Poco::Net::PartHandler {
 public:
  Params files;
  void handlePart(const Poco::Net::MessageHeader& header, std::istream& stream) override {
    std::string disposition, name;
    Poco::Net::NameValueCollection params;
    Poco::Net::MessageHeader::splitParameters(header.get("Content-Disposition", ""), disposition, params);
    std::string content;
    Poco::StreamCopier::copyToString(stream, content, 8192);
    files.emplace_back(params.get("name", "fichier"), std::move(content));
  }
};

Params posted_form(Exchange& ex, const Caller& caller) {
  if (ex.request.getContentType().rfind("multipart/form-data", 0) != 0)
    return checked_form(ex, caller, kMaxFields, true);
  check_same_site(ex);
  std::istringstream body(ex.body);
  Poco::Net::HTMLForm form;
  form.setFieldLimit(100);
  TextParts parts;
  try {
    form.load(ex.request, body, parts);
  } catch (const Poco::Exception&) {
    throw ClientError(400, "Formulaire mal formé (multipart/form-data).");
  }
  Params p;
  for (const auto& [k, v] : form) p.emplace_back(k, v);
  for (auto& f : parts.files) p.push_back(std::move(f));
  check_csrf(*caller.session, form_field(p, "csrf"));
  return p;
}

// The Markdown a person sent (pasted or uploaded): bounds and UTF-8 as the API checks them.
std::string sent_markdown(const Params& p) {
  std::string md = form_field(p, "fichier");
  if (md.empty()) md = form_field(p, "markdown");
  if (text::trim(md).empty())
    throw Refusal(Refused::BadInput, "Aucune fiche reçue : collez son texte Markdown ou choisissez un fichier .md.");
  std::string lf;
  for (std::size_t i = 0; i < md.size(); ++i)
    if (!(md[i] == '\r' && i + 1 < md.size() && md[i + 1] == '\n')) lf += md[i];
  write::Contributions::check_text(lf);
  return lf;
}

// The words of the pages that name what a contribution proposes.
void put_kind_words(site::Data& page, write::Kind kind) {
  const bool course = kind == write::Kind::Parcours;
  page["course"] = site::Data(course);
  page["kind_title"] = site::Data(std::string(course ? "Parcours" : "Fiche"));
  page["kind_noun"] = site::Data(std::string(course ? "le parcours" : "la fiche"));
  page["kind_of"] = site::Data(std::string(course ? "du parcours" : "de la fiche"));
  page["kind_a"] = site::Data(std::string(course ? "un parcours" : "une fiche"));
  page["kind_e"] = site::Data(std::string(course ? "" : "e"));
  page["format_name"] = site::Data(std::string(course ? "le format des parcours" : "la grille de capitalisation"));
}

bool may(const write::Account& who, const write::Contribution& c, write::Action a) {
  return write::next_state(c, a) && write::forbidden_reason(who, write::operation_of(a), write::ownership(c)).empty();
}

bool may_edit(const write::Account& who, const write::Contribution& c) {
  return write::forbidden_reason(who, write::Operation::Edit, write::ownership(c)).empty() &&
         write::state_after_edit(who, write::ownership(c)).has_value();
}

// A moment of the journal for a <time>: French local time to read ("at"), UTC for machines ("at_iso").
void put_time(site::Data& o, const std::string& iso_utc) {
  o["at"] = site::Data(site::fr_datetime(iso_utc));
  o["at_iso"] = site::Data(iso_utc);
}

// A comment as its author wrote it: its lines, each but the first after a <br> ("br"), escaped by
// the template (a numbered list stays a list, never raw HTML).
site::Data comment_lines(const std::vector<std::string>& lines) {
  site::List out;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    site::Data o(site::Data::type::object);
    o["br"] = site::Data(i > 0);
    o["text"] = site::Data(lines[i]);
    out.push_back(o);
  }
  return site::Data(out);
}

std::vector<std::string> split_lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    lines.push_back(line);
  }
  return lines;
}

// The latest request for changes while the contribution waits for them ("" otherwise), as a box
// for the top of its page and of its form: where the author looks first, not only in the journal.
std::string changes_requested_html(const write::ContributionDetail& d) {
  if (d.contribution.state != write::State::ModificationsDemandees) return "";
  const std::string slug(write::action_slug(write::Action::DemanderModifications));
  for (auto it = d.journal.rbegin(); it != d.journal.rend(); ++it) {
    if (it->action != slug) continue;
    site::Data box(site::Data::type::object);
    box["who"] = site::Data(it->who.name);
    put_time(box, it->at);
    site::List paragraphs;
    std::vector<std::string> lines;
    auto paragraph = [&] {
      if (lines.empty()) return;
      site::Data o(site::Data::type::object);
      o["lines"] = comment_lines(lines);
      paragraphs.push_back(o);
      lines.clear();
    };
    for (const auto& line : split_lines(it->comment)) {  // paragraphs: separated by blank lines
      if (text::trim(line).empty())
        paragraph();
      else
        lines.push_back(line);
    }
    paragraph();
    box["paragraphs"] = site::Data(paragraphs);
    return templates().render("demande_modifications", box);
  }
  return "";
}

// What the caller's form leaves out: the documentaliste's fields, for the other roles.
std::vector<std::string> hidden_fields(const Grid& grid, const Caller& caller, write::Kind kind) {
  return write::curates(caller.account->role) ? std::vector<std::string>{} : write::curator_fields(grid, kind);
}

// What an import did not take from the file (`names`: the form names keep_fields ignored, comma
// separated, as the redirect's « ignores » lists them), in a sentence; "" when none of them is hidden
// from the caller.
std::string ignored_fields_notice(const Grid& grid, const Caller& caller, const write::Contribution& c,
                                  const std::string& names) {
  const auto hidden = hidden_fields(grid, caller, c.kind);
  std::string labels;
  std::istringstream in(names);
  for (std::string name; std::getline(in, name, ',');)
    if (std::find(hidden.begin(), hidden.end(), name) != hidden.end())
      labels += (labels.empty() ? "« " : ", « ") + write::field_label(grid, name, c.kind) + " »";
  if (labels.empty()) return "";
  return " Champs réservés aux documentalistes non repris du fichier : " + labels + " (" +
         (c.version > 1 ? "valeurs de la version précédente conservées"
                        : "laissés vides, un documentaliste les remplit") +
         ").";
}

// --- The form ----------------------------------------------------------------------------------

struct FormState {
  write::Kind kind = write::Kind::Fiche;
  std::string action = "/contribuer/nouvelle";
  std::string heading = "Proposer une fiche";
  int version = 0;       // the version edited (0: a new contribution)
  std::string sheet_id;   // the contribution's id
  bool id_fixed = false;  // published: its id no longer changes (Contributions::id_fixed)
  std::string notice;     // what went well (a save, an import)
  std::string error;      // why what was asked is refused: shown as the site's other refusals (role="alert")
  bool checked = false;  // "Vérifier" was asked
  bool can_submit = true;
  const write::Contribution* contribution = nullptr;
  std::string changes;  // the pending request for changes, as a box (changes_requested_html)
};

void form_page(Exchange& ex, const Caller& caller, int status, const FormState& st, const std::string& markdown,
               const Diagnostics& diags) {
  const auto grid_now = ex.state.editorial->grid();
  const Grid& grid = *grid_now;
  const FormValues values = form_values(grid, markdown, st.kind);
  const auto hidden = hidden_fields(grid, caller, st.kind);
  auto placed = place_diagnostics(grid, markdown, diags, st.kind);
  for (auto& p : placed)  // about a field not shown: listed at the top, with no link to follow
    for (const auto& h : hidden)
      if (p.name == h || p.name.starts_with(h + ".")) p.name.clear();
  std::vector<std::string> locked;
  if (st.id_fixed) locked.push_back("f.id");
  FormValues shown = values;
  if (!st.sheet_id.empty()) shown["f.id"] = {st.sheet_id};
  const FormHtml html = form_html(grid, shown, placed, locked, st.kind, hidden);
  site::Data page(site::Data::type::object);
  put_kind_words(page, st.kind);
  page["heading"] = site::Data(st.heading);
  page["action"] = site::Data(st.action);
  page["csrf"] = site::Data(caller.session->csrf);
  // A new contribution's forms carry one-time keys (one per form of the page), kept with the draft the
  // first sending creates: the same form sent twice lands on that draft (Contributions::create).
  page["key"] = st.contribution ? site::Data(false) : site::Data(write::random_token());
  page["import_key"] = st.contribution ? site::Data(false) : site::Data(write::random_token());
  // The key of the unsaved form's copy in the browser (formulaire.js): per account, form and version.
  page["draft_key"] = site::Data("pratiques:brouillon:" + std::to_string(caller.account->id) + ":" + st.action + ":" +
                                 std::to_string(st.version));
  page["version"] = st.version ? site::Data(std::to_string(st.version)) : site::Data(false);
  page["notice"] = st.notice.empty() ? site::Data(false) : site::Data(st.notice);
  page["changes"] = site::Data(st.changes);
  page["error"] = st.error.empty() ? site::Data(false) : site::Data(st.error);
  page["fields"] = site::Data(html.fields);
  page["sections"] = site::Data(html.sections);
  page["can_submit"] = site::Data(st.can_submit);
  page["page"] = st.contribution ? site::Data(contribution_path(st.contribution->id)) : site::Data(false);
  // The summary in the form's order (WCAG 1.3.2, 2.4.3): each diagnostic where its control comes in the
  // page; those about no control first (the whole text).
  const std::string controls = html.fields + html.sections;
  auto position = [&controls](const write::PlacedDiagnostic& p) {
    return p.name.empty() ? std::string::size_type{0}
                          : std::min(controls.find(" id=\"" + control_id(p.name) + "\""), controls.size());
  };
  std::stable_sort(placed.begin(), placed.end(),
                   [&position](const write::PlacedDiagnostic& a, const write::PlacedDiagnostic& b) {
                     return position(a) < position(b);
                   });
  site::List errors;
  std::size_t n_errors = 0, n_warnings = 0;
  for (const auto& p : placed) {
    site::Data e(site::Data::type::object);
    const bool error = p.diagnostic.severity == Severity::Error;
    (error ? n_errors : n_warnings)++;
    e["href"] = p.name.empty() ? site::Data(false) : site::Data("#" + control_id(p.name));
    e["label"] = site::Data(error ? "Erreur" : "Avertissement");
    e["message"] = site::Data(p.diagnostic.message);
    // Two steps' same error are two links of different texts: each names its step (« Étapes n° 2 »).
    const std::string item = p.name.empty() ? "" : write::item_label(grid, p.name, st.kind);
    e["item"] = item.empty() ? site::Data(false) : site::Data(item);
    e["rule"] = site::Data(p.diagnostic.rule);
    errors.push_back(e);
  }
  const bool summary = !errors.empty() && (st.checked || status == 422);
  page["summary"] = site::Data(summary);
  page["errors"] = site::Data(errors);
  page["summary_title"] = site::Data(std::to_string(n_errors) + (n_errors > 1 ? " erreurs" : " erreur") + " et " +
                                     std::to_string(n_warnings) +
                                     (n_warnings > 1 ? " avertissements" : " avertissement") + " selon la grille");
  page["valid"] = site::Data(st.checked && n_errors == 0);
  page["markdown"] = site::Data(markdown);
  send_page(ex, status, error_title(st.heading, !st.error.empty() || (summary && n_errors > 0)), "contribution_form",
            page);
}

// A new contribution (no id yet) is checked as Publisher::check says, under the id its text gives.
Diagnostics check(Exchange& ex, const std::string& markdown, const std::string& sheet_id, write::Kind kind) {
  Diagnostics out = ex.state.editorial->publisher().check(markdown, sheet_id, kind);
  // A form whose header is all empty: said as saving it says it (« Donnez au moins un titre. », on
  // the Titre field), not as the validator says it of a file (« l'en-tête YAML est vide »).
  for (auto& d : out)
    if (d.rule == "front-matter-vide") d = write::untitled_refusal().diagnostics.front();
  return out;
}

// What a form POST asks: save, check, submit, preview, import a Markdown sheet.
void posted(Exchange& ex, const Caller& caller, FormState st, const std::string& base) {
  write::Editorial& ed = *ex.state.editorial;
  const auto grid_now = ed.grid();
  const Grid& grid = *grid_now;
  const Params p = posted_form(ex, caller);
  const std::string action = form_field(p, "action");
  const write::Account& who = *caller.account;
  auto& contributions = ed.contributions();
  const long long version = st.version ? std::stoll("0" + form_field(p, "version").substr(0, 9)) : 0;
  const bool import = action == "importer";
  // What the caller's form hides is not hers to set by sending a whole sheet either.
  const auto hidden = hidden_fields(grid, caller, st.kind);
  const write::KeptFields sent =
      import ? write::keep_fields(grid, sent_markdown(p), base, st.kind, hidden) : write::KeptFields{};
  std::string markdown = import ? sent.markdown : form_markdown(grid, form_values(p), base, st.kind, hidden);
  // The form sent back as it was shown is the version edited, as it is written. The form writes a
  // sheet its own way (vocabulary lists in the vocabulary's order, its quotes): an imported sheet
  // saved or submitted unchanged became a new version, a revision of a published sheet.
  if (!import && !base.empty() &&
      markdown == form_markdown(grid, write::form_values(grid, base, st.kind), base, st.kind, hidden))
    markdown = base;
  write::Contributions::check_text(markdown);
  if (action == "verifier") {
    st.checked = true;
    st.version = static_cast<int>(version);
    // Not published yet, its id is the one typed: checked under it, as it would be saved.
    return form_page(ex, caller, 200, st, markdown, check(ex, markdown, st.id_fixed ? st.sheet_id : "", st.kind));
  }
  if (action == "formulaire") {  // back from the preview: the form as it was typed, not checked
    st.version = static_cast<int>(version);
    return form_page(ex, caller, 200, st, markdown, {});
  }
  if (action == "apercu") {  // the page as published, by the site's own renderer; nothing saved
    const bool course = st.kind == write::Kind::Parcours;
    // Under the address it will have: its id, which the form may still change before publication.
    const std::string id =
        st.id_fixed ? st.sheet_id : write::Contributions::requested_id(markdown, st.kind, st.sheet_id);
    const bool published = ed.publisher().published(id, st.kind);
    // Nothing is saved: the way back posts the same fields again (a preview is a POST of the form).
    site::Data back(site::Data::type::object);
    back["action"] = site::Data(st.action);
    back["csrf"] = site::Data(caller.session->csrf);
    site::List fields;
    for (const auto& [name, value] : p)
      if (name == "version" || name.starts_with("f.") || name.starts_with("s.")) {
        site::Data o(site::Data::type::object);
        o["name"] = site::Data(name);
        o["value"] = site::Data(value);
        fields.push_back(o);
      }
    back["fields"] = site::Data(fields);
    const std::string back_html = templates().render("apercu_retour", back);
    const std::string html = course ? course_preview(ex.state, ex.base_url(), markdown, id, published, back_html)
                                    : sheet_preview(ex.state, ex.base_url(), markdown, id, published, back_html);
    if (html.empty()) {
      st.checked = true;
      st.version = static_cast<int>(version);
      st.error =
          "Aperçu impossible : l'en-tête " + std::string(course ? "du parcours" : "de la fiche") + " ne se lit pas.";
      return form_page(ex, caller, 422, st, markdown, check(ex, markdown, st.sheet_id, st.kind));
    }
    SendOptions o;
    o.cache = "no-store";
    o.headers.emplace_back("X-Robots-Tag", "noindex");
    return ex.send(200, "text/html; charset=utf-8", html, o);
  }
  if (action != "enregistrer" && action != "soumettre" && !import) throw ClientError(400, "Action inconnue.");
  write::ContributionDetail d;
  try {
    // A form without a title would make a contribution named after nothing (its id: « fiche »).
    if (!st.contribution && !import && text::trim(form_field(p, "f.titre")).empty()) throw write::untitled_refusal();
    d = st.contribution ? contributions.save(who, st.contribution->id, markdown, static_cast<int>(version))
                        : contributions.create(who, markdown, st.kind, form_field(p, "cle"));
    // A form sent again lands on the draft its first sending created. With other values (its page
    // kept by the browser, changed, sent again), they are that draft's next version: nothing lost.
    if (d.resubmitted && d.markdown != markdown && may_edit(who, d.contribution))
      d = contributions.save(who, d.contribution.id, markdown, d.contribution.version);
  } catch (const Refusal& r) {
    if (r.kind == Refused::Invalid || r.kind == Refused::BadInput || r.kind == Refused::TooLarge ||
        r.kind == Refused::Conflict) {
      // Refused (an id already taken, a text too large…): the form again with what was sent, nothing lost.
      st.version = static_cast<int>(version);
      st.error = r.diagnostics.empty() ? r.what() : "";  // else said by the errors' list, linked to the field
      st.checked = !r.diagnostics.empty();
      return form_page(ex, caller, r.status(), st, markdown, r.diagnostics);
    }
    if (r.kind != Refused::Stale) throw;
    // Nothing is lost: the library kept this text; both versions are shown.
    const std::int64_t edited = st.contribution ? st.contribution->id : d.contribution.id;  // d: resubmitted
    const auto current = contributions.get(who, edited);
    site::Data page(site::Data::type::object);
    page["message"] = site::Data(r.what());
    page["page"] = site::Data(contribution_path(edited));
    page["current"] = site::Data(current.markdown);
    page["current_version"] = site::Data(std::to_string(current.contribution.version));
    page["yours"] = site::Data(markdown);
    page["based_on"] = site::Data(std::to_string(version));
    return send_page(ex, 409, "Conflit de versions", "conflit", page);
  }
  const std::string edit = contribution_path(d.contribution.id) + "/modifier";
  if (action == "soumettre" && d.resubmitted && !may(who, d.contribution, write::Action::Soumettre))
    // Submitted by the first sending: its page, as after it.
    return see_other(
        ex, contribution_path(d.contribution.id) + (d.contribution.state == write::State::Soumise ? "?soumise=1" : ""));
  if (action == "soumettre") {
    // Not submitted: the form of the saved contribution again, saying why.
    const auto not_submitted = [&]() -> FormState& {
      st.action = edit;
      st.version = d.contribution.version;
      st.sheet_id = d.contribution.sheet_id;
      st.id_fixed = contributions.id_fixed(d.contribution);
      st.contribution = &d.contribution;
      st.changes = changes_requested_html(d);
      st.heading =
          "Modifier « " + (d.contribution.title.empty() ? d.contribution.sheet_id : d.contribution.title) + " »";
      return st;
    };
    if (count_errors(d.diagnostics) > 0) {
      not_submitted().notice = "Brouillon enregistré (version " + std::to_string(d.contribution.version) +
                               "), mais pas soumis : corrigez d'abord les erreurs ci-dessous.";
      return form_page(ex, caller, 422, st, d.markdown, d.diagnostics);
    }
    // A published sheet sent back unchanged: no revision was opened, so nothing can be submitted
    // (its author got the workflow's 409 page, « Soumettre » impossible for a published sheet).
    if (d.unchanged && !may(who, d.contribution, write::Action::Soumettre)) {
      not_submitted().error =
          "Rien n'a changé depuis la version en ligne : il n'y a rien à soumettre. Modifiez la fiche, puis "
          "soumettez-la.";
      return form_page(ex, caller, 409, st, d.markdown, {});
    }
    contributions.act(who, d.contribution.id, write::Action::Soumettre, {});
    return see_other(ex, contribution_path(d.contribution.id) + "?soumise=1");
  }
  std::string ignored;  // said on the form the import leads to (« ignores »)
  for (const auto& name : sent.ignored) ignored += (ignored.empty() ? "&ignores=" : ",") + name;
  see_other(ex, edit + (import ? "?importee=1" + ignored : "?enregistree=1"));
}

// --- The contribution's page -------------------------------------------------------------------

site::Data comparison_data(const write::Comparison& c) {
  site::Data out(site::Data::type::object);
  auto lines = [](const std::vector<write::LineChange>& l) {
    site::List list;
    for (const auto& x : l) {
      site::Data o(site::Data::type::object);
      o["kind"] = site::Data(std::string(x.kind == write::LineChange::Same    ? "identique"
                                         : x.kind == write::LineChange::Added ? "ajout"
                                                                              : "retrait"));
      o["sign"] = site::Data(std::string(x.kind == write::LineChange::Same    ? " "
                                         : x.kind == write::LineChange::Added ? "+"
                                                                              : "−"));
      o["line"] = site::Data(x.line);
      list.push_back(o);
    }
    return site::Data(list);
  };
  site::List fields, sections;
  for (const auto& f : c.fields) {
    site::Data o(site::Data::type::object);
    o["label"] = site::Data(f.label.empty() ? f.key : f.label);
    o["before"] = site::Data(f.before.empty() ? "—" : f.before);
    o["after"] = site::Data(f.after.empty() ? "—" : f.after);
    fields.push_back(o);
  }
  static const char* const kinds[] = {"identique", "modifiée", "ajoutée", "retirée"};
  for (const auto& s : c.sections) {
    if (s.kind == write::SectionChange::Unchanged) continue;
    site::Data o(site::Data::type::object);
    o["title"] = site::Data(s.title);
    o["kind"] = site::Data(std::string(kinds[s.kind]));
    o["lines"] = lines(s.kind == write::SectionChange::Changed ? s.lines : std::vector<write::LineChange>{});
    o["before"] = site::Data(s.before);
    o["after"] = site::Data(s.after);
    sections.push_back(o);
  }
  out["readable"] = site::Data(c.readable);
  const bool same = c.readable && fields.empty() && sections.empty();
  put_list(out, "fields", std::move(fields));
  out["sections"] = sections.empty() ? site::Data(false) : site::Data(sections);
  out["text"] = lines(c.text);
  out["same"] = site::Data(same);
  return out;
}

// `uncommented`: the action refused for want of a comment, whose comment field is marked and
// described by `error`.
void contribution_page(Exchange& ex, const Caller& caller, std::int64_t id, int status, const std::string& error,
                       const std::string& uncommented = "") {
  write::Editorial& ed = *ex.state.editorial;
  const write::Account& who = *caller.account;
  const write::ContributionDetail d = ed.contributions().get(who, id);
  const write::Contribution& c = d.contribution;
  site::Data page(site::Data::type::object);
  put_kind_words(page, c.kind);
  page["title"] = site::Data(c.title.empty() ? c.sheet_id : c.title);
  page["id"] = site::Data(std::to_string(c.id));
  page["sheet"] = site::Data(c.sheet_id);
  page["state"] = site::Data(std::string(write::state_label(c.state)));
  page["state_slug"] = site::Data(std::string(write::state_slug(c.state)));
  page["version"] = site::Data(std::to_string(c.version));
  page["author"] = site::Data(c.author.name);
  page["reviewer"] = c.reviewer ? site::Data(c.reviewer->name) : site::Data(false);
  page["published"] = c.online ? site::Data(write::published_path(c.kind, c.sheet_id)) : site::Data(false);
  page["next_review"] = c.next_review.empty() ? site::Data(false) : site::Data(c.next_review);
  page["csrf"] = site::Data(caller.session->csrf);
  page["error"] = error.empty() ? site::Data(false) : site::Data(error);
  page["changes"] = site::Data(changes_requested_html(d));
  // The published sheets it probably duplicates ([doublon-probable]): shown to whoever sees it, the
  // contributor as well as the curators; a warning, never a refusal.
  site::List near;
  for (const auto& n : d.near_duplicates) {
    site::Data o(site::Data::type::object);
    o["title"] = site::Data(n.title);
    o["href"] = site::Data(write::published_path(write::Kind::Fiche, n.id));
    o["percent"] = site::Data(std::to_string(n.percent));
    near.push_back(o);
  }
  const bool any_near = !near.empty();
  const bool several_near = near.size() > 1;
  put_list(page, "near", std::move(near));
  page["curator"] = site::Data(write::curates(who.role));
  std::string notice;
  for (const auto& [k, v] : ex.params()) {
    if (k == "soumise")
      notice = !any_near ? "Contribution soumise : un documentaliste va la relire."
                         : "Contribution soumise : un documentaliste va la relire. Elle ressemble beaucoup à " +
                               std::string(several_near ? "des fiches déjà publiées" : "une fiche déjà publiée") +
                               " (ci-dessous) : il les comparera avant de publier.";
    if (k == "fait")
      notice = "C'est fait : la contribution est maintenant « " + std::string(write::state_label(c.state)) + " ».";
  }
  page["notice"] = notice.empty() ? site::Data(false) : site::Data(notice);
  page["edit"] = may_edit(who, c) ? site::Data(contribution_path(c.id) + "/modifier") : site::Data(false);
  page["file_changed"] = site::Data(d.file_changed);
  page["take_file"] = site::Data(d.file_changed && may_edit(who, c));
  site::List actions;
  for (auto a : {write::Action::Soumettre, write::Action::Prendre, write::Action::DemanderModifications,
                 write::Action::Publier, write::Action::Archiver}) {
    if (!may(who, c, a)) continue;
    site::Data o(site::Data::type::object);
    o["slug"] = site::Data(std::string(write::action_slug(a)));
    o["label"] = site::Data(std::string(write::action_label(a)));
    o["comment_required"] = site::Data(write::needs_comment(a));
    o["comment_invalid"] = site::Data(write::needs_comment(a) && uncommented == write::action_slug(a));
    o["archive"] = site::Data(a == write::Action::Archiver);
    actions.push_back(o);
  }
  page["actions"] = actions.empty() ? site::Data(false) : site::Data(actions);
  const std::size_t errors = count_errors(d.diagnostics);
  page["diagnostics"] = site::Data(std::to_string(errors) + (errors > 1 ? " erreurs" : " erreur") + " et " +
                                   std::to_string(d.diagnostics.size() - errors) + " avertissement(s) selon la grille");
  site::List journal;
  for (auto it = d.journal.rbegin(); it != d.journal.rend(); ++it) {
    site::Data o(site::Data::type::object);
    put_time(o, it->at);
    o["who"] = site::Data(it->who.name);
    o["action"] = site::Data(it->action == "creer"               ? "Création"
                             : it->action == "modifier"          ? "Modification"
                             : it->action == "reprendre-fichier" ? "Texte du fichier publié repris"
                             : write::parse_action(it->action)
                                 ? std::string(write::action_label(*write::parse_action(it->action)))
                                 : it->action);
    o["to"] = site::Data(std::string(write::state_label(it->to)));
    o["version"] = site::Data(std::to_string(it->version));
    site::Data comment(site::Data::type::object);
    comment["lines"] = comment_lines(split_lines(it->comment));
    o["comment"] = it->comment.empty() ? site::Data(false) : comment;
    journal.push_back(o);
  }
  page["journal"] = site::Data(journal);
  site::List versions;
  for (auto it = d.versions.rbegin(); it != d.versions.rend(); ++it) {
    site::Data o(site::Data::type::object);
    o["number"] = site::Data(std::to_string(it->number));
    put_time(o, it->at);
    o["who"] = site::Data(it->author.name);
    o["note"] = it->note.empty() ? site::Data(false) : site::Data(it->note);
    versions.push_back(o);
  }
  page["versions"] = site::Data(versions);
  page["several"] = site::Data(d.versions.size() > 1);
  // The comparison asked for (?de=&a=), by default the last two versions.
  int from = c.version > 1 ? c.version - 1 : 1, to = c.version;
  for (const auto& [k, v] : ex.params()) {
    if (k == "de" && !v.empty() && v.size() < 10 && v.find_first_not_of("0123456789") == std::string::npos)
      from = std::stoi(v);
    if (k == "a" && !v.empty() && v.size() < 10 && v.find_first_not_of("0123456789") == std::string::npos)
      to = std::stoi(v);
  }
  page["from"] = site::Data(std::to_string(from));
  page["to"] = site::Data(std::to_string(to));
  if (d.versions.size() > 1 && from >= 1 && to >= 1 && from <= c.version && to <= c.version)
    page["comparison"] = comparison_data(ed.contributions().compare(who, id, from, to));
  else
    page["comparison"] = site::Data(false);
  site::List choices;
  for (const auto& v : d.versions) {
    site::Data o(site::Data::type::object);
    o["number"] = site::Data(std::to_string(v.number));
    o["from_selected"] = site::Data(v.number == from);
    o["to_selected"] = site::Data(v.number == to);
    choices.push_back(o);
  }
  page["choices"] = site::Data(choices);
  page["markdown"] = site::Data(d.markdown);
  send_page(ex, status, error_title("Contribution : " + (c.title.empty() ? c.sheet_id : c.title), !error.empty()),
            "contribution", page);
}

}  // namespace

void serve_new_contribution(Exchange& ex) {
  const auto caller = logged_in(ex);
  if (!caller) return;
  FormState st;
  if (ex.target.path == "/parcours/nouveau") {
    st.kind = write::Kind::Parcours;
    st.action = ex.target.path;
    st.heading = "Créer un parcours de formation";
  }
  try {
    if (const std::string why = write::create_refusal(*caller->account, st.kind); !why.empty())
      throw Refusal(Refused::Forbidden, why);
    if (ex.request.getMethod() == "POST") return posted(ex, *caller, st, "");
    form_page(ex, *caller, 200, st, "", {});
  } catch (const Refusal& r) {
    if (r.kind == Refused::Invalid || r.kind == Refused::BadInput || r.kind == Refused::TooLarge ||
        r.kind == Refused::Conflict) {
      st.error = r.what();
      return form_page(ex, *caller, r.status(), st, "", r.diagnostics);
    }
    refusal_page(ex, r);
  }
}

void serve_edit_contribution(Exchange& ex) {
  const auto caller = logged_in(ex);
  if (!caller) return;
  const long long id = id_in_path(ex.target.path);
  try {
    if (id < 1) throw Refusal(Refused::NotFound, "Aucune contribution à cette adresse.");
    const write::ContributionDetail d = ex.state.editorial->contributions().get(*caller->account, id);
    FormState st;
    st.kind = d.contribution.kind;
    st.action = contribution_path(id) + "/modifier";
    st.heading = "Modifier « " + (d.contribution.title.empty() ? d.contribution.sheet_id : d.contribution.title) + " »";
    st.version = d.contribution.version;
    st.sheet_id = d.contribution.sheet_id;
    st.id_fixed = ex.state.editorial->contributions().id_fixed(d.contribution);
    st.contribution = &d.contribution;
    st.changes = changes_requested_html(d);
    st.can_submit = may(*caller->account, d.contribution, write::Action::Soumettre) ||
                    (d.contribution.state == write::State::Publiee && d.contribution.author.id == caller->account->id);
    if (!may_edit(*caller->account, d.contribution))
      throw Refusal(Refused::Conflict, "La contribution est « " +
                                           std::string(write::state_label(d.contribution.state)) +
                                           " » : vous ne pouvez pas la modifier dans cet état.");
    if (ex.request.getMethod() == "POST") {
      try {
        return posted(ex, *caller, st, d.markdown);
      } catch (const Refusal& r) {
        if (r.kind != Refused::Invalid && r.kind != Refused::BadInput && r.kind != Refused::TooLarge) throw;
        st.error = r.what();
        return form_page(ex, *caller, r.status(), st, d.markdown, r.diagnostics);
      }
    }
    for (const auto& [k, v] : ex.params()) {
      if (k == "enregistree")
        st.notice = "Brouillon enregistré (version " + std::to_string(d.contribution.version) + ").";
      if (k == "etape")
        st.notice = "Étape ajoutée au parcours (version " + std::to_string(d.contribution.version) +
                    ") : écrivez sa consigne et choisissez ses domaines de compétences dans le groupe « Étapes ».";
      if (k == "importee")
        st.notice = "Fiche reçue et enregistrée (version " + std::to_string(d.contribution.version) +
                    ") : voici ce que la vérification en dit." + st.notice;
      if (k == "ignores") st.notice += ignored_fields_notice(*ex.state.editorial->grid(), *caller, d.contribution, v);
    }
    st.checked = !st.notice.empty();
    form_page(ex, *caller, 200, st, d.markdown, d.diagnostics);
  } catch (const Refusal& r) {
    refusal_page(ex, r);
  }
}

void serve_contribution(Exchange& ex) {
  const auto caller = logged_in(ex);
  if (!caller) return;
  const long long id = id_in_path(ex.target.path);
  try {
    if (id < 1) throw Refusal(Refused::NotFound, "Aucune contribution à cette adresse.");
    if (ex.request.getMethod() != "POST") return contribution_page(ex, *caller, id, 200, "");
    const Params p = checked_form(ex, *caller, 16, true);
    const bool take_file = form_field(p, "action") == "reprendre-fichier";
    const auto action = write::parse_action(form_field(p, "action"));
    if (!action && !take_file) throw ClientError(400, "Action inconnue.");
    try {
      if (take_file)
        ex.state.editorial->contributions().take_file(*caller->account, id);
      else
        ex.state.editorial->contributions().act(*caller->account, id, *action,
                                                {form_field(p, "commentaire"), form_field(p, "remplacee_par")});
      ex.state.pool.recheck();  // published or archived: searchable (or not) from the next request
    } catch (const Refusal& r) {
      if (r.kind == Refused::Forbidden || r.kind == Refused::NotFound) throw;
      std::string message = r.what();
      for (const auto& d : r.diagnostics)
        if (d.severity == Severity::Error) message += " — " + d.message + " [" + d.rule + "]";
      const bool uncommented = action && write::needs_comment(*action) &&
                               text::trim(form_field(p, "commentaire")).empty() && r.kind == Refused::BadInput;
      return contribution_page(ex, *caller, id, r.status(), message,
                               uncommented ? std::string(write::action_slug(*action)) : "");
    }
    see_other(ex, contribution_path(id) + "?fait=1");
  } catch (const Refusal& r) {
    refusal_page(ex, r);
  }
}

void serve_contributions(Exchange& ex) {
  const auto caller = logged_in(ex);
  if (!caller) return;
  const write::Account& who = *caller->account;
  site::Data page(site::Data::type::object);
  // Each list a page at a time: a documentaliste who imported a folder, or sees a whole country's
  // contributions, had them all on one page.
  const auto put = [&](const std::string& key, const std::string& param, bool own, const std::string& name) {
    const ListPage shown = list_page(ex, param, kContributionsPage);
    write::ListFilter filter;
    filter.own = own;
    filter.offset = shown.offset();
    filter.limit = shown.size;
    std::size_t total = 0;
    site::List rows;
    for (const auto& c : ex.state.editorial->contributions().list(who, filter, &total)) {
      site::Data o(site::Data::type::object);
      o["href"] = site::Data(contribution_path(c.id));
      o["title"] = site::Data(c.title.empty() ? c.sheet_id : c.title);
      o["state"] = site::Data(std::string(write::state_label(c.state)));
      o["updated"] = site::Data(c.updated_at.substr(0, 10));
      o["author"] = site::Data(c.author.name);
      o["kind"] = site::Data(std::string(c.kind == write::Kind::Parcours ? "Parcours" : "Fiche"));
      rows.push_back(o);
    }
    put_list(page, key, std::move(rows));
    page[key + "_count"] = site::Data(std::to_string(total));
    page[key + "_pager"] = site::Data(pager(ex, "/contributions/", param, shown, total, key, name));
  };
  put("mine", "page", true, "Pages de vos contributions");
  if (write::curates(who.role)) put("others", "autres", false, "Pages des contributions des autres personnes");
  page["curator"] = site::Data(write::curates(who.role));
  page["trainer"] = site::Data(write::create_refusal(who, write::Kind::Parcours).empty());
  send_page(ex, 200, "Mes contributions", "contributions", page);
}

}  // namespace pratiques::server
