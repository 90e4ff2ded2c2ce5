// The contribution pages over HTTP, as a browser without JavaScript uses them: the form generated
// from the grid (a field added to a copy of grille.yaml appears with no code change), the
// validator's errors next to their fields and listed at the top, a form round trip to a submitted
// contribution, upload of a Markdown sheet, the contribution's page and its actions, the conflict
// page, "Mes contributions"; logins, roles (403) and CSRF tokens checked.
#include <catch2/catch.hpp>

#include <regex>

#include "pratiques/text.h"
#include "write_client.h"

using namespace testing;
using pratiques::write::Role;

namespace {

std::string unescape(std::string s) {
  for (auto [from, to] : std::vector<std::pair<std::string, std::string>>{
           {"&quot;", "\""}, {"&lt;", "<"}, {"&gt;", ">"}, {"&amp;", "&"}}) {
    for (std::size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size()))
      s.replace(at, from.size(), to);
  }
  return s;
}

std::string attr(const std::string& tag, const std::string& name) {
  std::smatch m;
  if (std::regex_search(tag, m, std::regex(" " + name + "=\"([^\"]*)\""))) return unescape(m[1]);
  return "";
}

// What a browser sends for the first form of `html` whose action is `action`: inputs (check
// boxes when checked), text areas, the selected option of each select; and the button pressed.
std::vector<std::pair<std::string, std::string>> form_of(const std::string& html, const std::string& action,
                                                         const std::string& button) {
  const auto start = html.find("<form class=\"fiche\" id=\"formulaire\" action=\"" + action + "\"");
  REQUIRE(start != std::string::npos);
  const std::string form = html.substr(start, html.find("</form>", start) - start);
  std::vector<std::pair<std::string, std::string>> out;
  const std::regex tag("<(input|textarea|select)([^>]*)>");
  for (auto it = std::sregex_iterator(form.begin(), form.end(), tag); it != std::sregex_iterator(); ++it) {
    const std::string kind = (*it)[1], attrs = (*it)[2];
    const std::string name = attr(attrs, "name");
    if (name.empty()) continue;
    const std::size_t after = it->position() + it->length();
    if (kind == "input") {
      if (attr(attrs, "type") == "checkbox" && !contains(attrs, " checked")) continue;
      out.emplace_back(name, attr(attrs, "value"));
    } else if (kind == "textarea") {
      out.emplace_back(name, unescape(form.substr(after, form.find("</textarea>", after) - after)));
    } else {
      const std::string options = form.substr(after, form.find("</select>", after) - after);
      std::smatch m;
      std::string value;
      if (std::regex_search(options, m, std::regex("<option value=\"([^\"]*)\" selected>"))) value = unescape(m[1]);
      out.emplace_back(name, value);
    }
  }
  out.emplace_back("action", button);
  return out;
}

void set(std::vector<std::pair<std::string, std::string>>& form, const std::string& name, const std::string& value) {
  for (auto& [k, v] : form)
    if (k == name) v = value;
}

// `who` sends a valid sheet through the new contribution's Markdown field.
Reply import_sheet(Browser& who, const std::string& id, const std::string& title) {
  who.get("/contribuer/nouvelle");
  return who.post_form("/contribuer/nouvelle",
                       {{"csrf", who.csrf()}, {"action", "importer"}, {"markdown", valid_sheet(id, title)}});
}

// `who` presses a button of contribution `n`'s page (« Publier » with the comment it needs).
Reply press(Browser& who, int n, const std::string& action) {
  const std::string page = "/contributions/" + std::to_string(n);
  who.get(page);
  std::vector<std::pair<std::string, std::string>> fields = {{"csrf", who.csrf()}, {"action", action}};
  if (action == "publier") fields.emplace_back("commentaire", "Relue.");
  return who.post_form(page, fields);
}

}  // namespace

TEST_CASE("contribution form: logged-in users only, generated from the grid with its help and labelled choices",
          "[server][write][pages][form]") {
  TestServer s;
  Accounts acc(s.dir() / "var");
  acc.add("camille@exemple.fr", Role::Contributeur);
  Browser anonymous(s.port());
  const Reply away = anonymous.get("/contribuer/nouvelle");
  CHECK(away.status == 303);
  CHECK(away.header("location") == "/connexion?suite=%2Fcontribuer%2Fnouvelle");
  CHECK(anonymous.get("/contributions/").status == 303);

  Browser b = logged_in(s, "camille@exemple.fr");
  const Reply form = b.get("/contribuer/nouvelle");
  REQUIRE(form.status == 200);
  CHECK(form.header("cache-control") == "no-store");
  CHECK(contains(form.body, "<h1>Proposer une fiche</h1>"));
  // Each field with the grid's label, status and definition; sections with their questions.
  CHECK(contains(form.body, "<label for=\"c-titre\">Titre <span class=\"statut\">(obligatoire)</span></label>"));
  CHECK(contains(form.body, "Intitulé explicite de l&#39;action") == false);  // the engine's escape keeps apostrophes
  CHECK(contains(form.body, "Intitulé explicite de l'action"));
  CHECK(contains(form.body, "id=\"c-titre\" name=\"f.titre\" aria-describedby=\"c-titre-aide\""));
  CHECK(contains(form.body, "<textarea id=\"s-genese-contexte\" name=\"s.genese_contexte\""));
  CHECK(contains(form.body, "Quelles situations individuelles récurrentes ou quel constat ont été repérés\u202f?"));
  // Vocabulary fields: labelled choices (a select, check boxes), values are the slugs.
  CHECK(contains(form.body, "<select id=\"c-type-fiche\" name=\"f.type_fiche\""));
  CHECK(std::regex_search(form.body, std::regex("<input type=\"checkbox\" id=\"c-publics-0\" name=\"f.publics\" "
                                                "value=\"[a-z-]+\"> <label for=\"c-publics-0\">")));
  // Nested objects and lists of objects: groups, one empty group to add an element.
  CHECK(contains(form.body, "name=\"f.territoire.nom\""));
  CHECK(contains(form.body, "name=\"f.partenaires.0.nom\""));
  CHECK(contains(form.body, "name=\"f.partenaires.n\" value=\"1\""));
  // No field is required by the browser: a draft may be incomplete.
  CHECK_FALSE(contains(form.body.substr(form.body.find("id=\"formulaire\"")), " required"));
  CHECK(contains(form.body, "enctype=\"multipart/form-data\""));
}

TEST_CASE(
    "contribution form: a draft saves incomplete, Vérifier puts each error next to its field and lists it at the top",
    "[server][write][pages][form]") {
  TestServer s;
  Accounts acc(s.dir() / "var");
  acc.add("camille@exemple.fr", Role::Contributeur);
  Browser b = logged_in(s, "camille@exemple.fr");
  b.get("/contribuer/nouvelle");
  const std::string csrf = b.csrf();
  // A draft with a title only: saved.
  const Reply saved = b.post_form(
      "/contribuer/nouvelle", {{"csrf", csrf}, {"action", "enregistrer"}, {"f.titre", "Jardin <partagé> des Lilas"}});
  REQUIRE(saved.status == 303);
  CHECK(saved.header("location") == "/contributions/1/modifier?enregistree=1");
  const Reply edit = b.get("/contributions/1/modifier?enregistree=1");
  REQUIRE(edit.status == 200);
  CHECK(contains(edit.body, "Brouillon enregistré (version 1)."));
  CHECK(contains(edit.body, "value=\"Jardin &lt;partagé&gt; des Lilas\""));   // escaped
  CHECK(contains(edit.body, "value=\"jardin-partage-des-lilas\" maxlength="));  // the id, editable until published
  CHECK(contains(edit.body, "name=\"version\" value=\"1\""));

  // Vérifier: the validator's messages and rule ids, at the top (links) and beside the fields.
  auto fields = form_of(edit.body, "/contributions/1/modifier", "verifier");
  set(fields, "f.titre", "");
  const Reply checked = b.post_form("/contributions/1/modifier", fields);
  REQUIRE(checked.status == 200);
  CHECK(contains(checked.body, "<div class=\"resume-erreurs\" id=\"resume\" role=\"alert\">"));
  CHECK(contains(
      checked.body,
      "<a href=\"#c-titre\">Erreur : clé obligatoire absente ou vide : « titre » (Titre) [cle-obligatoire]</a>"));
  CHECK(contains(checked.body,
                 "<ul class=\"erreurs-champ\" id=\"c-titre-erreurs\"><li class=\"erreur\">Erreur : clé obligatoire "
                 "absente ou vide : « titre » (Titre) <span class=\"regle\">[cle-obligatoire]</span></li></ul>"));
  CHECK(contains(
      checked.body,
      "id=\"c-titre\" name=\"f.titre\" aria-describedby=\"c-titre-aide c-titre-erreurs\" aria-invalid=\"true\""));
  CHECK(contains(checked.body,
                 "<a href=\"#s-genese-contexte\">Erreur : section obligatoire absente : « ## Genèse et contexte » "
                 "[section-obligatoire]</a>"));
  CHECK(contains(checked.body, "id=\"s-genese-contexte-erreurs\""));
  CHECK(contains(checked.body, "<a href=\"#c-territoire\">"));  // a group of fields
  // Vérifier saves nothing.
  CHECK(contains(b.get("/contributions/1").body, "<dt>Version actuelle</dt><dd>1</dd>"));
  // Soumettre an invalid sheet: saved as a draft, not submitted, errors shown (422).
  fields = form_of(edit.body, "/contributions/1/modifier", "soumettre");
  const Reply refused = b.post_form("/contributions/1/modifier", fields);
  CHECK(refused.status == 422);
  CHECK(contains(refused.body, "mais pas soumis"));
  CHECK(contains(refused.body, "[section-obligatoire]"));
  CHECK(contains(b.get("/contributions/1").body, "<strong class=\"etat etat-brouillon\">Brouillon</strong>"));
}

TEST_CASE("contribution form: a Markdown sheet pasted goes through the same checks, the form round trip submits it",
          "[server][write][pages][form]") {
  TestServer s;
  Accounts acc(s.dir() / "var");
  acc.add("camille@exemple.fr", Role::Contributeur);
  acc.add("doc@exemple.fr", Role::Documentaliste);
  Browser b = logged_in(s, "camille@exemple.fr");
  b.get("/contribuer/nouvelle");
  const Reply sent =
      b.post_form("/contribuer/nouvelle", {{"csrf", b.csrf()},
                                           {"action", "importer"},
                                           {"markdown", valid_sheet("potager-des-lilas", "Potager des Lilas")}});
  REQUIRE(sent.status == 303);
  CHECK(sent.header("location")
            .starts_with("/contributions/1/modifier?importee=1"));  // then the curation fields not taken
  const Reply edit = b.get("/contributions/1/modifier?importee=1");
  REQUIRE(edit.status == 200);
  CHECK(contains(edit.body, "Fiche reçue et enregistrée (version 1)"));
  CHECK(contains(edit.body, "Vérification faite : aucune erreur selon la grille."));
  // The form shows the sheet; sent back as it is (no JavaScript), it is valid and submitted.
  const auto fields = form_of(edit.body, "/contributions/1/modifier", "soumettre");
  const Reply submitted = b.post_form("/contributions/1/modifier", fields);
  INFO(submitted.body);
  REQUIRE(submitted.status == 303);
  CHECK(submitted.header("location") == "/contributions/1?soumise=1");
  const Reply page = b.get("/contributions/1?soumise=1");
  CHECK(contains(page.body, "Contribution soumise"));
  CHECK(contains(page.body, "<strong class=\"etat etat-soumise\">Soumise</strong>"));
  CHECK(contains(page.body, "Potager des Lilas"));
  // A pasted sheet that is not UTF-8 or empty is refused with a message, nothing created.
  b.get("/contribuer/nouvelle");
  const Reply empty =
      b.post_form("/contribuer/nouvelle", {{"csrf", b.csrf()}, {"action", "importer"}, {"markdown", "  "}});
  CHECK(empty.status == 400);
  CHECK(contains(empty.body, "Aucune fiche reçue"));
  // Aperçu: the published page's template.
  b.get("/contribuer/nouvelle");
  const Reply preview = b.post_form(
      "/contribuer/nouvelle",
      {{"csrf", b.csrf()}, {"action", "apercu"}, {"f.titre", "Un titre <b>"}, {"s.objectifs", "Des **objectifs**."}});
  REQUIRE(preview.status == 200);
  CHECK(contains(preview.body, "<strong>Aperçu</strong>"));
  CHECK(contains(preview.body, "Un titre &lt;b&gt;"));
  CHECK(contains(preview.body, "<title>Aperçu\u00a0: Un titre &lt;b&gt;"));  // not the published page's title
  CHECK(contains(preview.body, "<strong>objectifs</strong>"));
  CHECK(preview.header("x-robots-tag") == "noindex");
}

TEST_CASE("contribution pages: CSRF token and origin required, roles and ownership refused with 403",
          "[server][write][pages][csrf]") {
  TestServer s;
  Accounts acc(s.dir() / "var");
  acc.add("camille@exemple.fr", Role::Contributeur);
  acc.add("autre@exemple.fr", Role::Contributeur);
  acc.add("doc@exemple.fr", Role::Documentaliste);
  Browser b = logged_in(s, "camille@exemple.fr");
  b.get("/contribuer/nouvelle");
  CHECK(b.post_form("/contribuer/nouvelle", {{"action", "enregistrer"}, {"f.titre", "Sans jeton"}}).status == 403);
  CHECK(b.post_form("/contribuer/nouvelle", {{"csrf", "faux"}, {"action", "enregistrer"}, {"f.titre", "Faux jeton"}})
            .status == 403);
  b.get("/contribuer/nouvelle");
  const Reply other_site =
      b.post_form("/contribuer/nouvelle", {{"csrf", b.csrf()}, {"action", "enregistrer"}, {"f.titre", "Ailleurs"}},
                  {{"Origin", "https://ailleurs.example"}});
  CHECK(other_site.status == 403);
  b.get("/contribuer/nouvelle");
  REQUIRE(b.post_form("/contribuer/nouvelle",
                      {{"csrf", b.csrf()}, {"action", "enregistrer"}, {"f.titre", "Brouillon de Camille"}})
              .status == 303);
  // Another contributor, and a documentaliste before submission: 403.
  Browser other = logged_in(s, "autre@exemple.fr");
  CHECK(other.get("/contributions/1").status == 403);
  CHECK(other.get("/contributions/1/modifier").status == 403);
  Browser doc = logged_in(s, "doc@exemple.fr");
  CHECK(doc.get("/contributions/1").status == 403);
  CHECK(contains(doc.get("/contributions/").body, "Mes contributions"));
  CHECK_FALSE(contains(doc.get("/contributions/").body, "Brouillon de Camille"));
  CHECK(contains(b.get("/contributions/").body,
                 "<td><a href=\"/contributions/1\">Brouillon de Camille</a></td><td>Brouillon</td>"));
  // An action without the token.
  CHECK(b.post_form("/contributions/1", {{"action", "soumettre"}}).status == 403);
  // A contributor may not take her own submission (the action is not even offered).
  CHECK_FALSE(contains(b.get("/contributions/1").body, "value=\"prendre\""));
  CHECK(b.post_form("/contributions/1", {{"csrf", b.csrf()}, {"action", "prendre"}}).status == 403);
  CHECK(b.get("/contributions/999").status == 404);
  // Only the contribution's page and its form: another address under it is no page.
  for (const char* address : {"/contributions/1/n-importe-quoi", "/contributions/1/modifier/x", "/contributions/1x"})
    CHECK(b.get(address).status == 404);
  CHECK(b.get("/contributions/1/").status == 200);
}

namespace {

// Camille (contributeur) has imported and submitted a sheet, contribution 1; Marie Doc
// (documentaliste) has an account. Camille's browser, logged in.
Browser submitted_by_camille(TestServer& s) {
  Accounts acc(s.dir() / "var");
  acc.add("camille@exemple.fr", Role::Contributeur, "une phrase de passe", "Camille Martin");
  acc.add("doc@exemple.fr", Role::Documentaliste, "une phrase de passe", "Marie Doc");
  Browser b = logged_in(s, "camille@exemple.fr");
  b.get("/contribuer/nouvelle");
  REQUIRE(b.post_form("/contribuer/nouvelle", {{"csrf", b.csrf()},
                                               {"action", "importer"},
                                               {"markdown", valid_sheet("potager-des-lilas", "Potager des Lilas")}})
              .status == 303);
  b.get("/contributions/1");
  REQUIRE(contains(b.last().body, "value=\"soumettre\""));
  REQUIRE(b.post_form("/contributions/1", {{"csrf", b.csrf()}, {"action", "soumettre"}}).status == 303);
  return b;
}

// The documentaliste takes Camille's submitted contribution 1, sets curation fields through her form
// (`values`: form name → value), and requests changes: it is Camille's to edit again.
void curated_and_sent_back(Browser& doc, const std::vector<std::pair<std::string, std::string>>& values) {
  doc.get("/contributions/1");
  REQUIRE(doc.post_form("/contributions/1", {{"csrf", doc.csrf()}, {"action", "prendre"}}).status == 303);
  const Reply form = doc.get("/contributions/1/modifier");
  REQUIRE(contains(form.body, "name=\"f.curation.curateur\""));  // hers to fill
  auto fields = form_of(form.body, "/contributions/1/modifier", "enregistrer");
  for (const auto& [name, value] : values) set(fields, name, value);
  REQUIRE(doc.post_form("/contributions/1/modifier", fields).status == 303);
  doc.get("/contributions/1");
  REQUIRE(
      doc.post_form("/contributions/1",
                    {{"csrf", doc.csrf()}, {"action", "demander-modifications"}, {"commentaire", "Précisez le titre."}})
          .status == 303);
}

}  // namespace

TEST_CASE(
    "contribution page: the workflow's actions per role, mandatory comment, journal, versions and comparison, conflict "
    "page",
    "[server][write][pages][workflow]") {
  TestServer s;
  Browser b = submitted_by_camille(s);

  Browser doc = logged_in(s, "doc@exemple.fr");
  Reply page = doc.get("/contributions/1");
  CHECK(contains(page.body, "value=\"prendre\""));
  CHECK_FALSE(contains(page.body, "value=\"publier\""));
  REQUIRE(doc.post_form("/contributions/1", {{"csrf", doc.csrf()}, {"action", "prendre"}}).status == 303);
  page = doc.get("/contributions/1");
  CHECK(contains(page.body, "<strong class=\"etat etat-en-relecture\">En relecture</strong>"));
  CHECK(contains(page.body, "<label for=\"commentaire-demander-modifications\">Commentaire (obligatoire)</label>"));
  // Requesting changes without a comment: refused, said on the page.
  const Reply no_comment = doc.post_form(
      "/contributions/1", {{"csrf", doc.csrf()}, {"action", "demander-modifications"}, {"commentaire", " "}});
  CHECK(no_comment.status == 400);
  CHECK(contains(no_comment.body, "Un commentaire est obligatoire"));
  REQUIRE(doc.post_form("/contributions/1", {{"csrf", doc.csrf()},
                                             {"action", "demander-modifications"},
                                             {"commentaire", "Précisez les <partenaires>."}})
              .status == 303);
  page = b.get("/contributions/1");
  CHECK(contains(page.body, "Modifications demandées"));
  CHECK(contains(page.body, "«\u202fPrécisez les &lt;partenaires&gt;.\u202f»"));
  CHECK(contains(page.body, "Marie Doc"));

  // The contributor edits (version 2); a save made on version 1 afterwards is a conflict: both shown.
  Reply edit = b.get("/contributions/1/modifier");
  auto fields = form_of(edit.body, "/contributions/1/modifier", "enregistrer");
  auto stale = fields;
  set(fields, "f.titre", "Potager partagé des Lilas");
  REQUIRE(b.post_form("/contributions/1/modifier", fields).status == 303);
  set(stale, "f.titre", "Potager des Lilas, autre onglet");
  const Reply conflict = b.post_form("/contributions/1/modifier", stale);
  CHECK(conflict.status == 409);
  CHECK(contains(conflict.body, "<h1>Conflit de versions</h1>"));
  CHECK(contains(conflict.body, "Potager des Lilas, autre onglet"));  // yours
  CHECK(contains(conflict.body, "Potager partagé des Lilas"));        // the current one
  // Versions and their comparison, field by field.
  page = b.get("/contributions/1?de=1&a=2");
  CHECK(contains(page.body, "Version 2,"));
  CHECK(contains(page.body,
                 "<tr><th scope=\"row\">Titre</th><td>titre: &quot;Potager des Lilas&quot;\n</td><td>titre: "
                 "&quot;Potager partagé des Lilas&quot;\n</td></tr>"));
  // Resubmitted, taken, published: the sheet's page is linked.
  REQUIRE(b.post_form("/contributions/1", {{"csrf", b.csrf()}, {"action", "soumettre"}}).status == 303);
  doc.get("/contributions/1");
  REQUIRE(doc.post_form("/contributions/1", {{"csrf", doc.csrf()}, {"action", "prendre"}}).status == 303);
  doc.get("/contributions/1");
  const Reply published =
      doc.post_form("/contributions/1", {{"csrf", doc.csrf()}, {"action", "publier"}, {"commentaire", "Relue."}});
  INFO(doc.get("/contributions/1").body);
  REQUIRE(published.status == 303);
  page = doc.get("/contributions/1");
  CHECK(contains(page.body, "<strong class=\"etat etat-publiee\">Publiée</strong>"));
  CHECK(contains(page.body, "<a href=\"/fiches/potager-des-lilas/\">la page publiée</a>"));
}

TEST_CASE("contribution form: a field added to a copy of grille.yaml appears in the form, with no code change",
          "[server][write][pages][form][grid]") {
  TempDir dir;
  const fs::path schemas = dir.path() / "schemas";
  copy_tree(testing::schemas(), schemas);
  std::string grid = read_file(schemas / "grille.yaml");
  const std::string extra =
      "  - cle: lieu_rencontre_essai\n"
      "    libelle: \"Lieu de rencontre (essai)\"\n"
      "    type: texte\n"
      "    statut: O\n"
      "    definition: \"Où le groupe se retrouve, en une phrase (champ ajouté pour l'essai).\"\n";
  const auto at = grid.find("\nsections_note:");
  REQUIRE(at != std::string::npos);
  grid.insert(at + 1, extra);
  write_file(schemas / "grille.yaml", grid);
  pratiques::server::ServerOptions o;
  o.schemas = schemas.string();
  TestServer s(o);
  Accounts acc(s.dir() / "var");
  acc.add("camille@exemple.fr", Role::Contributeur);
  Browser b = logged_in(s, "camille@exemple.fr");
  const Reply form = b.get("/contribuer/nouvelle");
  REQUIRE(form.status == 200);
  CHECK(contains(form.body,
                 "<label for=\"c-lieu-rencontre-essai\">Lieu de rencontre (essai) <span "
                 "class=\"statut\">(facultatif)</span></label>"));
  CHECK(contains(form.body, "Où le groupe se retrouve, en une phrase (champ ajouté pour l'essai)."));
  // Its value goes into the sheet's front matter.
  REQUIRE(b.post_form("/contribuer/nouvelle", {{"csrf", b.csrf()},
                                               {"action", "enregistrer"},
                                               {"f.titre", "Essai"},
                                               {"f.lieu_rencontre_essai", "La salle des fêtes"}})
              .status == 303);
  const Reply edit = b.get("/contributions/1/modifier");
  CHECK(contains(
      edit.body,
      "name=\"f.lieu_rencontre_essai\" aria-describedby=\"c-lieu-rencontre-essai-aide\" value=\"La salle des fêtes\""));
  CHECK(contains(edit.body, "lieu_rencontre_essai: \"La salle des fêtes\"") ==
        false);  // the form, not the raw text, on this page
}

TEST_CASE("contribution form: a Markdown file uploaded (multipart/form-data) is saved as a draft and checked",
          "[server][write][pages][form]") {
  TestServer s;
  Accounts acc(s.dir() / "var");
  acc.add("camille@exemple.fr", Role::Contributeur);
  Browser b = logged_in(s, "camille@exemple.fr");
  b.get("/contribuer/nouvelle");
  const std::string boundary = "----limite-essai-17";
  auto part = [&](const std::string& name, const std::string& value, const std::string& file = "") {
    return "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"" +
           (file.empty() ? "" : "; filename=\"" + file + "\"\r\nContent-Type: text/markdown") + "\r\n\r\n" + value +
           "\r\n";
  };
  std::string sheet = valid_sheet("atelier-des-canuts", "Atelier des Canuts");
  sheet = sheet.substr(0, sheet.find("\n## Objectifs"));  // a sheet missing mandatory sections
  const std::string body = part("csrf", b.csrf()) + part("action", "importer") + part("markdown", "") +
                           part("fichier", sheet, "canuts.md") + "--" + boundary + "--\r\n";
  const Reply sent = send(s.port(), "POST", "/contribuer/nouvelle",
                          {{"Cookie", b.cookie()},
                           {"Content-Type", "multipart/form-data; boundary=" + boundary},
                           {"Origin", "http://127.0.0.1:" + std::to_string(s.port())}},
                          body);
  REQUIRE(sent.status == 303);
  CHECK(sent.header("location")
            .starts_with("/contributions/1/modifier?importee=1"));  // then the curation fields not taken
  const Reply edit = b.get("/contributions/1/modifier?importee=1");
  CHECK(contains(edit.body, "value=\"Atelier des Canuts\""));
  CHECK(contains(
      edit.body,
      "<a href=\"#s-objectifs\">Erreur : section obligatoire absente : « ## Objectifs » [section-obligatoire]</a>"));
  // Without the token: refused, nothing created.
  const Reply forged =
      send(s.port(), "POST", "/contribuer/nouvelle",
           {{"Cookie", b.cookie()}, {"Content-Type", "multipart/form-data; boundary=" + boundary}},
           part("action", "importer") + part("fichier", sheet, "canuts.md") + "--" + boundary + "--\r\n");
  CHECK(forged.status == 403);
  CHECK(b.get("/contributions/2").status == 404);

  // A file refused (a NUL byte: 400; over the 1 MiB of a sheet: 413) is an error, shown as the
  // form's other refusals are (role="alert"), never in the box that says a save went well.
  auto import_file = [&](const std::string& file) {
    b.get("/contribuer/nouvelle");  // the form's token
    return send(s.port(), "POST", "/contribuer/nouvelle",
                {{"Cookie", b.cookie()},
                 {"Content-Type", "multipart/form-data; boundary=" + boundary},
                 {"Origin", "http://127.0.0.1:" + std::to_string(s.port())}},
                part("csrf", b.csrf()) + part("action", "importer") + part("fichier", file, "fiche.md") + "--" +
                    boundary + "--\r\n");
  };
  const Reply binary = import_file(sheet + std::string(1, '\0'));
  CHECK(binary.status == 400);
  CHECK(contains(binary.body, "<p class=\"erreur\" role=\"alert\" id=\"erreur\">Le texte contient un octet nul"));
  CHECK_FALSE(contains(binary.body, "class=\"succes\""));
  const Reply large = import_file(sheet + std::string(pratiques::write::kMaxSheetBytes, 'a'));
  CHECK(large.status == 413);
  CHECK(contains(large.body, "<p class=\"erreur\" role=\"alert\" id=\"erreur\">Fiche trop volumineuse"));
  CHECK_FALSE(contains(large.body, "class=\"succes\""));
  CHECK(b.get("/contributions/2").status == 404);  // nothing created
}

TEST_CASE(
    "contribution form: the live checks' rules are the grid's, written into the page with the validator's messages",
    "[server][write][pages][script]") {
  TestServer s;
  Accounts(s.dir() / "var").add("camille@exemple.fr", Role::Contributeur);
  Browser b = logged_in(s, "camille@exemple.fr");
  const Reply form = b.get("/contribuer/nouvelle");
  REQUIRE(form.status == 200);
  auto tag = [&](const std::string& name) {
    const auto at = form.body.find("name=\"" + name + "\"");
    REQUIRE(at != std::string::npos);
    const auto start = form.body.rfind('<', at);
    return form.body.substr(start, form.body.find('>', at) - start);
  };
  // The script, a static file under the site's CSP; the key of the browser's copy of the form.
  CHECK(contains(form.body, "<script src=\"/assets/js/formulaire.js\" defer></script>"));
  const Reply script = s.get("/assets/js/formulaire.js");
  CHECK(script.status == 200);
  CHECK(contains(script.header("content-type"), "javascript"));
  CHECK(
      std::regex_search(form.body, std::regex("data-brouillon=\"pratiques:brouillon:[0-9]+:/contribuer/nouvelle:0\"")));
  // A mandatory field: the validator's message and rule; its length from the grid (longueur_max).
  const std::string title = tag("f.titre");
  CHECK(attr(title, "data-requis") == "clé obligatoire absente ou vide : « titre » (Titre)");
  CHECK(attr(title, "data-requis-regle") == "cle-obligatoire");
  CHECK(attr(title, "data-longueur") == "120");
  CHECK(attr(title, "data-longueur-message") == "« titre » fait {n} caractères, au plus 120 permis");
  CHECK(attr(tag("f.en_bref"), "data-longueur") == "600");
  // A mandatory section: missing from the Markdown when left empty, as the validator says.
  CHECK(attr(tag("s.objectifs"), "data-requis") == "section obligatoire absente : « ## Objectifs »");
  CHECK(attr(tag("s.objectifs"), "data-requis-regle") == "section-obligatoire");
  // Not required while empty: the id (made from the title), a list item's fields (the item may not exist).
  CHECK_FALSE(contains(tag("f.id"), "data-requis"));
  CHECK_FALSE(contains(tag("f.partenaires.0.nom"), "data-requis"));
  // Rule 8: part A sections of a method sheet are recommended, not required.
  b.get("/contribuer/nouvelle");
  const Reply method = b.post_form(
      "/contribuer/nouvelle",
      {{"csrf", b.csrf()}, {"action", "verifier"}, {"f.titre", "Une méthode"}, {"f.type_fiche", "methode"}});
  REQUIRE(method.status == 200);
  const auto genese = method.body.find("name=\"s.genese_contexte\"");
  REQUIRE(genese != std::string::npos);
  CHECK_FALSE(contains(method.body.substr(genese, method.body.find('>', genese) - genese), "data-requis"));
  const auto jalons = method.body.find("name=\"s.jalons\"");
  REQUIRE(jalons != std::string::npos);
  CHECK(contains(method.body.substr(jalons, method.body.find('>', jalons) - jalons), "data-requis"));
  // An id typed in a new form is checked as the id the contribution will have: it was said to
  // differ from the file's name ("nouvelle-fiche"), an error nobody could fix.
  b.get("/contribuer/nouvelle");
  const Reply typed = b.post_form("/contribuer/nouvelle", {{"csrf", b.csrf()},
                                                           {"action", "verifier"},
                                                           {"f.id", "potager-des-lilas"},
                                                           {"f.titre", "Potager des Lilas"}});
  REQUIRE(typed.status == 200);
  CHECK_FALSE(contains(typed.body, "id-nom-fichier"));
  CHECK_FALSE(contains(typed.body, "nouvelle-fiche"));
}

TEST_CASE("contribution page: journal and versions in French local time, with a machine-readable time",
          "[server][write][pages][workflow]") {
  TestServer s;
  Accounts(s.dir() / "var").add("camille@exemple.fr", Role::Contributeur);
  Browser b = logged_in(s, "camille@exemple.fr");
  b.get("/contribuer/nouvelle");
  REQUIRE(b.post_form("/contribuer/nouvelle", {{"csrf", b.csrf()}, {"action", "enregistrer"}, {"f.titre", "Essai"}})
              .status == 303);
  const Reply page = b.get("/contributions/1");
  // « 6 décembre 2026 à 10 h 18 », not 2026-12-06T09:18:14Z; the UTC time stays in datetime.
  const std::regex french(
      "<time "
      "datetime=\"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z\">(1er|[0-9]{1,2})\u00a0[a-zéû]+\u00a0[0-9]{4}"
      " "
      "à [0-9]{1,2}\u00a0h\u00a0[0-9]{2}</time>");
  const auto journal = page.body.find("<h2>Journal</h2>");
  const auto versions = page.body.find("<h2>Versions</h2>");
  REQUIRE(journal != std::string::npos);
  REQUIRE(versions != std::string::npos);
  CHECK(std::regex_search(page.body.substr(journal, versions - journal), french));
  CHECK(std::regex_search(page.body.substr(versions), french));
  CHECK_FALSE(std::regex_search(page.body, std::regex(">[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:]+Z<")));
}

TEST_CASE("changes requested: the curator's comment at the top of the page and of the form, its lines kept",
          "[server][write][pages][workflow]") {
  TestServer s;
  Browser b = submitted_by_camille(s);
  Browser doc = logged_in(s, "doc@exemple.fr");
  doc.get("/contributions/1");
  REQUIRE(doc.post_form("/contributions/1", {{"csrf", doc.csrf()}, {"action", "prendre"}}).status == 303);
  doc.get("/contributions/1");
  REQUIRE(doc.post_form("/contributions/1",
                        {{"csrf", doc.csrf()},
                         {"action", "demander-modifications"},
                         {"commentaire",
                          "Merci de :\r\n1. nommer les <partenaires> ;\r\n2. ajouter une source.\r\n\r\nBon courage"}})
              .status == 303);
  const std::string box =
      "<p>Merci de :<br>1. nommer les &lt;partenaires&gt; ;<br>2. ajouter une source.</p><p>Bon courage</p>";
  for (const char* address : {"/contributions/1", "/contributions/1/modifier"}) {
    INFO(address);
    const Reply page = b.get(address);
    REQUIRE(page.status == 200);
    // Labelled, before anything else of the page's content (the state, the form's fields).
    const auto at = page.body.find("<section class=\"demande\" aria-labelledby=\"demande-titre\">");
    REQUIRE(at != std::string::npos);
    CHECK(at < std::min(page.body.find("<dl>"), page.body.find("id=\"formulaire\"")));
    CHECK(
        std::regex_search(page.body, std::regex("<h2 id=\"demande-titre\">Modifications demandées par Marie Doc le "
                                                "<time datetime=\"[0-9T:Z-]+\">[^<]+\u00a0h\u00a0[^<]+</time></h2>")));
    CHECK(contains(page.body, box));  // escaped, its lines and paragraphs kept
  }
  // The journal keeps the lines too, between French quotes (no <q>: Chromium shows it as «x»).
  const Reply page = b.get("/contributions/1");
  CHECK_FALSE(contains(page.body, "<q>"));
  CHECK(contains(page.body,
                 "«\u202fMerci de :<br>1. nommer les &lt;partenaires&gt; ;<br>2. ajouter une source.<br><br>Bon "
                 "courage\u202f»"));
  // Sent back: the request is answered, the box goes.
  REQUIRE(b.post_form("/contributions/1", {{"csrf", b.csrf()}, {"action", "soumettre"}}).status == 303);
  CHECK_FALSE(contains(b.get("/contributions/1").body, "class=\"demande\""));
}

TEST_CASE("contribution form: no title, nothing created, the Titre field named, what was typed kept",
          "[server][write][pages][form]") {
  TestServer s;
  Accounts(s.dir() / "var").add("camille@exemple.fr", Role::Contributeur);
  Browser b = logged_in(s, "camille@exemple.fr");
  for (const char* action : {"enregistrer", "soumettre"}) {
    INFO(action);
    b.get("/contribuer/nouvelle");
    const Reply refused = b.post_form("/contribuer/nouvelle", {{"csrf", b.csrf()},
                                                               {"action", action},
                                                               {"f.id", ""},
                                                               {"f.titre", " "},
                                                               {"f.en_bref", "Un repas par mois entre voisins."}});
    CHECK(refused.status == 422);
    CHECK(contains(refused.body, "<a href=\"#c-titre\">Erreur : Donnez au moins un titre."));
    CHECK(contains(refused.body, "<title>Erreur\u00a0: Proposer une fiche"));
    CHECK(contains(refused.body, "Un repas par mois entre voisins.</textarea>"));
    CHECK_FALSE(contains(refused.body, "front-matter-vide"));
    CHECK(b.get("/contributions/1").status == 404);
  }
  // « Vérifier » an empty form says the same, not « l'en-tête YAML est vide ».
  b.get("/contribuer/nouvelle");
  const Reply checked = b.post_form("/contribuer/nouvelle", {{"csrf", b.csrf()}, {"action", "verifier"}});
  CHECK(contains(checked.body, "<a href=\"#c-titre\">Erreur : Donnez au moins un titre."));
  CHECK_FALSE(contains(checked.body, "front-matter-vide"));
  // Without an error, the page's title is the form's.
  CHECK(contains(b.get("/contribuer/nouvelle").body, "<title>Proposer une fiche"));
}

TEST_CASE("contribution form: the id stays editable until the sheet is first published",
          "[server][write][pages][form]") {
  TestServer s;
  Accounts acc(s.dir() / "var");
  acc.add("camille@exemple.fr", Role::Contributeur);
  acc.add("doc@exemple.fr", Role::Documentaliste);
  Browser b = logged_in(s, "camille@exemple.fr");
  b.get("/contribuer/nouvelle");
  REQUIRE(b.post_form("/contribuer/nouvelle",
                      {{"csrf", b.csrf()}, {"action", "enregistrer"}, {"f.titre", "Jardin des Lilsa"}})
              .status == 303);
  Reply edit = b.get("/contributions/1/modifier");
  CHECK(contains(edit.body, "name=\"f.id\""));
  CHECK_FALSE(contains(edit.body, "value=\"jardin-des-lilsa\" readonly"));
  auto fields = form_of(edit.body, "/contributions/1/modifier", "enregistrer");
  set(fields, "f.titre", "Jardin des Lilas");
  set(fields, "f.id", "jardin-des-lilas");
  REQUIRE(b.post_form("/contributions/1/modifier", fields).status == 303);
  CHECK(contains(b.get("/contributions/1").body, "<dd>jardin-des-lilas"));
  // An id already used by another contribution: refused beside the field, nothing lost.
  b.get("/contribuer/nouvelle");
  REQUIRE(
      b.post_form("/contribuer/nouvelle", {{"csrf", b.csrf()}, {"action", "enregistrer"}, {"f.titre", "Autre jardin"}})
          .status == 303);
  fields = form_of(b.get("/contributions/2/modifier").body, "/contributions/2/modifier", "enregistrer");
  set(fields, "f.id", "jardin-des-lilas");
  const Reply taken = b.post_form("/contributions/2/modifier", fields);
  CHECK(taken.status == 409);
  CHECK(contains(taken.body, "<a href=\"#c-id\">"));
  CHECK(contains(b.get("/contributions/2").body, "<dd>autre-jardin"));
  // Published: the id is fixed (its address is public).
  REQUIRE(import_sheet(b, "potager-des-lilas", "Potager des Lilas").status == 303);
  REQUIRE(press(b, 3, "soumettre").status == 303);
  Browser doc = logged_in(s, "doc@exemple.fr");
  REQUIRE(press(doc, 3, "prendre").status == 303);
  REQUIRE(press(doc, 3, "publier").status == 303);
  edit = b.get("/contributions/3/modifier");
  CHECK(contains(edit.body, "value=\"potager-des-lilas\" readonly"));
}

TEST_CASE("contribution form: « Soumettre » on a published sheet left unchanged says there is nothing to submit",
          "[server][write][pages][form]") {
  TestServer s;
  Accounts acc(s.dir() / "var");
  acc.add("camille@exemple.fr", Role::Contributeur);
  acc.add("doc@exemple.fr", Role::Documentaliste);
  Browser b = logged_in(s, "camille@exemple.fr"), doc = logged_in(s, "doc@exemple.fr");
  REQUIRE(import_sheet(b, "potager-des-lilas", "Potager des Lilas").status == 303);
  REQUIRE(press(b, 1, "soumettre").status == 303);
  auto publish = [&] {
    REQUIRE(press(doc, 1, "prendre").status == 303);
    REQUIRE(press(doc, 1, "publier").status == 303);
  };
  publish();
  const fs::path file = s.dir() / "content" / "fiches" / "potager-des-lilas.md";
  const std::string published = read_file(file);
  // Its author opens the form and presses « Soumettre » without changing anything: she got the
  // workflow's error page (« Soumettre » impossible on a published sheet), her form gone. The sheet
  // was imported, written otherwise than the form writes it (its lists in the order typed): the
  // form sent back as shown was a changed sheet, a revision, and its submission went on.
  const auto fields = form_of(b.get("/contributions/1/modifier").body, "/contributions/1/modifier", "soumettre");
  const Reply r = b.post_form("/contributions/1/modifier", fields);
  CHECK(r.status == 409);
  CHECK(contains(r.body, "Rien n'a changé depuis la version en ligne : il n'y a rien à soumettre."));
  CHECK(contains(r.body, "action=\"/contributions/1/modifier\""));  // the form again
  // « Enregistrer » as well: no revision opened, the sheet online and its file as they were.
  auto saved = fields;
  set(saved, "action", "enregistrer");
  CHECK(b.post_form("/contributions/1/modifier", saved).status == 303);
  const Reply page = b.get("/contributions/1");
  CHECK(contains(page.body, "Publiée"));
  CHECK(contains(page.body, "<dt>Version actuelle</dt><dd>2</dd>"));  // the publication's, none after it
  CHECK(read_file(file) == published);
  // Changed, it is submitted as before.
  auto changed = fields;
  set(changed, "f.titre", "Potager partagé des Lilas");
  const Reply submitted = b.post_form("/contributions/1/modifier", changed);
  CHECK(submitted.status == 303);
  CHECK(submitted.header("location") == "/contributions/1?soumise=1");
}

TEST_CASE("contribution form: help without source references nor backticks, curation fields for curators only",
          "[server][write][pages][form]") {
  TestServer s;
  Browser b = submitted_by_camille(s);
  const Reply form = b.get("/contribuer/nouvelle");
  REQUIRE(form.status == 200);
  const std::string main = form.body.substr(form.body.find("<h1>"));
  CHECK_FALSE(contains(main, "`"));
  CHECK_FALSE(contains(main, "003:1491"));
  CHECK_FALSE(contains(main, "vocab:"));
  CHECK_FALSE(contains(main, "pratiques check"));
  CHECK(contains(main, "Un diagnostic a-t-il été partagé avec les personnes et les partenaires\u202f?"));
  CHECK(contains(main, "(rejoindre, comprendre, partager, agir)"));
  // The documentaliste's fields are not the contributor's; the consent is hers.
  for (const char* name : {"f.curation.curateur", "f.curation.version_grille", "f.curation.remplacee_par",
                           "f.curation.statut", "f.curation.date_publication"})
    CHECK_FALSE(contains(form.body, std::string("name=\"") + name + "\""));
  CHECK(contains(form.body, "name=\"f.curation.consentement\""));
  // The documentaliste sees and edits them.
  Browser doc = logged_in(s, "doc@exemple.fr");
  curated_and_sent_back(doc,
                        {{"f.curation.prochaine_revue", "2027-06-01"}, {"f.curation.curateur", "Pôle documentation"}});
  CHECK(contains(doc.get("/contributions/1").body, "prochaine_revue: &quot;2027-06-01&quot;"));
  // Saved by the contributor: the values of the hidden fields kept, and not hers to set.
  auto fields = form_of(b.get("/contributions/1/modifier").body, "/contributions/1/modifier", "enregistrer");
  set(fields, "f.titre", "Potager partagé des Lilas");
  fields.emplace_back("f.curation.curateur", "Moi");
  REQUIRE(b.post_form("/contributions/1/modifier", fields).status == 303);
  const Reply page = b.get("/contributions/1");
  CHECK(contains(page.body, "Potager partagé des Lilas"));
  CHECK(contains(page.body, "curateur: &quot;Pôle documentation&quot;"));
  CHECK(contains(page.body, "prochaine_revue: &quot;2027-06-01&quot;"));
}

// An import was a way round the form: the contributor's file set the curation fields her form hides.
TEST_CASE("contribution import: a contributor's file never sets the curation fields, she is told which were not taken",
          "[server][write][pages][form]") {
  TestServer s;
  Browser b = submitted_by_camille(s);  // her file had a curator, a next review…
  std::string text = b.get("/contributions/1").body;
  CHECK_FALSE(contains(text, "Service documentation de test"));
  CHECK_FALSE(contains(text, "prochaine_revue"));
  CHECK(contains(text, "consentement: sans-objet"));  // hers: kept
  CHECK(contains(text, "Potager des Lilas"));
  auto import = [](Browser& who, const std::string& form, const std::string& markdown) {
    std::smatch version;  // the version edited, as the form sends it
    const std::string page = who.get(form).body;
    std::regex_search(page, version, std::regex("name=\"version\" value=\"([0-9]+)\""));
    return who.post_form(form, {{"csrf", who.csrf()},
                                {"version", version.empty() ? "" : version[1].str()},
                                {"action", "importer"},
                                {"markdown", markdown}});
  };
  // A new sheet: the notice names the fields left empty.
  const Reply created = import(b, "/contribuer/nouvelle", valid_sheet("verger-des-lilas", "Verger des Lilas"));
  REQUIRE(created.status == 303);
  const Reply form = b.get(created.header("location"));
  CHECK(contains(form.body, "Champs réservés aux documentalistes non repris du fichier : « Statut », "));
  for (const char* label : {"« Curateur »", "« Prochaine revue »", "« Version de la grille »"})
    CHECK(contains(form.body, label));
  CHECK(contains(form.body, "(laissés vides, un documentaliste les remplit)."));

  // The documentaliste's import keeps them.
  Browser doc = logged_in(s, "doc@exemple.fr");
  const Reply by_doc = import(doc, "/contribuer/nouvelle", valid_sheet("cerisier-des-lilas", "Cerisier des Lilas"));
  REQUIRE(by_doc.status == 303);
  CHECK_FALSE(contains(by_doc.header("location"), "ignores"));
  CHECK_FALSE(contains(doc.get(by_doc.header("location")).body, "non repris du fichier"));
  CHECK(contains(doc.get("/contributions/3").body, "curateur: &quot;Service documentation de test&quot;"));

  // A version edited: its values, whatever the file says.
  curated_and_sent_back(doc, {{"f.curation.curateur", "Pôle documentation"}});
  const Reply revised =
      import(b, "/contributions/1/modifier", valid_sheet("potager-des-lilas", "Potager partagé des Lilas"));
  REQUIRE(revised.status == 303);
  const std::string notice = b.get(revised.header("location")).body;
  CHECK(contains(notice, "Champs réservés aux documentalistes non repris du fichier : « Statut », "));
  CHECK(contains(notice, "« Curateur », « Version de la grille » (valeurs de la version précédente conservées)."));
  text = b.get("/contributions/1").body;
  CHECK(contains(text, "Potager partagé des Lilas"));
  CHECK(contains(text, "curateur: &quot;Pôle documentation&quot;"));
  CHECK_FALSE(contains(text, "Service documentation de test"));
}

// Two sendings of one form (a slow network, a form resent, two requests at once) made two drafts,
// the second's id « potager-des-lilas-2 ».
TEST_CASE("contribution form: the same form sent twice creates one draft, the second sending lands on it",
          "[server][write][pages][form]") {
  TestServer s;
  Accounts(s.dir() / "var").add("camille@exemple.fr", Role::Contributeur);
  Browser b = logged_in(s, "camille@exemple.fr");
  auto new_form = [&](const std::string& button) {
    return form_of(b.get("/contribuer/nouvelle").body, "/contribuer/nouvelle", button);
  };
  // Both sendings land where the first does (`location`, or an address that starts with it).
  auto sent_twice = [&](const std::vector<std::pair<std::string, std::string>>& fields, const std::string& location) {
    for (int sending = 1; sending <= 2; ++sending) {
      INFO("envoi " << sending);
      const Reply r = b.post_form("/contribuer/nouvelle", fields);
      CHECK(r.status == 303);
      CHECK(r.header("location").starts_with(location));
    }
  };
  auto fields = new_form("enregistrer");
  CHECK(std::find_if(fields.begin(), fields.end(), [](const auto& f) { return f.first == "cle"; }) != fields.end());
  set(fields, "f.titre", "Potager des Lilas");
  sent_twice(fields, "/contributions/1/modifier?enregistree=1");
  CHECK(b.get("/contributions/2").status == 404);
  CHECK(contains(b.get("/contributions/1/modifier?enregistree=1").body, "Brouillon enregistré (version 1)."));
  // The page kept by the browser, changed and sent again: the same draft's next version, nothing lost.
  set(fields, "f.en_bref", "Un potager partagé au pied des immeubles.");
  CHECK(b.post_form("/contribuer/nouvelle", fields).header("location") == "/contributions/1/modifier?enregistree=1");
  CHECK(contains(b.get("/contributions/1").body, "Un potager partagé au pied des immeubles."));
  CHECK(b.get("/contributions/2").status == 404);

  // Submitted twice: the second sending shows the submitted contribution, as the first did.
  b.get("/contribuer/nouvelle");
  REQUIRE(b.post_form("/contribuer/nouvelle", {{"csrf", b.csrf()},
                                               {"action", "importer"},
                                               {"markdown", valid_sheet("verger-des-lilas", "Verger des Lilas")}})
              .status == 303);
  auto valid = form_of(b.get("/contributions/2/modifier").body, "/contributions/2/modifier", "soumettre");
  set(valid, "f.id", "verger-des-glycines");
  set(valid, "f.titre", "Verger des Glycines");
  std::vector<std::pair<std::string, std::string>> submit;  // the new form's keys, the valid sheet's fields
  for (const auto& [name, value] : new_form("soumettre"))
    if (!name.starts_with("f.") && !name.starts_with("s.")) submit.emplace_back(name, value);
  for (const auto& [name, value] : valid)
    if (name.starts_with("f.") || name.starts_with("s.")) submit.emplace_back(name, value);
  sent_twice(submit, "/contributions/3?soumise=1");
  CHECK(b.get("/contributions/4").status == 404);

  // The Markdown form of the page has its own key: sent twice, one draft.
  const std::string page = b.get("/contribuer/nouvelle").body;
  const std::string markdown_form = page.substr(page.find("enctype=\"multipart/form-data\""));
  std::smatch key;
  REQUIRE(std::regex_search(markdown_form, key, std::regex("name=\"cle\" value=\"([^\"]+)\"")));
  sent_twice({{"csrf", b.csrf()},
              {"cle", key[1].str()},
              {"action", "importer"},
              {"markdown", valid_sheet("poulailler", "Poulailler des Lilas")}},
             "/contributions/4/modifier?importee=1");
  CHECK(b.get("/contributions/5").status == 404);
  // Another form (a new page, a new key): another draft.
  auto another = new_form("enregistrer");
  set(another, "f.titre", "Potager des Lilas");
  CHECK(b.post_form("/contribuer/nouvelle", another).header("location") == "/contributions/5/modifier?enregistree=1");
}

TEST_CASE("preview: a way back to the form with what was typed, no link that would be broken",
          "[server][write][pages][form]") {
  TestServer s;
  Accounts(s.dir() / "var").add("camille@exemple.fr", Role::Contributeur);
  Browser b = logged_in(s, "camille@exemple.fr");
  b.get("/contribuer/nouvelle");
  const Reply preview = b.post_form("/contribuer/nouvelle", {{"csrf", b.csrf()},
                                                             {"action", "apercu"},
                                                             {"f.titre", "Un titre \"cité\""},
                                                             {"s.objectifs", "Ligne 1\nLigne <2>"}});
  REQUIRE(preview.status == 200);
  for (const char* broken :
       {"href=\"citation.bib\"", "href=\"citation.ris\"", "href=\"citation.json\"", "href=\"parcours\""})
    CHECK_FALSE(contains(preview.body, broken));
  // « Revenir au formulaire » posts the same fields back: the form, as it was typed.
  const auto at =
      preview.body.find("<form class=\"retour-formulaire\" action=\"/contribuer/nouvelle\" method=\"post\">");
  REQUIRE(at != std::string::npos);
  const std::string back = preview.body.substr(at, preview.body.find("</form>", at) - at);
  CHECK(contains(back, "<button type=\"submit\" name=\"action\" value=\"formulaire\">Revenir au formulaire</button>"));
  CHECK(contains(back, "<input type=\"hidden\" name=\"f.titre\" value=\"Un titre &quot;cité&quot;\">"));
  std::vector<std::pair<std::string, std::string>> fields;
  const std::regex hidden("<input type=\"hidden\" name=\"([^\"]*)\" value=\"([^\"]*)\">");
  for (auto it = std::sregex_iterator(back.begin(), back.end(), hidden); it != std::sregex_iterator(); ++it)
    fields.emplace_back(unescape((*it)[1]), unescape((*it)[2]));
  fields.emplace_back("action", "formulaire");
  const Reply form = b.post_form("/contribuer/nouvelle", fields);
  REQUIRE(form.status == 200);
  CHECK(contains(form.body, "<h1>Proposer une fiche</h1>"));
  CHECK(contains(form.body, "value=\"Un titre &quot;cité&quot;\""));
  CHECK(contains(form.body, "Ligne 1\nLigne &lt;2&gt;</textarea>"));
  CHECK_FALSE(contains(form.body, "class=\"resume-erreurs\""));  // back, not checked
  CHECK(b.get("/contributions/1").status == 404);                // nothing saved
}

TEST_CASE("preview: the permanent address of a sheet never published is text, active at its publication",
          "[server][write][pages][form]") {
  TestServer s;
  Accounts(s.dir() / "var").add("camille@exemple.fr", Role::Contributeur);
  Browser b = logged_in(s, "camille@exemple.fr");
  auto preview = [&](const std::string& id) {
    b.get("/contribuer/nouvelle");
    const Reply r =
        b.post_form("/contribuer/nouvelle",
                    {{"csrf", b.csrf()}, {"action", "apercu"}, {"f.id", id}, {"f.titre", "Jardin partagé"}});
    REQUIRE(r.status == 200);
    const auto at = r.body.find("Adresse permanente");
    REQUIRE(at != std::string::npos);
    return r.body.substr(at, r.body.find("</p>", at) - at);
  };
  // Its page does not exist yet: a link there answered 404. Its address is the one it will have
  // (its id, or one made from its title), not a placeholder's.
  const std::string unpublished = preview("");
  CHECK(std::regex_search(unpublished,
                          std::regex("<span class=\"url\">http://[^<]*/fiches/jardin-partage/</span> \\(active à la "
                                     "publication de la fiche\\)")));
  CHECK_FALSE(contains(unpublished, "<a "));
  CHECK(contains(preview("jardin-des-lilas"), "/fiches/jardin-des-lilas/</span> (active à la publication"));
  // A revision of a published sheet: its address answers, a link.
  const std::string published = preview("sejour-repit-aidants-msa");
  CHECK(std::regex_search(published,
                          std::regex("<a class=\"url\" href=\"http://[^\"]*/fiches/sejour-repit-aidants-msa/\">")));
  CHECK_FALSE(contains(published, "active à la publication"));
  CHECK(s.get("/fiches/sejour-repit-aidants-msa/").status == 200);
}

TEST_CASE("contribution form: each field of a group is named with its group, required only within its item",
          "[server][write][pages][form][a11y]") {
  TestServer s;
  Accounts(s.dir() / "var").add("camille@exemple.fr", Role::Contributeur);
  Browser b = logged_in(s, "camille@exemple.fr");
  const Reply form = b.get("/contribuer/nouvelle");
  REQUIRE(form.status == 200);
  // The label of every field (not the choices of a list): its text as a screen reader says it.
  std::map<std::string, int> names;
  const std::regex label("<label for=\"([^\"]+)\">((?:(?!</label>).)*class=\"statut\"(?:(?!</label>).)*)</label>");
  for (auto it = std::sregex_iterator(form.body.begin(), form.body.end(), label); it != std::sregex_iterator(); ++it)
    ++names[std::regex_replace(std::string((*it)[2]), std::regex("<[^>]*>"), "")];
  for (const auto& [name, n] : names) {
    INFO(name);
    CHECK(n == 1);
  }
  CHECK(names.count("Titre (obligatoire)"));  // the sheet's
  CHECK(names.count("Titre (Sources, nouvel élément) (obligatoire si cet élément est rempli)"));
  CHECK(names.count("Nom (Partenaires, nouvel élément) (obligatoire si cet élément est rempli)"));
  CHECK(names.count("Nom (Territoire) (obligatoire)"));
}

TEST_CASE("contribution form: a missing list of objects is the error of its own group, not of the title",
          "[server][write][pages][form][a11y]") {
  TestServer s;
  Accounts(s.dir() / "var").add("camille@exemple.fr", Role::Contributeur);
  Browser b = logged_in(s, "camille@exemple.fr");
  b.get("/contribuer/nouvelle");
  const Reply checked = b.post_form("/contribuer/nouvelle",
                                    {{"csrf", b.csrf()}, {"action", "verifier"}, {"f.titre", "Jardin des Lilas"}});
  REQUIRE(checked.status == 200);
  // Each missing list: the summary links to its group, which is invalid and described by its message.
  for (const char* list : {"redacteurs", "partenaires", "sources"}) {
    INFO(list);
    const std::string id = std::string("c-") + list;
    CHECK(std::regex_search(checked.body, std::regex("<a href=\"#" + id + "\">[^<]*« " + list + " »")));
    CHECK(std::regex_search(checked.body, std::regex("<fieldset class=\"groupe\" id=\"" + id +
                                                     "\" aria-describedby=\"" + id + "-aide " + id + "-erreurs\"")));
    CHECK(std::regex_search(checked.body, std::regex("<ul class=\"erreurs-champ\" id=\"" + id +
                                                     "-erreurs\">(?:(?!</ul>).)*« " + list + " »")));
  }
  CHECK(contains(checked.body,
                 "<fieldset class=\"groupe\" id=\"c-redacteurs\" aria-describedby=\"c-redacteurs-aide "
                 "c-redacteurs-erreurs\" aria-invalid=\"true\">"));
  // The title, filled in, is neither invalid nor described by those messages.
  CHECK(contains(checked.body, "id=\"c-titre\" name=\"f.titre\" aria-describedby=\"c-titre-aide\" "));
  CHECK_FALSE(contains(checked.body, "id=\"c-titre-erreurs\""));
  CHECK_FALSE(
      std::regex_search(checked.body, std::regex("<a href=\"#c-titre\">[^<]*« (redacteurs|partenaires|sources) »")));
}

TEST_CASE("contribution form: a date field says the formats the grid accepts in its help, not in a placeholder",
          "[server][write][pages][form][a11y]") {
  TestServer s;
  Accounts(s.dir() / "var").add("camille@exemple.fr", Role::Contributeur);
  Browser b = logged_in(s, "camille@exemple.fr");
  const Reply form = b.get("/contribuer/nouvelle");
  REQUIRE(form.status == 200);
  for (const char* id : {"c-periode-debut", "c-periode-fin", "c-periode-attestee"}) {
    INFO(id);
    const std::string i = id;
    // The help, visible and tied to the field, names the three forms the validator accepts.
    CHECK(std::regex_search(
        form.body, std::regex("<p class=\"aide\" id=\"" + i + "-aide\">(?:(?!</p>).)*AAAA-MM-JJ, AAAA-MM ou AAAA\\b")));
    CHECK(std::regex_search(form.body,
                            std::regex("id=\"" + i + "\" name=\"[^\"]+\" aria-describedby=\"" + i + "-aide\"")));
  }
  CHECK_FALSE(contains(form.body, "placeholder=\"AAAA-MM-JJ\""));
}
