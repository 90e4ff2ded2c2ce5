// Courses for trainers through the contribution workflow (issue 17), over HTTP as a browser without
// JavaScript and as an API client uses them: the course form generated from schemas/parcours.yaml,
// its errors naming their field, the workflow to content/parcours/<id>.md and the course's page,
// "Ajouter à un parcours" from a sheet, roles refused with 403 and a French message, CSRF tokens.
#include <catch2/catch.hpp>

#include "write_client.h"

using namespace testing;
using pratiques::write::Role;

namespace {

// Every piece is in `body` (each checked on its own, named when missing).
void check_has(const std::string& body, std::initializer_list<std::string> pieces) {
  for (const auto& p : pieces) {
    INFO(p);
    CHECK(contains(body, p));
  }
}

constexpr const char* kSheet = "familles-cafe-des-parents-roubaix";  // a sheet of the fixture corpus

std::string valid_course(const std::string& id, const std::string& title) {
  return "---\nid: " + id + "\ntitre: \"" + title +
         "\"\npublic_vise: \"Étudiants DEES de deuxième année\"\n"
         "objectifs_pedagogiques:\n  - \"Analyser comment des parents prennent place dans un collectif\"\n"
         "diplomes: [dees]\ndomaines_competences: [socle-dc3]\nduree: \"3 h\"\n"
         "evaluation_acquis:\n  modalites: \"Analyse écrite d'une fiche\"\n  criteres:\n    - \"Distingue ce que la "
         "fiche rapporte de ce qu'elle infère\"\n"
         "etapes:\n  - fiche: " +
         std::string(kSheet) +
         "\n    section: objectifs\n    consigne: \"Relevez les objectifs du café des parents.\"\n    "
         "domaines_competences: [socle-dc3]\n"
         "redacteurs:\n  - nom: \"Claire Formatrice\"\n    role: formateur\nlicence: cc-by-4-0\n---\n\n"
         "## Notes pour le formateur\n\nPrésenter la fiche comme un exemple.\n\n"
         "## Questions à poser\n\n- Qui a eu l'idée du café ?\n\n"
         "## Activités\n\nAnalyse en petits groupes.\n";
}

Reply api(TestServer& s, const std::string& method, const std::string& target, const std::string& token,
          const std::string& body = "", const std::string& type = "application/json") {
  Headers h{{"Authorization", "Bearer " + token}};
  if (!body.empty()) h.emplace_back("Content-Type", type);
  return send(s.port(), method, target, h, body);
}

// A course imported in Markdown through the course form by `b`'s session (a new draft).
void import_course(Browser& b, const std::string& id, const std::string& title) {
  b.get("/parcours/nouveau");
  REQUIRE(b.post_form("/parcours/nouveau",
                      {{"csrf", b.csrf()}, {"action", "importer"}, {"markdown", valid_course(id, title)}})
              .status == 303);
}

// A server with one account per role these tests need.
struct People {
  TestServer s;
  Accounts acc{s.dir() / "var"};
  People() {
    acc.add("camille@exemple.fr", Role::Contributeur);
    acc.add("claire@exemple.fr", Role::Formateur, "une phrase de passe", "Claire Formatrice");
    acc.add("doc@exemple.fr", Role::Documentaliste, "une phrase de passe", "Marie Doc");
  }
};

}  // namespace

TEST_CASE(
    "courses: the form is generated from parcours.yaml, for formateurs and curators, contributors get a 403 saying why",
    "[server][write][pages][courses]") {
  People people;
  TestServer& s = people.s;
  Accounts& acc = people.acc;
  Browser anonymous(s.port());
  const Reply away = anonymous.get("/parcours/nouveau");
  CHECK(away.status == 303);
  CHECK(away.header("location") == "/connexion?suite=%2Fparcours%2Fnouveau");

  Browser contributor = logged_in(s, "camille@exemple.fr");
  const Reply refused = contributor.get("/parcours/nouveau");
  CHECK(refused.status == 403);
  CHECK(contains(
      refused.body,
      "Les parcours de formation sont réservés aux formateurs et aux documentalistes (votre rôle : Contributeur)"));
  CHECK_FALSE(contains(contributor.get("/contributions/").body, "/parcours/nouveau"));

  Browser trainer = logged_in(s, "claire@exemple.fr");
  CHECK(contains(trainer.get("/contributions/").body,
                 "<a href=\"/parcours/nouveau\">Créer un parcours de formation</a>"));
  const Reply form = trainer.get("/parcours/nouveau");
  REQUIRE(form.status == 200);
  // Fields, sub-fields, vocabularies and sections of schemas/parcours.yaml, with their help.
  check_has(form.body,
            {"<h1>Créer un parcours de formation</h1>", "<h2>En-tête du parcours</h2>",
             "<label for=\"c-public-vise\">Public visé <span class=\"statut\">(obligatoire)</span></label>",
             "Apprenants concernés\u00a0: diplôme préparé", "name=\"f.evaluation_acquis.modalites\"",
             "name=\"f.etapes.0.fiche\"", "name=\"f.etapes.0.consigne\"", "name=\"f.diplomes\" value=\"dees\"",
             "<textarea id=\"s-notes-formateur\" name=\"s.notes_formateur\""});
  CHECK_FALSE(contains(form.body, "name=\"f.curation"));  // nothing of the sheets' grid
  CHECK(contains(form.body, "<button type=\"submit\" name=\"action\" value=\"apercu\">Aperçu</button>"));
  Browser doc = logged_in(s, "doc@exemple.fr");
  CHECK(doc.get("/parcours/nouveau").status == 200);
  // The API: ?type=parcours; a contributor is refused there too.
  const Reply no = api(s, "POST", "/api/contributions?type=parcours", acc.token("camille@exemple.fr"),
                       valid_course("parcours-cafe", "Café"), "text/markdown; charset=utf-8");
  CHECK(no.status == 403);
  CHECK(contains(no.body, "réservés aux formateurs"));
  const Reply bad = api(s, "POST", "/api/contributions?type=cours", acc.token("claire@exemple.fr"),
                        valid_course("parcours-cafe", "Café"), "text/markdown; charset=utf-8");
  CHECK(bad.status == 400);
  const Reply yes = api(s, "POST", "/api/contributions?type=parcours", acc.token("claire@exemple.fr"),
                        valid_course("parcours-cafe", "Café"), "text/markdown; charset=utf-8");
  REQUIRE(yes.status == 201);
  CHECK(json_get(yes.body, "type") == "parcours");
  CHECK(json_get(yes.body, "fiche") == "parcours-cafe");
  const Reply listed = api(s, "GET", "/api/contributions?type=parcours", acc.token("claire@exemple.fr"));
  CHECK(json_get(listed.body, "total") == "1");
  CHECK(json_get(api(s, "GET", "/api/contributions?type=fiche", acc.token("claire@exemple.fr")).body, "total") == "0");
}

TEST_CASE("courses: Vérifier names each wrong field of the course, beside it and at the top",
          "[server][write][pages][courses]") {
  People people;
  TestServer& s = people.s;
  Browser b = logged_in(s, "claire@exemple.fr");
  b.get("/parcours/nouveau");
  const Reply saved = b.post_form("/parcours/nouveau", {{"csrf", b.csrf()},
                                                        {"action", "enregistrer"},
                                                        {"f.titre", "Associer les parents"},
                                                        {"f.etapes.n", "1"},
                                                        {"f.etapes.0.fiche", "cafe-des-parent"}});
  REQUIRE(saved.status == 303);
  CHECK(saved.header("location") == "/contributions/1/modifier?enregistree=1");
  const Reply edit = b.get("/contributions/1/modifier");
  // An id from the title, editable until the course is published.
  CHECK(contains(edit.body, "value=\"parcours-associer-les-parents\" maxlength="));
  const Reply checked = b.post_form("/contributions/1/modifier", {{"csrf", b.csrf()},
                                                                  {"version", "1"},
                                                                  {"action", "verifier"},
                                                                  {"f.titre", "Associer les parents"},
                                                                  {"f.etapes.n", "1"},
                                                                  {"f.etapes.0.fiche", "cafe-des-parent"}});
  REQUIRE(checked.status == 200);
  // A step citing no published sheet: the step's "fiche" field, with the rule id; a mandatory field left empty, named.
  check_has(checked.body,
            {"<a href=\"#c-etapes-0-fiche\">Erreur : Étapes n° 1 : étape : fiche inconnue « cafe-des-parent »",
             "id=\"c-etapes-0-fiche-erreurs\"", "[fiche-inconnue]",
             "<a href=\"#c-public-vise\">Erreur : clé obligatoire absente ou vide : « public_vise »",
             "id=\"c-public-vise\" name=\"f.public_vise\" aria-describedby=\"c-public-vise-aide "
             "c-public-vise-erreurs\" aria-invalid=\"true\"",
             // A missing list of objects: its own group, not the id's field.
             "<a href=\"#c-redacteurs\">Avertissement : clé recommandée absente : « redacteurs »",
             "<fieldset class=\"groupe\" id=\"c-redacteurs\" aria-describedby=\"c-redacteurs-aide "
             "c-redacteurs-erreurs\">"});
  CHECK_FALSE(contains(checked.body, "<a href=\"#c-id\">"));
  // Soumettre with errors: kept as a draft (422).
  const Reply refused =
      b.post_form("/contributions/1/modifier",
                  {{"csrf", b.csrf()}, {"version", "1"}, {"action", "soumettre"}, {"f.titre", "Associer les parents"}});
  CHECK(refused.status == 422);
  CHECK(contains(refused.body, "mais pas soumis"));
}

TEST_CASE(
    "course workflow: submitted by a trainer, reviewed and published by a documentaliste to content/parcours/, online "
    "at once, archived",
    "[server][write][pages][courses][workflow]") {
  People people;
  TestServer& s = people.s;
  Browser t = logged_in(s, "claire@exemple.fr");
  import_course(t, "parcours-cafe-des-parents", "Le café des parents");
  Reply edit = t.get("/contributions/1/modifier?importee=1");
  CHECK(contains(edit.body, "Vérification faite : aucune erreur selon la grille."));
  REQUIRE(t.post_form("/contributions/1", {{"csrf", t.csrf()}, {"action", "soumettre"}}).status == 303);
  // A trainer neither takes nor publishes (403); another person does not see the course.
  t.get("/contributions/1");
  CHECK(t.post_form("/contributions/1", {{"csrf", t.csrf()}, {"action", "prendre"}}).status == 403);
  CHECK(logged_in(s, "camille@exemple.fr").get("/contributions/1").status == 403);

  Browser d = logged_in(s, "doc@exemple.fr");
  Reply page = d.get("/contributions/1");
  CHECK(contains(page.body, "<dt>Parcours</dt><dd>parcours-cafe-des-parents"));
  REQUIRE(d.post_form("/contributions/1", {{"csrf", d.csrf()}, {"action", "prendre"}}).status == 303);
  d.get("/contributions/1");
  const Reply no_comment =
      d.post_form("/contributions/1", {{"csrf", d.csrf()}, {"action", "demander-modifications"}, {"commentaire", ""}});
  CHECK(no_comment.status == 400);
  CHECK(contains(no_comment.body, "Un commentaire est obligatoire"));
  REQUIRE(d.post_form("/contributions/1", {{"csrf", d.csrf()},
                                           {"action", "demander-modifications"},
                                           {"commentaire", "Ajoutez une question sur la place des pères."}})
              .status == 303);
  edit = t.get("/contributions/1/modifier");
  REQUIRE(edit.status == 200);
  CHECK(contains(t.get("/contributions/1").body, "Ajoutez une question sur la place des pères."));
  REQUIRE(t.post_form("/contributions/1", {{"csrf", t.csrf()}, {"action", "soumettre"}}).status == 303);
  d.get("/contributions/1");
  REQUIRE(d.post_form("/contributions/1", {{"csrf", d.csrf()}, {"action", "prendre"}}).status == 303);
  d.get("/contributions/1");
  const Reply published = d.post_form("/contributions/1", {{"csrf", d.csrf()}, {"action", "publier"}});
  INFO(d.get("/contributions/1").body);
  REQUIRE(published.status == 303);
  page = d.get("/contributions/1");
  CHECK(contains(page.body, "<strong class=\"etat etat-publiee\">Publiée</strong>"));
  CHECK(contains(page.body, "<a href=\"/parcours/parcours-cafe-des-parents/\">la page publiée</a>"));
  // The file, in canonical form with its publication dates; the course's page and the list, online.
  const fs::path file = s.dir() / "content" / "parcours" / "parcours-cafe-des-parents.md";
  REQUIRE(fs::exists(file));
  const std::string text = read_file(file);
  CHECK(contains(text, "id: parcours-cafe-des-parents\n"));
  CHECK(contains(text, "date_publication: \""));
  CHECK(contains(text, "## Notes pour le formateur"));
  const Reply online = s.get("/parcours/parcours-cafe-des-parents/");
  REQUIRE(online.status == 200);
  CHECK(contains(online.body, "Le café des parents"));
  CHECK(contains(online.body, "/fiches/familles-cafe-des-parents-roubaix/#objectifs"));
  CHECK(contains(s.get("/parcours/").body, "href=\"/parcours/parcours-cafe-des-parents/\""));
  // Completion offers it by its title, a moment later (its keys are rebuilt off the request path);
  // it offered no course.
  CHECK(testing::wait_until([&] {
    const std::string body = s.get("/api/suggestions?q=caf%C3%A9%20des%20par").body;
    return contains(body, "\"libelle\":\"Le café des parents\",\"type\":\"parcours\"") &&
           contains(body, "\"url\":\"/parcours/parcours-cafe-des-parents/\"");
  }));
  // Archived (comment mandatory): the course leaves the site, its text stays in the workflow.
  d.get("/contributions/1");
  CHECK(d.post_form("/contributions/1", {{"csrf", d.csrf()}, {"action", "archiver"}, {"commentaire", ""}}).status ==
        400);
  REQUIRE(
      d.post_form("/contributions/1",
                  {{"csrf", d.csrf()}, {"action", "archiver"}, {"commentaire", "Remplacé par un module plus complet."}})
          .status == 303);
  CHECK_FALSE(fs::exists(file));
  CHECK(s.get("/parcours/parcours-cafe-des-parents/").status == 404);
  CHECK_FALSE(contains(s.get("/parcours/").body, "parcours-cafe-des-parents"));
  CHECK(contains(d.get("/contributions/1").body, "<strong class=\"etat etat-archivee\">Archivée</strong>"));
}

TEST_CASE("courses: an error about a session links to the field concerned, not to the list of sessions",
          "[server][write][pages][courses]") {
  People people;
  TestServer& s = people.s;
  Browser b = logged_in(s, "claire@exemple.fr");
  b.get("/parcours/nouveau");
  const std::vector<std::pair<std::string, std::string>> course{{"f.titre", "Associer les parents"},
                                                                {"f.seances.n", "2"},
                                                                {"f.seances.0.numero", "1"},
                                                                {"f.seances.0.titre", "Découvrir"},
                                                                {"f.seances.0.duree", "1 h"},
                                                                {"f.seances.1.numero", "2"},
                                                                {"f.seances.1.duree", "deux heures"},
                                                                {"f.etapes.n", "1"},
                                                                {"f.etapes.0.fiche", kSheet},
                                                                {"f.etapes.0.consigne", "Lisez."},
                                                                {"f.etapes.0.domaines_competences", "socle-dc3"},
                                                                {"f.etapes.0.seance", "3"}};
  auto fields = course;
  fields.insert(fields.begin(), {{"csrf", b.csrf()}, {"action", "enregistrer"}});
  REQUIRE(b.post_form("/parcours/nouveau", fields).status == 303);
  b.get("/contributions/1/modifier");
  fields = course;
  fields.insert(fields.begin(), {{"csrf", b.csrf()}, {"version", "1"}, {"action", "verifier"}});
  const Reply checked = b.post_form("/contributions/1/modifier", fields);
  REQUIRE(checked.status == 200);
  // A step naming a session the course does not declare: the step's "Séance" field.
  check_has(checked.body, {"<a href=\"#c-etapes-0-seance\">Erreur : Étapes n° 1 : étape : aucune séance numéro 3",
                           "id=\"c-etapes-0-seance-erreurs\""});
  CHECK_FALSE(contains(checked.body, "<a href=\"#c-seances\">"));
  CHECK_FALSE(contains(checked.body, "id=\"c-seances-erreurs\""));
  // A session's own field: its title left empty, its duration misspelt.
  check_has(checked.body,
            {"<a href=\"#c-seances-1-titre\">Erreur : Séances n° 2 : clé obligatoire absente ou vide",
             "<a href=\"#c-seances-1-duree\">Erreur : Séances n° 2 : « seances.duree » : durée invalide"});
}

TEST_CASE(
    "Ajouter à un parcours: from a sheet to a new or existing draft, login and back, 403 for other roles, CSRF checked",
    "[server][write][pages][courses][steps]") {
  People people;
  TestServer& s = people.s;
  const std::string target = "/parcours/ajouter?fiche=" + std::string(kSheet) + "&section=objectifs";
  // Anonymous: to the login page, and back here once logged in.
  Browser b(s.port());
  const Reply away = b.get(target);
  CHECK(away.status == 303);
  CHECK(away.header("location") ==
        "/connexion?suite=%2Fparcours%2Fajouter%3Ffiche%3D" + std::string(kSheet) + "%26section%3Dobjectifs");
  b.get(away.header("location"));
  const Reply back = b.post_form("/connexion", {{"csrf", b.csrf()},
                                                {"courriel", "claire@exemple.fr"},
                                                {"mot_de_passe", "une phrase de passe"},
                                                {"suite", target}});
  CHECK(back.status == 303);
  CHECK(back.header("location") == target);
  // Other roles: 403, said in French.
  const Reply refused = logged_in(s, "camille@exemple.fr").get(target);
  CHECK(refused.status == 403);
  CHECK(contains(refused.body, "réservés aux formateurs et aux documentalistes"));

  Reply page = b.get(target);
  REQUIRE(page.status == 200);
  CHECK(contains(page.body, "<h1>Ajouter à un parcours</h1>"));
  CHECK(contains(page.body, "<option value=\"objectifs\" selected>Objectifs</option>"));
  CHECK(contains(page.body, "value=\"nouveau\" checked"));  // no draft yet: a new course
  CHECK(b.get("/parcours/ajouter?fiche=inconnue").status == 404);
  // Without the token: refused, nothing created.
  CHECK(b.post_form("/parcours/ajouter",
                    {{"fiche", kSheet}, {"section", "objectifs"}, {"parcours", "nouveau"}, {"titre", "X"}})
            .status == 403);
  b.get(target);
  const Reply untitled = b.post_form(
      "/parcours/ajouter", {{"csrf", b.csrf()}, {"fiche", kSheet}, {"section", "objectifs"}, {"parcours", "nouveau"}});
  CHECK(untitled.status == 400);
  CHECK(contains(untitled.body, "Donnez un titre au nouveau parcours"));
  const Reply added = b.post_form("/parcours/ajouter", {{"csrf", b.csrf()},
                                                        {"fiche", kSheet},
                                                        {"section", "objectifs"},
                                                        {"parcours", "nouveau"},
                                                        {"titre", "Associer les parents"}});
  REQUIRE(added.status == 303);
  CHECK(added.header("location") == "/contributions/1/modifier?etape=1");
  Reply edit = b.get("/contributions/1/modifier?etape=1");
  CHECK(contains(edit.body, "Étape ajoutée au parcours (version 1)"));
  CHECK(contains(edit.body,
                 "name=\"f.etapes.0.fiche\" aria-describedby=\"c-etapes-0-fiche-aide\" "
                 "value=\"familles-cafe-des-parents-roubaix\""));
  CHECK(contains(edit.body, "value=\"objectifs\""));
  // The step's instruction is the trainer's to write: Vérifier names it.
  CHECK(contains(edit.body, "<h1>Modifier « Associer les parents »</h1>"));
  // The whole sheet, to the same draft: a second step.
  page = b.get("/parcours/ajouter?fiche=" + std::string(kSheet));
  CHECK(contains(page.body, "value=\"1\" checked> <label for=\"parcours-1\">Associer les parents (Brouillon)</label>"));
  REQUIRE(b.post_form("/parcours/ajouter", {{"csrf", b.csrf()}, {"fiche", kSheet}, {"section", ""}, {"parcours", "1"}})
              .status == 303);
  edit = b.get("/contributions/1/modifier?etape=1");
  CHECK(contains(edit.body, "Étape ajoutée au parcours (version 2)"));
  CHECK(contains(edit.body,
                 "name=\"f.etapes.1.fiche\" aria-describedby=\"c-etapes-1-fiche-aide\" "
                 "value=\"familles-cafe-des-parents-roubaix\""));
  // Someone else's course, or one that is no draft: refused.
  CHECK(b.post_form("/parcours/ajouter", {{"csrf", b.csrf()}, {"fiche", kSheet}, {"parcours", "99"}}).status == 409);
  // The sheet pages (a relative link, redirected) and the search results link here.
  CHECK(contains(s.get("/fiches/" + std::string(kSheet) + "/").body,
                 "<a href=\"parcours\" rel=\"nofollow\">Ajouter à un parcours</a>"));
  const Reply link = s.get("/fiches/" + std::string(kSheet) + "/parcours");
  CHECK(link.status == 303);
  CHECK(link.header("location") == "/parcours/ajouter?fiche=" + std::string(kSheet));
  CHECK(s.get("/fiches/Pas%20ainsi/parcours").status == 404);
  CHECK(contains(s.get("/recherche?q=parents").body, "href=\"/parcours/ajouter?fiche=" + std::string(kSheet) + "\""));
}

TEST_CASE("Ajouter à un parcours: a section the sheet does not have is refused, named, and adds no step",
          "[server][write][pages][courses][steps]") {
  People people;
  TestServer& s = people.s;
  Browser b = logged_in(s, "claire@exemple.fr");
  const std::string sheet = kSheet;
  // Asked for by the link: a 400 page naming the section, the whole sheet not preselected in its place.
  const Reply unknown = b.get("/parcours/ajouter?fiche=" + sheet + "&section=inexistante");
  CHECK(unknown.status == 400);
  CHECK(contains(unknown.body, "La fiche n\u2019a pas de section «\u00a0inexistante\u00a0»"));
  CHECK_FALSE(contains(unknown.body, " selected>"));
  // A section of the grid this sheet leaves undocumented: said so.
  const Reply empty = b.get("/parcours/ajouter?fiche=" + sheet + "&section=jalons-de-la-methode");
  CHECK(empty.status == 400);
  CHECK(contains(empty.body, "«\u00a0Jalons de la méthode\u00a0» n\u2019est pas documentée dans cette fiche"));
  // Posted: refused the same way, no course created with a step citing the whole sheet.
  const Reply posted = b.post_form("/parcours/ajouter", {{"csrf", b.csrf()},
                                                         {"fiche", sheet},
                                                         {"section", "inexistante"},
                                                         {"parcours", "nouveau"},
                                                         {"titre", "Parcours fantôme"}});
  CHECK(posted.status == 400);
  CHECK(contains(posted.body, "La fiche n\u2019a pas de section «\u00a0inexistante\u00a0»"));
  CHECK(b.get("/contributions/1").status == 404);
  // Nor a step added to an existing draft.
  b.get("/parcours/ajouter?fiche=" + sheet);
  REQUIRE(b.post_form("/parcours/ajouter", {{"csrf", b.csrf()},
                                            {"fiche", sheet},
                                            {"section", "objectifs"},
                                            {"parcours", "nouveau"},
                                            {"titre", "Associer les parents"}})
              .status == 303);
  b.get("/parcours/ajouter?fiche=" + sheet);
  CHECK(b.post_form("/parcours/ajouter",
                    {{"csrf", b.csrf()}, {"fiche", sheet}, {"section", "inexistante"}, {"parcours", "1"}})
            .status == 400);
  CHECK(contains(b.get("/contributions/1").body, "<dt>Version actuelle</dt><dd>1</dd>"));  // not saved again
}

TEST_CASE("courses: Aperçu shows the course as its published page, with the CSRF token, nothing saved",
          "[server][write][pages][courses][preview]") {
  People people;
  Browser t = logged_in(people.s, "claire@exemple.fr");
  t.get("/parcours/nouveau");
  const std::string token = t.csrf();
  const std::vector<std::pair<std::string, std::string>> fields{
      {"action", "apercu"},
      {"f.titre", "Associer les <parents>"},
      {"f.public_vise", "Étudiants DEES"},
      {"f.etapes.n", "1"},
      {"f.etapes.0.fiche", kSheet},
      {"f.etapes.0.section", "objectifs"},
      {"f.etapes.0.consigne", "Relevez les **objectifs**."},
      {"s.notes_formateur", "Présenter la fiche comme un *exemple*."}};
  // Without the session's token: refused.
  CHECK(t.post_form("/parcours/nouveau", fields).status == 403);
  auto with_token = fields;
  with_token.emplace_back("csrf", token);
  const Reply preview = t.post_form("/parcours/nouveau", with_token);
  REQUIRE(preview.status == 200);
  INFO(preview.body);
  CHECK(preview.header("x-robots-tag") == "noindex");
  CHECK(preview.header("cache-control") == "no-store");
  // The site's course page: its title, its facts, the step linked to the published sheet's section, the notes.
  check_has(preview.body,
            {"<strong>Aperçu</strong> : cette page montre le parcours tel qu'il serait publié",
             "<h1>Associer les &lt;parents&gt;</h1>", "Étudiants DEES",
             "/fiches/familles-cafe-des-parents-roubaix/#objectifs", "Relevez les", "Présenter la fiche comme un"});
  // Nothing saved.
  CHECK_FALSE(contains(t.get("/contributions/").body, "Associer"));
  // On an existing course: under its id.
  import_course(t, "parcours-cafe", "Le café des parents");
  t.get("/contributions/1/modifier");
  const Reply existing =
      t.post_form("/contributions/1/modifier",
                  {{"csrf", t.csrf()}, {"version", "1"}, {"action", "apercu"}, {"f.titre", "Le café des parents"}});
  REQUIRE(existing.status == 200);
  CHECK(contains(existing.body, "<h1>Le café des parents</h1>"));
  CHECK(contains(existing.body, "/parcours/parcours-cafe/etudiants/"));
  // Never published: its permanent address is said, not linked (a link answered 404).
  CHECK(contains(existing.body, "/parcours/parcours-cafe/</span> (active à la publication du parcours)"));
  CHECK_FALSE(contains(existing.body, "<a class=\"url\""));
}

TEST_CASE(
    "courses and sheets share their ids: a course named like a published sheet or a pending sheet, and the reverse, "
    "refused naming the field id",
    "[server][write][pages][courses][ids]") {
  People people;
  TestServer& s = people.s;
  Accounts& acc = people.acc;
  const std::string taken = "« id » : « " + std::string(kSheet) +
                            " » est déjà l'identifiant de la fiche publiée /fiches/" + kSheet +
                            "/ ; une fiche et un parcours ne peuvent pas porter le même identifiant";
  // The form: refused (409), the error at the top and beside the id field, what was typed kept.
  Browser t = logged_in(s, "claire@exemple.fr");
  t.get("/parcours/nouveau");
  const Reply form = t.post_form(
      "/parcours/nouveau",
      {{"csrf", t.csrf()}, {"action", "enregistrer"}, {"f.id", kSheet}, {"f.titre", "Associer les parents"}});
  CHECK(form.status == 409);
  check_has(form.body, {"<a href=\"#c-id\">Erreur : " + taken, "id=\"c-id-erreurs\"", "[id-doublon]",
                        "value=\"Associer les parents\""});
  CHECK_FALSE(contains(t.get("/contributions/").body, "Associer les parents"));
  // The API: 409 with the diagnostic of `pratiques check` (field, line, rule).
  const Reply api_course = api(s, "POST", "/api/contributions?type=parcours", acc.token("claire@exemple.fr"),
                               valid_course(kSheet, "Café"), "text/markdown; charset=utf-8");
  CHECK(api_course.status == 409);
  CHECK(json_get(api_course.body, "diagnostics.0.regle") == "id-doublon");
  CHECK(json_get(api_course.body, "diagnostics.0.ligne") == "2");
  CHECK(contains(json_get(api_course.body, "diagnostics.0.message"), taken));

  // A pending course, then a sheet with its id: refused, naming the course's contribution.
  const Reply course = api(s, "POST", "/api/contributions?type=parcours", acc.token("claire@exemple.fr"),
                           valid_course("parcours-cafe", "Café"), "text/markdown; charset=utf-8");
  REQUIRE(course.status == 201);
  const std::string course_id = json_get(course.body, "id");
  const Reply sheet = api(s, "POST", "/api/contributions", acc.token("camille@exemple.fr"),
                          testing::valid_sheet("parcours-cafe"), "text/markdown; charset=utf-8");
  CHECK(sheet.status == 409);
  CHECK(contains(json_get(sheet.body, "erreur"),
                 "« id » : « parcours-cafe » est déjà l'identifiant d'un parcours (contribution " + course_id +
                     ", état « Brouillon »)"));
  CHECK(json_get(sheet.body, "diagnostics.0.regle") == "id-doublon");
  Browser c = logged_in(s, "camille@exemple.fr");
  c.get("/contribuer/nouvelle");
  const Reply sheet_form =
      c.post_form("/contribuer/nouvelle",
                  {{"csrf", c.csrf()}, {"action", "importer"}, {"markdown", testing::valid_sheet("parcours-cafe")}});
  CHECK(sheet_form.status == 409);
  CHECK(contains(sheet_form.body,
                 "<a href=\"#c-id\">Erreur : « id » : « parcours-cafe » est déjà l'identifiant d'un parcours"));

  // Once the course is published, a new sheet with its id is refused, and Vérifier says why (against the
  // published courses, those written by hand included).
  for (const char* action : {"soumettre"})
    REQUIRE(
        api(s, "POST", "/api/contributions/" + course_id + "/" + action, acc.token("claire@exemple.fr"), "{}").status ==
        200);
  for (const char* action : {"prendre", "publier"})
    REQUIRE(
        api(s, "POST", "/api/contributions/" + course_id + "/" + action, acc.token("doc@exemple.fr"), "{}").status ==
        200);
  const Reply after = api(s, "POST", "/api/contributions", acc.token("doc@exemple.fr"),
                          testing::valid_sheet("parcours-cafe"), "text/markdown; charset=utf-8");
  CHECK(after.status == 409);
  CHECK(contains(json_get(after.body, "erreur"),
                 "est déjà l'identifiant d'un parcours (contribution " + course_id + ", état « Publiée »)"));
  c.get("/contribuer/nouvelle");
  const Reply checked =
      c.post_form("/contribuer/nouvelle",
                  {{"csrf", c.csrf()}, {"action", "verifier"}, {"f.id", "parcours-cafe"}, {"f.titre", "Un café"}});
  CHECK(checked.status == 200);
  CHECK(contains(checked.body,
                 "<a href=\"#c-id\">Erreur : « id » : « parcours-cafe » est déjà l'identifiant du parcours publié"));
  // A title that makes the course's id: another id is chosen.
  const Reply titled =
      api(s, "POST", "/api/contributions", acc.token("doc@exemple.fr"),
          testing::replaced(testing::valid_sheet("x", "Parcours café"), "id: x\n", ""), "text/markdown; charset=utf-8");
  CHECK(titled.status == 201);
  CHECK(json_get(titled.body, "fiche") == "parcours-cafe-2");
}

TEST_CASE(
    "archiving a sheet that a published course cites is refused with 409 naming the course, and the course stays whole",
    "[server][write][api][courses][archive]") {
  People people;
  TestServer& s = people.s;
  const std::string trainer = people.acc.token("claire@exemple.fr"), curator = people.acc.token("doc@exemple.fr");
  auto act = [&](long long id, const std::string& token, const std::string& action, const std::string& body = "") {
    return api(s, "POST", "/api/contributions/" + std::to_string(id) + "/" + action, token, body).status;
  };
  // A course citing the sheet, published.
  const Reply course = api(s, "POST", "/api/contributions?type=parcours", trainer,
                           valid_course("parcours-cafe", "Le café des parents"), "text/markdown; charset=utf-8");
  REQUIRE(course.status == 201);
  const long long course_id = std::stoll(json_get(course.body, "id"));
  REQUIRE(act(course_id, trainer, "soumettre") == 200);
  REQUIRE(act(course_id, curator, "prendre") == 200);
  REQUIRE(act(course_id, curator, "publier") == 200);
  // The sheet, published by hand, taken into the workflow by the documentaliste and published again.
  const Reply sheet =
      api(s, "POST", "/api/contributions", curator,
          read_file(s.dir() / "content" / "fiches" / (std::string(kSheet) + ".md")), "text/markdown; charset=utf-8");
  REQUIRE(sheet.status == 201);
  const long long sheet_id = std::stoll(json_get(sheet.body, "id"));
  REQUIRE(act(sheet_id, curator, "soumettre") == 200);
  REQUIRE(act(sheet_id, curator, "prendre") == 200);
  REQUIRE(act(sheet_id, curator, "publier") == 200);

  const Reply refused = api(s, "POST", "/api/contributions/" + std::to_string(sheet_id) + "/archiver", curator,
                            R"({"commentaire": "Action arrêtée"})");
  CHECK(refused.status == 409);
  CHECK(contains(json_get(refused.body, "erreur"),
                 "La fiche ne peut pas être archivée : le parcours publié « Le café des parents » "
                 "(/parcours/parcours-cafe/) la cite dans une étape."));
  // Nothing changed: the sheet is online and published, the course's step still links to it.
  CHECK(s.get("/fiches/" + std::string(kSheet) + "/").status == 200);
  CHECK(contains(read_file(s.dir() / "content" / "fiches" / (std::string(kSheet) + ".md")), "statut: publiee"));
  CHECK(json_get(api(s, "GET", "/api/contributions/" + std::to_string(sheet_id), curator).body, "etat") == "publiee");
  CHECK(contains(s.get("/parcours/parcours-cafe/").body, "/fiches/familles-cafe-des-parents-roubaix/#objectifs"));

  // Once the course no longer cites it (here: archived), the sheet can be archived.
  REQUIRE(act(course_id, curator, "archiver", R"({"commentaire": "Module refondu"})") == 200);
  CHECK(act(sheet_id, curator, "archiver", R"({"commentaire": "Action arrêtée"})") == 200);
  CHECK(s.get("/fiches/" + std::string(kSheet) + "/").status == 410);
}

TEST_CASE(
    "a course draft citing an archived sheet: Vérifier reports it, Aperçu says the sheet was withdrawn and links "
    "its replacement",
    "[server][write][pages][courses][archive]") {
  People people;
  TestServer& s = people.s;
  const std::string curator = people.acc.token("doc@exemple.fr");
  auto act = [&](long long id, const std::string& action, const std::string& body = "") {
    return api(s, "POST", "/api/contributions/" + std::to_string(id) + "/" + action, curator, body).status;
  };
  const std::string archived_sheet = "sejour-repit-aidants-msa";  // a sheet of the fixture corpus
  const Reply sheet =
      api(s, "POST", "/api/contributions", curator,
          read_file(s.dir() / "content" / "fiches" / (archived_sheet + ".md")), "text/markdown; charset=utf-8");
  REQUIRE(sheet.status == 201);
  const long long id = std::stoll(json_get(sheet.body, "id"));
  REQUIRE(act(id, "soumettre") == 200);
  REQUIRE(act(id, "prendre") == 200);
  REQUIRE(act(id, "publier") == 200);
  REQUIRE(act(id, "archiver", R"({"commentaire": "Séjour arrêté", "remplacee_par": ")" + std::string(kSheet) + "\"}") ==
          200);

  Browser t = logged_in(s, "claire@exemple.fr");
  t.get("/parcours/nouveau");
  const std::vector<std::pair<std::string, std::string>> fields{{"csrf", t.csrf()},
                                                                {"f.titre", "Souffler"},
                                                                {"f.etapes.n", "1"},
                                                                {"f.etapes.0.fiche", archived_sheet},
                                                                {"f.etapes.0.consigne", "Lisez la fiche."}};
  auto with_action = [&](const std::string& action) {
    auto f = fields;
    f.emplace_back("action", action);
    return t.post_form("/parcours/nouveau", f);
  };
  const Reply preview = with_action("apercu");
  REQUIRE(preview.status == 200);
  INFO(preview.body);
  CHECK(contains(preview.body,
                 "<p class=\"retiree\"><strong>Fiche retirée du référentiel.</strong> Elle est remplacée "
                 "par <a href=\"/fiches/familles-cafe-des-parents-roubaix/\">"));
  CHECK_FALSE(contains(preview.body, ">sejour-repit-aidants-msa<"));  // its title, not a bare id
  const Reply checked = with_action("verifier");
  CHECK(contains(checked.body,
                 "étape : la fiche « sejour-repit-aidants-msa » est archivée (retirée du référentiel) ; "
                 "elle est remplacée par « familles-cafe-des-parents-roubaix » : citez celle-ci"));
  CHECK(contains(checked.body, "[fiche-archivee]"));
}

TEST_CASE(
    "Ajouter à un parcours and Demander des modifications: the field in error is invalid, described by the message, "
    "the title says Erreur",
    "[server][write][pages][courses][a11y]") {
  People people;
  TestServer& s = people.s;
  Browser b = logged_in(s, "claire@exemple.fr");
  const std::string sheet = kSheet;
  CHECK(contains(b.get("/parcours/ajouter?fiche=" + sheet).body, "<title>Ajouter à un parcours"));
  // « Un nouveau parcours » without a title: the title field.
  const Reply untitled =
      b.post_form("/parcours/ajouter",
                  {{"csrf", b.csrf()}, {"fiche", sheet}, {"section", ""}, {"parcours", "nouveau"}, {"titre", ""}});
  CHECK(untitled.status == 400);
  check_has(untitled.body,
            {"<title>Erreur\u00a0: Ajouter à un parcours", "<p class=\"erreur\" role=\"alert\" id=\"erreur\">",
             "<input id=\"titre\" name=\"titre\" maxlength=\"120\" value=\"\" aria-invalid=\"true\" "
             "aria-describedby=\"erreur\">"});
  // A section the sheet does not have: the section's list.
  const Reply section = b.post_form("/parcours/ajouter", {{"csrf", b.csrf()},
                                                          {"fiche", sheet},
                                                          {"section", "inexistante"},
                                                          {"parcours", "nouveau"},
                                                          {"titre", "Associer les parents"}});
  check_has(section.body,
            {"<title>Erreur\u00a0: Ajouter à un parcours",
             "<select id=\"section\" name=\"section\" aria-invalid=\"true\" aria-describedby=\"erreur\">"});
  CHECK_FALSE(contains(section.body,
                       "id=\"titre\" name=\"titre\" maxlength=\"120\" value=\"Associer les parents\" aria-invalid"));

  // A documentaliste's « Demander des modifications » with no comment: that action's comment.
  import_course(b, "parcours-cafe-des-parents", "Le café des parents");
  b.get("/contributions/1");
  REQUIRE(b.post_form("/contributions/1", {{"csrf", b.csrf()}, {"action", "soumettre"}}).status == 303);
  Browser d = logged_in(s, "doc@exemple.fr");
  d.get("/contributions/1");
  REQUIRE(d.post_form("/contributions/1", {{"csrf", d.csrf()}, {"action", "prendre"}}).status == 303);
  const Reply page = d.get("/contributions/1");
  CHECK(contains(page.body, "<title>Contribution\u00a0: Le café des parents"));
  const Reply no_comment =
      d.post_form("/contributions/1", {{"csrf", d.csrf()}, {"action", "demander-modifications"}, {"commentaire", " "}});
  CHECK(no_comment.status == 400);
  check_has(no_comment.body, {"<title>Erreur\u00a0: Contribution\u00a0: Le café des parents",
                              "<p class=\"erreur\" role=\"alert\" id=\"erreur\">Un commentaire est obligatoire",
                              "<textarea id=\"commentaire-demander-modifications\" name=\"commentaire\" rows=\"3\" "
                              "maxlength=\"5000\" required aria-invalid=\"true\" aria-describedby=\"erreur\">"});
  CHECK_FALSE(contains(no_comment.body,
                       "id=\"commentaire-publier\" name=\"commentaire\" rows=\"2\" maxlength=\"5000\" aria-invalid"));
}

TEST_CASE("courses: the error summary names each step of its errors, in the form's order",
          "[server][write][pages][courses][a11y]") {
  People people;
  TestServer& s = people.s;
  Browser b = logged_in(s, "claire@exemple.fr");
  b.get("/parcours/nouveau");
  const Reply checked = b.post_form("/parcours/nouveau", {{"csrf", b.csrf()},
                                                          {"action", "verifier"},
                                                          {"f.titre", "Associer les parents"},
                                                          {"f.etapes.n", "2"},
                                                          {"f.etapes.0.fiche", kSheet},
                                                          {"f.etapes.1.fiche", kSheet}});
  REQUIRE(checked.status == 200);
  const std::string& body = checked.body;
  // Two links to two steps' « Consigne »: two different texts, each naming its step as its group does.
  const std::string first = "<a href=\"#c-etapes-0-consigne\">Erreur : Étapes n° 1 : clé obligatoire absente ou vide";
  const std::string second = "<a href=\"#c-etapes-1-consigne\">Erreur : Étapes n° 2 : clé obligatoire absente ou vide";
  check_has(body, {first, second, "<legend>Étapes n° 1</legend>"});
  // In the form's order: « Public visé » comes before the steps, the steps in their order.
  const auto summary = body.substr(body.find("id=\"resume\""),
                                   body.find("</div>", body.find("id=\"resume\"")) - body.find("id=\"resume\""));
  const auto audience = summary.find("<a href=\"#c-public-vise\">");
  REQUIRE(audience != std::string::npos);
  REQUIRE(summary.find(first) != std::string::npos);
  CHECK(audience < summary.find(first));
  CHECK(summary.find(first) < summary.find(second));
}
