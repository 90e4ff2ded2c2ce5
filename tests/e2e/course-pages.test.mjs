// End to end, in headless Chromium, against the real `pratiques serve`: courses for trainers
// (issue 17). A trainer adds a section of a sheet to a new course from the sheet's page, completes
// the course in its form and submits it; a documentaliste takes it and publishes it; the course's
// page is online with the step linking to the section. axe-core reports zero violations and nothing
// scrolls horizontally at 320 px on every new page, on the conflict page and on the Aperçu of a
// course and of a sheet.
// Run: node tests/e2e/course-pages.test.mjs (registered by tests/server/CMakeLists.txt).
// Exit code 77 (skipped) when Chromium or node_modules are missing, unless CI is set: then it fails.
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { test } from "node:test";
import { checkPage, newBrowser, person } from "./lib/people.mjs";
import { prerequisites, serverDuringTests, startWriteServer } from "./lib/server.mjs";

const { cli, chromium, axeSource } = prerequisites("e2e parcours");

const work = fs.mkdtempSync(path.join(os.tmpdir(), "pratiques-e2e-parcours-"));
const data = path.join(work, "var");
const running = serverDuringTests(() => startWriteServer(cli, work, data), work);
const sheet = "familles-cafe-des-parents-roubaix";  // a sheet of the fixture corpus

test("un formateur ajoute une section d'une fiche à un parcours et le soumet, une documentaliste le publie, la page du parcours est en ligne ; axe et 320 px", async () => {
  const browser = await newBrowser(chromium);
  try {
    const server = { cli, data, url: running.url };
    const trainer = await person(browser, server, "claire@exemple.fr", "formateur");
    const curator = await person(browser, server, "marie@exemple.fr", "documentaliste");
    const t = trainer.page;
    const d = curator.page;

    // From the sheet's page (static), to the server's page that asks which course.
    await t.goto(`${running.url}/fiches/${sheet}/`);
    await t.getByRole("link", { name: "Ajouter à un parcours" }).click();
    await t.waitForURL(new RegExp(`/parcours/ajouter\\?fiche=${sheet}$`));
    assert.equal(await t.locator("h1").textContent(), "Ajouter à un parcours");
    await checkPage(t, axeSource, "ajouter à un parcours");
    await t.getByLabel("Partie de la fiche à étudier").selectOption({ label: "Objectifs" });
    await t.getByLabel("Titre du nouveau parcours").fill("Associer les parents");
    await t.getByRole("button", { name: "Ajouter l'étape" }).click();
    await t.waitForURL(/\/contributions\/1\/modifier\?etape=1$/);
    assert.match(await t.locator(".succes").first().textContent(), /Étape ajoutée au parcours/);
    assert.equal(await t.locator("#c-etapes-0-fiche").inputValue(), sheet);
    assert.equal(await t.locator("#c-etapes-0-section").inputValue(), "objectifs");
    await checkPage(t, axeSource, "formulaire du parcours");

    // The course completed in its form (generated from schemas/parcours.yaml), then submitted.
    await t.locator("#c-public-vise").fill("Étudiants DEES de deuxième année");
    await t.locator("#c-objectifs-pedagogiques").fill("Analyser comment des parents prennent place dans un collectif");
    await t.locator("#c-diplomes input[value='dees']").check();
    await t.locator("#c-domaines-competences input[value='socle-dc3']").check();
    await t.locator("#c-duree").fill("3 h");
    await t.locator("#c-evaluation-acquis-modalites").fill("Analyse écrite de la fiche");
    await t.locator("#c-etapes-0-consigne").fill("Relevez les objectifs du café des parents.");
    await t.locator("#c-etapes-0-domaines-competences input[value='socle-dc3']").check();
    await t.locator("#s-notes-formateur").fill("Présenter la fiche comme un exemple, non comme un modèle.");
    await t.locator("#s-questions").fill("- Qui a eu l'idée du café ?");
    await t.locator("#s-activites").fill("Analyse en petits groupes.");
    await t.getByRole("button", { name: "Vérifier" }).click();
    await t.locator("text=Vérification faite : aucune erreur selon la grille.").waitFor();

    // A save from an older copy of the form: the conflict page shows both versions.
    const stale = await t.context().newPage();
    await stale.goto(`${running.url}/contributions/1/modifier`);
    await t.getByRole("button", { name: "Enregistrer le brouillon" }).click();
    await t.waitForURL(/\/contributions\/1\/modifier\?enregistree=1$/);
    await stale.locator("#c-titre").fill("Associer les parents, autre onglet");
    await stale.getByRole("button", { name: "Enregistrer le brouillon" }).click();
    await stale.locator("h1", { hasText: "Conflit de versions" }).waitFor();
    await checkPage(stale, axeSource, "conflit de versions");
    await stale.close();

    // The course's Aperçu: the site's course page, the step linked to the sheet's section; axe, 320 px.
    await t.getByRole("button", { name: "Aperçu" }).click();
    await t.locator("h1", { hasText: "Associer les parents" }).waitFor();
    assert.match(await t.locator(".apercu").textContent(), /le parcours tel qu'il serait publié/);
    assert.equal(await t.locator(`a[href='/fiches/${sheet}/#objectifs']`).count(), 1);
    await checkPage(t, axeSource, "aperçu d'un parcours");
    await t.goBack();
    await t.waitForURL(/\/contributions\/1\/modifier\?enregistree=1$/);

    await t.getByRole("button", { name: "Soumettre" }).click();
    await t.waitForURL(/\/contributions\/1\?soumise=1$/);
    assert.equal(await t.locator(".etat").textContent(), "Soumise");
    await checkPage(t, axeSource, "parcours soumis");
    await t.goto(`${running.url}/contributions/`);
    assert.match(await t.locator("table").textContent(), /Associer les parents\s*Soumise.*Parcours/s);

    // A sheet's Aperçu (the published page's template) passes the same checks.
    await t.goto(`${running.url}/contribuer/nouvelle`);
    await t.locator("#c-titre").fill("Un jardin partagé");
    await t.getByRole("button", { name: "Aperçu" }).click();
    await t.locator("h1", { hasText: "Un jardin partagé" }).waitFor();
    await checkPage(t, axeSource, "aperçu d'une fiche");

    // The documentaliste takes the course and publishes it: the course's page is online.
    await d.goto(`${running.url}/contributions/1`);
    await d.getByRole("button", { name: "Prendre en relecture" }).click();
    await d.waitForURL(/\/contributions\/1\?fait=1$/);
    await d.getByRole("button", { name: "Publier" }).click();
    await d.waitForURL(/\/contributions\/1\?fait=1$/);
    assert.equal(await d.locator(".etat").textContent(), "Publiée");
    await d.getByRole("link", { name: "la page publiée" }).click();
    await d.waitForURL(/\/parcours\/parcours-associer-les-parents\/$/);
    assert.equal(await d.locator("h1").textContent(), "Associer les parents");
    assert.equal(await d.locator(`a[href='/fiches/${sheet}/#objectifs']`).count(), 1);
    await d.goto(`${running.url}/parcours/`);
    assert.equal(await d.getByRole("link", { name: "Associer les parents" }).count(), 1);
    assert.deepEqual([...trainer.problems, ...curator.problems], []);
  } finally {
    await browser.close();
  }
});
