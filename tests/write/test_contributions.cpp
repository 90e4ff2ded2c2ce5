// Contributions through the library: creation, visibility (403), states (409), conflicts (412),
// errors (422), the whole workflow to publication and archiving, revisions, review dates, the
// journal, and what publication writes (canonical file, `pratiques check` clean, read back the same).
#include <catch2/catch.hpp>

#include "pratiques/search.h"
#include "pratiques/validate.h"
#include "pratiques/index_writer.h"
#include "pratiques/write/canonical.h"
#include "pratiques/write/password.h"
#include "pratiques/write/refusal.h"
#include "write_fixture.h"

namespace fs = std::filesystem;
using namespace pratiques::write;
using testing::found;
using testing::Workspace;

namespace {

Refusal refusal_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const Refusal& r) {
    return r;
  }
  FAIL("no refusal");
  throw std::logic_error("unreachable");
}

std::vector<std::int64_t> ids_of(const std::vector<Contribution>& list) {
  std::vector<std::int64_t> out;
  for (const auto& c : list) out.push_back(c.id);
  return out;
}

// Draft → submitted → in review, as the curator.
std::int64_t in_review(Workspace& w, const std::string& markdown) {
  auto& c = w.contributions();
  const auto d = c.create(w.author, markdown);
  c.act(w.author, d.contribution.id, Action::Soumettre, {});
  c.act(w.curator, d.contribution.id, Action::Prendre, {});
  return d.contribution.id;
}

}  // namespace

TEST_CASE("a new contribution is a draft, with its diagnostics and its journal", "[write][contributions]") {
  Workspace w(false);
  auto& c = w.contributions();
  const auto d = c.create(w.author, testing::valid_sheet("atelier-cuisine-voisins"));
  CHECK(d.contribution.sheet_id == "atelier-cuisine-voisins");
  CHECK(d.contribution.state == State::Brouillon);
  CHECK(d.contribution.version == 1);
  CHECK(d.contribution.author.id == w.author.id);
  CHECK(d.contribution.title == "Atelier cuisine partagé entre voisins");
  CHECK(pratiques::count_errors(d.diagnostics) == 0);
  REQUIRE(d.journal.size() == 1);
  CHECK(d.journal[0].action == "creer");
  CHECK_FALSE(d.journal[0].from);
  CHECK(d.journal[0].to == State::Brouillon);

  SECTION("a draft with errors is kept, with its diagnostics") {
    const auto bad = c.create(w.author,
                              "---\nid: brouillon-incomplet\ntitre: \"Début\"\nthematiques: [parentalitee]\n---\n\n## "
                              "Genèse et contexte\n\nÀ suivre.\n");
    CHECK(bad.contribution.state == State::Brouillon);
    CHECK(pratiques::count_errors(bad.diagnostics) > 0);
    CHECK_FALSE(testing::with_rule(bad.diagnostics, "vocabulaire").empty());
    CHECK(bad.diagnostics.front().path == "fiches/brouillon-incomplet.md");
  }
  SECTION("without an id, one is made from the title, never one in use") {
    std::string text = testing::replaced(testing::valid_sheet("x", "Café des parents à Roubaix"), "id: x\n", "");
    const auto a = c.create(w.author, text);
    CHECK(a.contribution.sheet_id == "cafe-des-parents-a-roubaix");
    CHECK(pratiques::count_errors(a.diagnostics) == 0);  // the contribution gives the sheet its id
    const auto b = c.create(w.author, text);
    CHECK(b.contribution.sheet_id == "cafe-des-parents-a-roubaix-2");
    // A published sheet's id is not taken by a title that slugifies to it.
    const auto e = c.create(
        w.author, testing::replaced(testing::valid_sheet("x", "Entraide mutuelle echanges savoirs"), "id: x\n", ""));
    CHECK(e.contribution.sheet_id == "entraide-mutuelle-echanges-savoirs-2");
  }
  SECTION("one contribution per sheet id") {
    const Refusal r = refusal_of([&] { c.create(w.other_author, testing::valid_sheet("atelier-cuisine-voisins")); });
    CHECK(r.kind == Refused::Conflict);
    CHECK(std::string(r.what()).find("/api/contributions/" + std::to_string(d.contribution.id)) != std::string::npos);
  }
  SECTION("a contributor cannot take the id of a published sheet that has no contribution; a curator can") {
    const Refusal r =
        refusal_of([&] { c.create(w.author, testing::valid_sheet("entraide-mutuelle-echanges-savoirs")); });
    CHECK(r.kind == Refused::Conflict);
    CHECK(std::string(r.what()).find("Une fiche publiée porte déjà l'identifiant") != std::string::npos);
    const auto revision = c.create(w.curator, testing::valid_sheet("entraide-mutuelle-echanges-savoirs"));
    CHECK(revision.contribution.sheet_id == "entraide-mutuelle-echanges-savoirs");
  }
  SECTION("bounded, UTF-8, and a valid id") {
    CHECK(refusal_of([&] { c.create(w.author, std::string(kMaxSheetBytes + 1, 'a')); }).kind == Refused::TooLarge);
    CHECK(refusal_of([&] { c.create(w.author, "---\nid: x\ntitre: \"caf\xe9\"\n---\n"); }).kind == Refused::BadInput);
    CHECK(refusal_of([&] { c.create(w.author, "---\nid: Pas Bon\n---\n"); }).kind == Refused::Invalid);
  }
}

TEST_CASE("a contributor never sees another's contributions, curators see them once submitted",
          "[write][contributions][permissions]") {
  Workspace w(false);
  auto& c = w.contributions();
  const auto mine = c.create(w.author, testing::valid_sheet("fiche-auteur"));
  const auto theirs = c.create(w.other_author, testing::valid_sheet("fiche-autre"));
  const std::int64_t id = mine.contribution.id;
  CHECK(refusal_of([&] { c.get(w.other_author, id); }).kind == Refused::Forbidden);
  CHECK(refusal_of([&] { c.get(w.trainer, id); }).kind == Refused::Forbidden);
  CHECK(refusal_of([&] { c.get(w.curator, id); }).kind == Refused::Forbidden);  // a draft is private
  CHECK(refusal_of([&] { c.version_text(w.other_author, id, 1); }).kind == Refused::Forbidden);
  CHECK(refusal_of([&] { c.save(w.other_author, id, testing::valid_sheet("fiche-auteur"), 1); }).kind ==
        Refused::Forbidden);
  CHECK(refusal_of([&] { c.get(w.author, 999); }).kind == Refused::NotFound);
  CHECK(ids_of(c.list(w.author)) == std::vector<std::int64_t>{id});
  CHECK(ids_of(c.list(w.other_author)) == std::vector<std::int64_t>{theirs.contribution.id});
  CHECK(c.list(w.curator).empty());

  c.act(w.author, id, Action::Soumettre, {});
  CHECK(c.get(w.curator, id).contribution.state == State::Soumise);
  CHECK(c.get(w.admin, id).contribution.state == State::Soumise);
  CHECK(ids_of(c.list(w.curator)) == std::vector<std::int64_t>{id});
  CHECK(ids_of(c.list(w.curator, {State::Soumise, false})) == std::vector<std::int64_t>{id});
  CHECK(c.list(w.curator, {State::EnRelecture, false}).empty());
  CHECK(refusal_of([&] { c.get(w.other_author, id); }).kind == Refused::Forbidden);
}

TEST_CASE("actions a role may not take are 403, actions the state does not allow are 409",
          "[write][contributions][permissions]") {
  Workspace w(false);
  auto& c = w.contributions();
  const std::int64_t id = c.create(w.author, testing::valid_sheet("fiche-etats")).contribution.id;
  CHECK(refusal_of([&] { c.act(w.author, id, Action::Publier, {}); }).kind == Refused::Forbidden);
  CHECK(refusal_of([&] { c.act(w.author, id, Action::Prendre, {}); }).kind == Refused::Forbidden);
  CHECK(refusal_of([&] { c.act(w.trainer, id, Action::Soumettre, {}); }).kind == Refused::Forbidden);
  CHECK(refusal_of([&] { c.act(w.author, id, Action::DemanderModifications, {"non"}); }).kind == Refused::Forbidden);
  c.act(w.author, id, Action::Soumettre, {});
  CHECK(refusal_of([&] { c.act(w.author, id, Action::Soumettre, {}); }).kind == Refused::Conflict);
  CHECK(refusal_of([&] { c.act(w.curator, id, Action::Publier, {}); }).kind == Refused::Conflict);  // take it first
  CHECK(refusal_of([&] { c.act(w.curator, id, Action::Archiver, {"obsolète"}); }).kind == Refused::Conflict);
  CHECK(refusal_of([&] { c.act(w.curator, id, Action::Soumettre, {}); }).kind ==
        Refused::Forbidden);  // only the author
  CHECK(refusal_of([&] { c.save(w.author, id, testing::valid_sheet("fiche-etats"), 1); }).kind ==
        Refused::Conflict);  // waiting
  c.act(w.curator, id, Action::Prendre, {});
  CHECK(c.get(w.author, id).contribution.reviewer->id == w.curator.id);
  CHECK(refusal_of([&] { c.save(w.author, id, testing::valid_sheet("fiche-etats"), 1); }).kind ==
        Refused::Conflict);  // in review
  const Refusal r = refusal_of([&] { c.act(w.curator, id, Action::DemanderModifications, {"   "}); });
  CHECK(r.kind == Refused::BadInput);
  CHECK(std::string(r.what()).find("commentaire est obligatoire") != std::string::npos);
  CHECK(refusal_of([&] {
          c.act(w.curator, id, Action::DemanderModifications, {std::string(kMaxCommentChars + 1, 'x')});
        }).kind == Refused::TooLarge);
}

TEST_CASE("two people editing: a stale save is refused (412) and kept", "[write][contributions]") {
  Workspace w(false);
  auto& c = w.contributions();
  const std::string v1 = testing::valid_sheet("fiche-conflit");
  const std::int64_t id = in_review(w, v1);
  const std::string mine = testing::replaced(v1, "Rompre l'isolement", "Rompre vraiment l'isolement");
  const std::string theirs = testing::replaced(v1, "Chaque mardi", "Chaque jeudi");
  const auto saved = c.save(w.curator, id, mine, 1);
  CHECK(saved.contribution.version == 2);
  CHECK(saved.markdown == mine);
  const Refusal r = refusal_of([&] { c.save(w.curator2, id, theirs, 1); });
  CHECK(r.kind == Refused::Stale);
  CHECK(std::string(r.what()).find("version actuelle est la 2") != std::string::npos);
  // Both versions are still available: the current one, and the refused one as a stale save.
  const auto now = c.get(w.curator2, id);
  CHECK(now.contribution.version == 2);
  CHECK(now.markdown == mine);
  CHECK(c.version_text(w.curator2, id, 1) == v1);
  const auto stale = c.stale_saves(w.curator, id);
  REQUIRE(stale.size() == 1);
  CHECK(stale[0].markdown == theirs);
  CHECK(stale[0].based_on == 1);
  CHECK(stale[0].author.id == w.curator2.id);
  // Based on the current version, the save goes through.
  CHECK(c.save(w.curator2, id, theirs, 2).contribution.version == 3);
  // Saving the same text again makes no new version.
  CHECK(c.save(w.curator2, id, theirs, 3).contribution.version == 3);
  // Never published, the sheet may take another id (fixed at its publication: see the workflow below).
  CHECK(
      c.save(w.curator, id, testing::replaced(theirs, "id: fiche-conflit", "id: autre-id"), 3).contribution.sheet_id ==
      "autre-id");
}

TEST_CASE("the whole workflow to publication, then a revision", "[write][contributions][publish]") {
  Workspace w;
  auto& c = w.contributions();
  const std::string v1 = testing::valid_sheet("cuisine-partagee-glycines", "Cuisine partagée aux Glycines");
  const std::int64_t id = c.create(w.author, v1).contribution.id;
  c.act(w.author, id, Action::Soumettre, {"Première version"});
  c.act(w.curator, id, Action::Prendre, {});
  c.act(w.curator, id, Action::DemanderModifications, {"Préciser le financement"});
  CHECK(c.get(w.author, id).contribution.state == State::ModificationsDemandees);
  const std::string v2 = testing::replaced(v1, "3 000 euros par an", "3 200 euros par an (convention 2025)");
  c.save(w.author, id, v2, 1);
  c.act(w.author, id, Action::Soumettre, {});
  c.act(w.curator, id, Action::Prendre, {});
  w.now += 86400;
  const auto published = c.act(w.curator, id, Action::Publier, {"Relue et complétée"});

  CHECK(published.contribution.state == State::Publiee);
  REQUIRE(published.publication);
  CHECK(published.publication->warnings.empty());
  const fs::path file = w.content() / "fiches" / "cuisine-partagee-glycines.md";
  REQUIRE(fs::exists(file));
  const std::string written = testing::read_file(file);
  // The file is the published version, in canonical form, with its curation fields.
  CHECK(written == published.markdown);
  CHECK(published.contribution.published_version == published.contribution.version);
  CHECK(published.versions.back().note == "publication");
  CHECK(written.find("  statut: publiee\n") != std::string::npos);
  CHECK(written.find("  curateur: \"doc@exemple.fr\"\n") != std::string::npos);
  CHECK(written.find("  date_derniere_revue: \"2026-09-22\"\n") != std::string::npos);
  // The day of its first publication, not what the text said (2026-11-21): no backdating.
  CHECK(written.find("  date_publication: \"2026-09-22\"\n") != std::string::npos);
  CHECK(written.find("3 200 euros par an") != std::string::npos);
  pratiques::Diagnostics ignored;
  const pratiques::Document doc = pratiques::parse_document(file.string(), written, ignored);
  CHECK(canonical_markdown(testing::grid(), doc) == written);
  const pratiques::CheckResult check = pratiques::check_paths(testing::grid(), {w.content().string()});
  INFO(testing::describe(check.diagnostics));
  CHECK(pratiques::count_errors(check.diagnostics) == 0);
  // Reading it back gives the same contribution.
  CHECK(same_sheet(doc, pratiques::parse_document("x.md", c.get(w.curator, id).markdown, ignored)));
  // Searchable, and its page online.
  CHECK(found(w.index(), "Cuisine partagée Glycines", "cuisine-partagee-glycines"));
  REQUIRE(fs::exists(w.site() / "fiches" / "cuisine-partagee-glycines" / "index.html"));
  CHECK(testing::read_file(w.site() / "fiches" / "cuisine-partagee-glycines" / "index.html")
            .find("Cuisine partagée aux Glycines") != std::string::npos);
  // The journal: every transition, who, from, to, the comments.
  const auto& j = published.journal;
  std::vector<std::string> actions;
  for (const auto& e : j) actions.push_back(e.action);
  CHECK(actions == std::vector<std::string>{"creer", "soumettre", "prendre", "demander-modifications", "soumettre",
                                            "prendre", "publier"});
  CHECK(j[3].comment == "Préciser le financement");
  CHECK(j[3].from == State::EnRelecture);
  CHECK(j[3].to == State::ModificationsDemandees);
  CHECK(j[3].who.id == w.curator.id);
  CHECK(j.back().comment == "Relue et complétée");
  CHECK(j.back().at == "2026-09-22T14:13:20Z");

  SECTION("a revision keeps the published version online until it is published") {
    // Published, its id is its address: it no longer changes.
    CHECK(refusal_of([&] {
            c.save(w.author, id, testing::replaced(written, "id: cuisine-partagee-glycines", "id: autre-id"),
                   published.contribution.version);
          }).kind == Refused::Invalid);
    const std::string revision = testing::replaced(written, "Rompre l'isolement", "Rompre l'isolement zorglubesque");
    const auto r = c.save(w.author, id, revision, published.contribution.version);
    CHECK(r.contribution.state == State::Brouillon);
    CHECK(r.contribution.published_version == published.contribution.version);
    CHECK(r.journal.back().action == "modifier");
    CHECK(testing::read_file(file) == written);  // still the published text
    CHECK_FALSE(found(w.index(), "zorglubesque", "cuisine-partagee-glycines"));
    c.act(w.author, id, Action::Soumettre, {});
    c.act(w.curator2, id, Action::Prendre, {});
    w.now += 86400;
    c.act(w.curator2, id, Action::Publier, {});
    const std::string again = testing::read_file(file);
    CHECK(again.find("Rompre l'isolement zorglubesque") != std::string::npos);
    CHECK(again.find("  date_publication: \"2026-09-22\"\n") != std::string::npos);  // first publication kept
    CHECK(again.find("  date_derniere_revue: \"2026-09-23\"\n") != std::string::npos);
    CHECK(again.find("  curateur: \"doc2@exemple.fr\"\n") != std::string::npos);
    CHECK(found(w.index(), "zorglubesque", "cuisine-partagee-glycines"));
  }
  SECTION("a revision never overwrites what was changed in the file by hand or through Git") {
    // The file corrected by hand after the publication; the contribution, revised from its own
    // text, knows nothing of it: publishing it reverted the correction, unsaid.
    const std::string by_hand = testing::replaced(written, "Rompre l'isolement", "Rompre l'isolement (corrigé)");
    testing::write_file(file, by_hand);
    const auto r = c.save(w.curator2, id, testing::replaced(written, "3 200 euros", "3 300 euros"),
                          published.contribution.version);
    CHECK(c.get(w.curator2, id).file_changed);
    const Refusal refused = refusal_of([&] { c.act(w.curator2, id, Action::Publier, {}); });
    CHECK(refused.kind == Refused::Conflict);
    CHECK(std::string(refused.what()).find("a changé depuis") != std::string::npos);
    CHECK(testing::read_file(file) == by_hand);
    // Taken back: the file's text is the current version, the edit stays in the one before.
    const auto taken = c.take_file(w.curator2, id);
    CHECK(taken.markdown == by_hand);
    CHECK(taken.contribution.version == r.contribution.version + 1);
    CHECK_FALSE(taken.file_changed);
    CHECK(taken.journal.back().action == "reprendre-fichier");
    const std::string both = testing::replaced(by_hand, "3 200 euros", "3 300 euros");
    c.save(w.curator2, id, both, taken.contribution.version);
    w.now += 86400;
    c.act(w.curator2, id, Action::Publier, {});
    const std::string now_published = testing::read_file(file);
    CHECK(now_published.find("Rompre l'isolement (corrigé)") != std::string::npos);
    CHECK(now_published.find("3 300 euros") != std::string::npos);
    CHECK_FALSE(c.get(w.curator2, id).file_changed);  // what it published is what it now revises
  }
  SECTION("a curator's revision starts in review") {
    const auto r =
        c.save(w.curator2, id, testing::replaced(written, "Rompre", "Briser"), published.contribution.version);
    CHECK(r.contribution.state == State::EnRelecture);
    CHECK(r.contribution.reviewer->id == w.curator2.id);
  }
  SECTION("archiving needs a comment and a real replacement, and writes them in the file") {
    CHECK(refusal_of([&] { c.act(w.curator, id, Action::Archiver, {}); }).kind == Refused::BadInput);
    // A wrong replacement is the request's error, named as such (it was « La fiche a des erreurs »,
    // and the sheet itself « n'est pas une fiche publiée »).
    const Refusal r = refusal_of([&] {
      c.act(w.curator, id, Action::Archiver, {"Action arrêtée", "fiche-inexistante"});
    });
    CHECK(r.kind == Refused::BadInput);
    CHECK(std::string(r.what()).find("« fiche-inexistante » n'est pas une fiche publiée") != std::string::npos);
    const Refusal itself = refusal_of([&] {
      c.act(w.curator, id, Action::Archiver, {"Action arrêtée", c.get(w.curator, id).contribution.sheet_id});
    });
    CHECK(itself.kind == Refused::BadInput);
    CHECK(std::string(itself.what()).find("ne peut pas se remplacer elle-même") != std::string::npos);
    const auto a =
        c.act(w.curator, id, Action::Archiver, {"Action arrêtée en 2026", "familles-cafe-des-parents-roubaix"});
    CHECK(a.contribution.state == State::Archivee);
    const std::string archived = testing::read_file(file);
    CHECK(archived.find("  statut: archivee\n") != std::string::npos);
    CHECK(archived.find("  remplacee_par: familles-cafe-des-parents-roubaix\n") != std::string::npos);
    CHECK(a.journal.back().comment == "Action arrêtée en 2026");
  }
}

TEST_CASE("publication refuses a sheet with errors (422) and writes nothing", "[write][contributions][publish]") {
  Workspace w(false);
  auto& c = w.contributions();
  const std::string bad = testing::replaced(testing::valid_sheet("fiche-erronee"), "thematiques: [alimentation",
                                            "thematiques: [alimentaton");
  // Submitted without errors, then broken by the curator's edit in review (submission refuses errors).
  const std::int64_t id = in_review(w, testing::valid_sheet("fiche-erronee"));
  c.save(w.curator, id, bad, 1);
  const Refusal r = refusal_of([&] { c.act(w.curator, id, Action::Publier, {}); });
  CHECK(r.kind == Refused::Invalid);
  CHECK_FALSE(testing::with_rule(r.diagnostics, "vocabulaire").empty());
  CHECK(r.diagnostics.front().path == "fiches/fiche-erronee.md");
  CHECK_FALSE(fs::exists(w.content() / "fiches" / "fiche-erronee.md"));
  CHECK(c.get(w.curator, id).contribution.state == State::EnRelecture);
  // A link to a sheet that does not exist is an error of the collection, caught too.
  const std::string linked =
      testing::replaced(testing::valid_sheet("fiche-liee"),
                        "mots_cles:", "fiches_liees:\n  - id: fiche-fantome\n    relation: voir-aussi\nmots_cles:");
  const std::int64_t id2 = in_review(w, testing::valid_sheet("fiche-liee"));
  c.save(w.curator, id2, linked, 1);
  const Refusal r2 = refusal_of([&] { c.act(w.curator, id2, Action::Publier, {}); });
  CHECK_FALSE(testing::with_rule(r2.diagnostics, "fiche-liee-inconnue").empty());
}

TEST_CASE("submission refuses a sheet with errors (422), those of the collection included, whatever the way",
          "[write][contributions]") {
  Workspace w(false);
  auto& c = w.contributions();
  const auto d = c.create(w.author, testing::replaced(testing::valid_sheet("fiche-a-soumettre"),
                                                      "thematiques: [alimentation", "thematiques: [alimentaton"));
  const Refusal r = refusal_of([&] { c.act(w.author, d.contribution.id, Action::Soumettre, {}); });
  CHECK(r.kind == Refused::Invalid);
  CHECK_FALSE(testing::with_rule(r.diagnostics, "vocabulaire").empty());
  CHECK(c.get(w.author, d.contribution.id).contribution.state == State::Brouillon);
  // A link to a sheet that does not exist: shown with the draft, as `pratiques check` shows it.
  const auto linked = c.create(
      w.author, testing::replaced(testing::valid_sheet("fiche-liee-a-soumettre"), "mots_cles:",
                                  "fiches_liees:\n  - id: fiche-fantome\n    relation: voir-aussi\nmots_cles:"));
  CHECK_FALSE(testing::with_rule(linked.diagnostics, "fiche-liee-inconnue").empty());
  CHECK(refusal_of([&] { c.act(w.author, linked.contribution.id, Action::Soumettre, {}); }).kind == Refused::Invalid);
}

TEST_CASE("what publication fills in is not required of a contributor", "[write][contributions]") {
  Workspace w(false);
  auto& c = w.contributions();
  // The curation of the template of /contribuer/: a draft, nothing dated, no curator.
  std::string sheet = testing::valid_sheet("fiche-du-modele");
  const auto from = sheet.find("curation:");
  REQUIRE(from != std::string::npos);
  sheet = sheet.substr(0, from) +
          "curation:\n  statut: brouillon\n  date_collecte: \"\"\n  date_publication:\n  date_derniere_revue: \"\"\n"
          "  curateur: \"\"\n  consentement: non-recueilli" +
          sheet.substr(sheet.find("\nlicence:", from));
  const auto d = c.create(w.author, sheet);
  CHECK(pratiques::count_errors(d.diagnostics) == 0);
  c.act(w.author, d.contribution.id, Action::Soumettre, {});
  CHECK(c.get(w.author, d.contribution.id).contribution.state == State::Soumise);
}

TEST_CASE("a published sheet's review falls due", "[write][contributions][publish]") {
  Workspace w(false);
  auto& c = w.contributions();
  // An action still running, without a review date: publication schedules one 12 months ahead.
  const std::string text =
      testing::replaced(testing::valid_sheet("fiche-a-revoir"), "  prochaine_revue: \"2027-11-21\"\n", "");
  const std::int64_t id = in_review(w, text);
  const auto p = c.act(w.curator, id, Action::Publier, {});
  CHECK(p.contribution.next_review == "2027-09-21");
  CHECK_FALSE(p.contribution.review_due);
  CHECK(c.list(w.curator, {std::nullopt, true}).empty());
  w.now += 366 * 86400;
  CHECK(c.get(w.curator, id).contribution.review_due);
  CHECK(ids_of(c.list(w.curator, {std::nullopt, true})) == std::vector<std::int64_t>{id});
  // The date edited by hand in the file, then indexed: the published index's date counts, not
  // the one stored at publication (the filter missed the sheet, the detail showed the old date).
  const fs::path file = w.content() / "fiches" / "fiche-a-revoir.md";
  testing::write_file(file, testing::replaced(testing::read_file(file), "prochaine_revue: \"2027-09-21\"",
                                              "prochaine_revue: \"2030-01-01\""));
  pratiques::IndexOptions o;
  o.content = w.content().string();
  o.schemas = testing::schemas().string();
  o.out = w.index();
  REQUIRE(pratiques::build_index(o).published);
  CHECK(c.get(w.curator, id).contribution.next_review == "2030-01-01");
  CHECK_FALSE(c.get(w.curator, id).contribution.review_due);
  CHECK(c.list(w.curator, {std::nullopt, true}).empty());
}

// ?etat=revue-a-faire missed a sheet on the day its review fell due (the desk listed it), and a
// sheet under revision; publication reads a review due on its day.
TEST_CASE("a review is due on its day, in the filter and the desk's list, a revision under way included",
          "[write][contributions][publish]") {
  Workspace w(false);
  auto& c = w.contributions();
  const std::int64_t id = in_review(w, testing::valid_sheet("fiche-revue-du-jour"));  // prochaine_revue 2027-11-21
  const auto p = c.act(w.curator, id, Action::Publier, {});
  REQUIRE(p.contribution.next_review == "2027-11-21");
  w.now += 425 * 86400;
  REQUIRE(iso_date(w.now) == "2027-11-20");
  CHECK_FALSE(c.get(w.curator, id).contribution.review_due);
  CHECK(c.list(w.curator, {std::nullopt, true}).empty());
  w.now += 86400;  // the day
  CHECK(c.get(w.curator, id).contribution.review_due);
  CHECK(ids_of(c.list(w.curator, {std::nullopt, true})) == std::vector<std::int64_t>{id});
  // A revision under way: the published sheet is still due.
  const std::string text = c.get(w.curator, id).markdown;
  c.save(w.curator2, id, testing::replaced(text, "Rompre l'isolement", "Briser l'isolement"), p.contribution.version);
  REQUIRE(c.get(w.curator, id).contribution.state == State::EnRelecture);
  CHECK(c.get(w.curator, id).contribution.review_due);
  CHECK(ids_of(c.list(w.curator, {std::nullopt, true})) == std::vector<std::int64_t>{id});
  // The desk's list: every published sheet due, the fixture's hand-written ones (due that day too) included.
  const DueReviews due = c.reviews_due(w.curator);
  CHECK(due.horizon == "2027-12-21");
  bool mine = false, hand_written = false;
  for (const auto& r : due.sheets) {
    if (r.sheet_id == "fiche-revue-du-jour") mine = r.due && !r.overdue && r.contribution == id;
    if (r.sheet_id == "ecole-ouverte-parents-fives") hand_written = r.due && !r.contribution;
  }
  CHECK(mine);
  CHECK(hand_written);
  CHECK(refusal_of([&] { c.reviews_due(w.author); }).kind == Refused::Forbidden);
}

TEST_CASE("publishing a sheet whose review was due is that review", "[write][contributions][publish]") {
  Workspace w(false);
  auto& c = w.contributions();
  // An action over, its review date passed: it stayed in « Revues à faire » after being republished
  // unchanged (only a running action's date moved).
  std::string text = testing::replaced(testing::valid_sheet("fiche-revue-passee"), "  en_cours: true\n",
                                       "  fin: \"2021-06\"\n  en_cours: false\n");
  text = testing::replaced(text, "prochaine_revue: \"2027-11-21\"", "prochaine_revue: \"2026-01-01\"");
  const std::int64_t id = in_review(w, text);
  const auto p = c.act(w.curator, id, Action::Publier, {});
  CHECK(p.contribution.next_review == "2027-09-21");
  CHECK_FALSE(p.contribution.review_due);
  CHECK(c.list(w.curator, {std::nullopt, true}).empty());
  // A date still ahead is left as the documentaliste set it.
  std::string later = testing::replaced(testing::valid_sheet("fiche-revue-a-venir"), "  en_cours: true\n",
                                        "  fin: \"2021-06\"\n  en_cours: false\n");
  const auto q = c.act(w.curator, in_review(w, later), Action::Publier, {});
  CHECK(q.contribution.next_review == "2027-11-21");
}

// A documentaliste's import of a sheet « à documenter » came out « publiee »: its page lost its
// aside, the search ranked it as documented. Publication keeps a status the vocabulary calls published.
TEST_CASE("publication keeps a published status the sheet carries, archiving sets archivee",
          "[write][contributions][publish]") {
  Workspace w(false);
  auto& c = w.contributions();
  const auto publish = [&](const std::string& id, const std::string& status) {
    const std::string text =
        testing::replaced(testing::valid_sheet(id), "  statut: publiee\n", "  statut: " + status + "\n");
    const std::int64_t n = c.create(w.curator, text).contribution.id;  // a documentaliste's keeps its curation
    c.act(w.curator, n, Action::Soumettre, {});
    c.act(w.curator, n, Action::Prendre, {});
    c.act(w.curator, n, Action::Publier, {});
    return n;
  };
  const fs::path file = w.content() / "fiches" / "fiche-a-documenter.md";
  const std::int64_t id = publish("fiche-a-documenter", "a-documenter");
  CHECK(testing::read_file(file).find("  statut: a-documenter\n") != std::string::npos);
  // A revision republished keeps it too; its archiving sets archivee.
  const std::string revised =
      testing::replaced(testing::read_file(file), "Rompre l'isolement", "Rompre l'isolement des voisins");
  c.save(w.curator, id, revised, c.get(w.curator, id).contribution.version);
  c.act(w.curator, id, Action::Publier, {});
  CHECK(testing::read_file(file).find("  statut: a-documenter\n") != std::string::npos);
  c.act(w.curator, id, Action::Archiver, {"Action arrêtée"});
  CHECK(testing::read_file(file).find("  statut: archivee\n") != std::string::npos);
  // A status that is not a published one (a-reviser: publication is that revision, brouillon) becomes publiee.
  for (const std::string status : {"a-reviser", "brouillon"}) {
    INFO(status);
    publish("fiche-" + status, status);
    CHECK(testing::read_file(w.content() / "fiches" / ("fiche-" + status + ".md")).find("  statut: publiee\n") !=
          std::string::npos);
  }
}

TEST_CASE("versions can be compared section by section", "[write][contributions][compare]") {
  Workspace w(false);
  auto& c = w.contributions();
  const std::string v1 = testing::valid_sheet("fiche-comparee");
  const std::int64_t id = c.create(w.author, v1).contribution.id;
  std::string v2 = testing::replaced(v1, "Rompre l'isolement", "Rompre l'isolement social");
  v2 = testing::replaced(v2, "thematiques: [alimentation, isolement-lien-social]", "thematiques: [alimentation]");
  v2 = testing::replaced(v2, "## Ce que le professionnel a appris",
                         "## Paroles d'acteurs\n\n« On mange ensemble. »\n\n## Ce que le professionnel a appris");
  c.save(w.author, id, v2, 1);
  const Comparison cmp = c.compare(w.author, id, 1, 2);
  REQUIRE(cmp.readable);
  REQUIRE(cmp.fields.size() == 1);
  CHECK(cmp.fields[0].key == "thematiques");
  CHECK(cmp.fields[0].label == "Thématiques");
  CHECK(cmp.fields[0].before == "thematiques: [alimentation, isolement-lien-social]\n");
  CHECK(cmp.fields[0].after == "thematiques: [alimentation]\n");
  std::map<std::string, SectionChange::Kind> kinds;
  for (const auto& s : cmp.sections) kinds[s.key.empty() ? s.title : s.key] = s.kind;
  CHECK(kinds["objectifs"] == SectionChange::Changed);
  CHECK(kinds["genese_contexte"] == SectionChange::Unchanged);
  CHECK(kinds["paroles"] == SectionChange::Added);
  for (const auto& s : cmp.sections)
    if (s.key == "objectifs") {
      REQUIRE(s.lines.size() == 2);
      CHECK(s.lines[0].kind == LineChange::Removed);
      CHECK(s.lines[1].kind == LineChange::Added);
      CHECK(s.lines[1].line.find("isolement social") != std::string::npos);
    }
  CHECK(refusal_of([&] { c.compare(w.other_author, id, 1, 2); }).kind == Refused::Forbidden);
  CHECK(refusal_of([&] { c.compare(w.author, id, 1, 7); }).kind == Refused::NotFound);
}

TEST_CASE("the journal is append-only", "[write][contributions]") {
  Workspace w(false);
  w.contributions().create(w.author, testing::valid_sheet("fiche-journal"));
  w.ed().database().with([](pratiques::Catalog& db) {
    CHECK_THROWS(db.exec("UPDATE journal SET comment = 'réécrit'"));
    CHECK_THROWS(db.exec("DELETE FROM journal"));
  });
}

TEST_CASE("saved drafts outlive the process, interrupted writes leave no file behind", "[write][contributions]") {
  testing::TempDir keep;
  std::int64_t id = 0;
  {
    Workspace w(false);
    id = w.contributions().create(w.author, testing::valid_sheet("fiche-durable")).contribution.id;
    w.contributions().save(w.author, id, testing::replaced(testing::valid_sheet("fiche-durable"), "Rompre", "Briser"),
                           1);
    fs::copy(w.dir.path() / "var", keep / "var", fs::copy_options::recursive);
  }
  Database db(server_database((keep / "var").string()));
  db.with([&](pratiques::Catalog& c) {
    auto s = c.prepare("SELECT version FROM contributions WHERE id = ?");
    s.bind(1, static_cast<long long>(id));
    REQUIRE(s.step());
    CHECK(s.integer(0) == 2);
  });
  // A temporary file left by a write a crash interrupted is removed when the write side starts.
  Workspace w(false);
  testing::write_file(w.content() / "fiches" / ".fiche-coupee.md.tmp", "---\nid: fiche-co");
  w.ed().publisher().clean_leftovers();
  CHECK_FALSE(fs::exists(w.content() / "fiches" / ".fiche-coupee.md.tmp"));
}

namespace {

// A database of the write side as migration `version` left it: one account, and what `contribution`
// (an INSERT of that version's columns) adds.
void database_at(const std::string& file, int version, const std::string& contribution) {
  pratiques::Schema before = pratiques::write::server_schema();
  before.migrations.resize(version);
  pratiques::Catalog db(file, true, before);
  REQUIRE(db.schema_version() == version);
  db.prepare("INSERT INTO accounts(email, role, created_at) VALUES('a@exemple.fr', 'contributeur', '2026-01-01')")
      .run();
  db.prepare(contribution).run();
}

}  // namespace

TEST_CASE("migration 5: contributions made before courses existed are sheets, the kind is kept",
          "[write][contributions][courses]") {
  testing::TempDir dir;
  const std::string file = (dir / "pratiques.sqlite").string();
  database_at(file, 4,
              "INSERT INTO contributions(sheet_id, author_id, state, version, created_at, updated_at) "
              "VALUES('ancienne', 1, 'brouillon', 1, '2026-01-01', '2026-01-01')");
  pratiques::write::Database db(file);
  db.with([](pratiques::Catalog& c) {
    auto s = c.prepare("SELECT kind FROM contributions WHERE sheet_id = 'ancienne'");
    REQUIRE(s.step());
    CHECK(s.text(0) == "fiche");
  });
}

TEST_CASE("a form's submission key creates one contribution: sent again, it returns the first",
          "[write][contributions]") {
  Workspace w(false);
  auto& c = w.contributions();
  const std::string key = random_token();
  const std::string text = "---\ntitre: \"Potager des Lilas\"\n---\n";
  const auto first = c.create(w.author, text, Kind::Fiche, key);
  CHECK_FALSE(first.resubmitted);
  // The same form again (a double click, a form resent): the same draft, nothing created.
  const auto again = c.create(w.author, text, Kind::Fiche, key);
  CHECK(again.resubmitted);
  CHECK(again.contribution.id == first.contribution.id);
  CHECK(again.contribution.sheet_id == "potager-des-lilas");
  CHECK(again.contribution.version == 1);
  CHECK(c.list(w.author).size() == 1);
  // A key is its author's: another's, or another form's, creates (the id made unique).
  CHECK_FALSE(c.create(w.other_author, text, Kind::Fiche, key).resubmitted);
  const auto other_form = c.create(w.author, text, Kind::Fiche, random_token());
  CHECK_FALSE(other_form.resubmitted);
  CHECK(other_form.contribution.sheet_id == "potager-des-lilas-3");
  // No key, or one no form has (ignored): no check.
  CHECK_FALSE(c.create(w.author, text).resubmitted);
  CHECK_FALSE(c.create(w.author, text, Kind::Fiche, "pas une clé").resubmitted);
  CHECK_FALSE(c.create(w.author, text, Kind::Fiche, "pas une clé").resubmitted);
  CHECK(c.list(w.author).size() == 5);
}

TEST_CASE("migration 7: contributions of a version 6 database are kept, without a submission key",
          "[write][contributions]") {
  testing::TempDir dir;
  const std::string file = (dir / "pratiques.sqlite").string();
  database_at(file, 6,
              "INSERT INTO contributions(sheet_id, author_id, state, version, created_at, updated_at, kind, file_base) "
              "VALUES('ancienne', 1, 'brouillon', 1, '2026-01-01', '2026-01-01', 'fiche', '')");
  pratiques::write::Database db(file);
  db.with([](pratiques::Catalog& c) {
    CHECK(c.schema_version() == 7);
    auto s = c.prepare("SELECT sheet_id, submission_key IS NULL FROM contributions");
    REQUIRE(s.step());
    CHECK(s.text(0) == "ancienne");
    CHECK(s.integer(1) == 1);
    CHECK_FALSE(s.step());
    // One key per author: the database refuses a second contribution of hers with the same key.
    c.prepare("UPDATE contributions SET submission_key = 'k' WHERE sheet_id = 'ancienne'").run();
    CHECK_THROWS(c.prepare("INSERT INTO contributions(sheet_id, author_id, state, version, created_at, updated_at, "
                           "submission_key) VALUES('autre', 1, 'brouillon', 1, '2026-01-01', '2026-01-01', 'k')")
                     .run());
  });
}

TEST_CASE("courses: formateurs and curators create them, contributors may not (403), the id starts with parcours-",
          "[write][contributions][courses]") {
  Workspace w(false);
  const std::string course = "---\ntitre: \"Associer les parents\"\n---\n";
  REQUIRE_THROWS_MATCHES(
      w.contributions().create(w.author, course, Kind::Parcours), Refusal,
      Catch::Matchers::Predicate<Refusal>([](const Refusal& r) { return r.kind == Refused::Forbidden; }));
  const auto d = w.contributions().create(w.trainer, course, Kind::Parcours);
  CHECK(d.contribution.kind == Kind::Parcours);
  CHECK(d.contribution.sheet_id == "parcours-associer-les-parents");
  CHECK(w.contributions()
            .create(w.curator, "---\ntitre: \"Parcours DEES\"\n---\n", Kind::Parcours)
            .contribution.sheet_id == "parcours-dees");
  // The course validator checks drafts: a mandatory field of parcours.yaml is named.
  bool named = false;
  for (const auto& diag : d.diagnostics) named = named || diag.message.find("« public_vise »") != std::string::npos;
  CHECK(named);
  ListFilter only_courses;
  only_courses.kind = Kind::Parcours;
  CHECK(w.contributions().list(w.trainer, only_courses).size() == 1);
  CHECK(w.contributions().list(w.trainer).size() == 1);
}
