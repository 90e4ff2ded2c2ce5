// End to end, in headless Chromium, against the real `pratiques serve`: the script of the
// contribution forms (site/assets/js/formulaire.js, issue 17). Live checks of a mandatory field, of
// a mandatory section and of a length, with the very messages and rule ids "Vérifier" gives (the
// rules are written into the page from the grid); the unsaved form kept in this browser and offered
// back after a reload, per account and version, and dropped once saved; the course form too; no
// script error and no Content-Security-Policy violation; axe-core and 320 px with the messages shown.
// Run: node tests/e2e/form-scripts.test.mjs (registered by tests/server/CMakeLists.txt).
// Exit code 77 (skipped) when Chromium or node_modules are missing, unless CI is set: then it fails.
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { test } from "node:test";
import { checkPage, newBrowser, person } from "./lib/people.mjs";
import { prerequisites, serverDuringTests, startWriteServer } from "./lib/server.mjs";

const { cli, chromium, axeSource } = prerequisites("e2e scripts des formulaires");

const work = fs.mkdtempSync(path.join(os.tmpdir(), "pratiques-e2e-scripts-"));
const data = path.join(work, "var");
const running = serverDuringTests(() => startWriteServer(cli, work, data), work);

// The keys of this form's unsaved copies in the page's localStorage.
const drafts = (page) => page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("pratiques:brouillon:")));

test("contrôles en direct et copie locale du formulaire d'une fiche et d'un parcours ; aucune erreur de script ni de CSP ; axe et 320 px", async () => {
  const browser = await newBrowser(chromium);
  try {
    const server = { cli, data, url: running.url };
    const author = await person(browser, server, "camille@exemple.fr", "contributeur");
    const a = author.page;
    const console = [];
    a.on("console", (m) => { if (m.type() === "error") console.push(m.text()); });

    await a.goto(`${running.url}/contribuer/nouvelle`);
    // The rules are the grid's, written by the server: no rule in the script.
    assert.match(await a.locator("#c-titre").getAttribute("data-requis"), /« titre »/);
    assert.equal(await a.locator("#c-titre").getAttribute("data-longueur"), "120");
    assert.equal(await a.locator("#c-titre-compteur").textContent(), "0 / 120 caractères");

    // A mandatory field left empty: the message once the field is left, gone once it is filled.
    await a.locator("#c-titre").focus();
    await a.locator("#c-en-bref").focus();
    const live = a.locator("#c-titre-direct");
    await live.waitFor();
    const liveText = await live.textContent();
    assert.equal(await a.locator("#c-titre").getAttribute("aria-invalid"), "true");
    assert.match(await a.locator("#c-titre").getAttribute("aria-describedby"), /c-titre-direct/);
    // Filled: the message goes; emptied again: it comes back.
    await a.locator("#c-titre").fill("Un jardin partagé");
    await live.waitFor({ state: "hidden" });
    assert.equal(await a.locator("#c-titre-compteur").textContent(), "17 / 120 caractères");
    assert.equal(await a.locator("#c-titre").getAttribute("aria-invalid"), null);
    await a.locator("#c-titre").fill("");
    await live.waitFor();
    // A mandatory section, the same way.
    await a.locator("#s-objectifs").focus();
    await a.locator("#c-titre").focus();
    await a.locator("#s-objectifs-direct").waitFor();
    const sectionText = await a.locator("#s-objectifs-direct").textContent();
    await checkPage(a, axeSource, "formulaire avec les contrôles en direct");
    // "Vérifier" gives the same messages (same rule ids).
    await a.locator("#c-en-bref").fill("Des voisins cultivent ensemble un jardin.");
    await a.getByRole("button", { name: "Vérifier" }).click();
    await a.locator(".resume-erreurs").waitFor();
    assert.equal(liveText, (await a.locator("#c-titre-erreurs li.erreur").first().textContent()).replace(/\s+/g, " ").trim());
    assert.ok((await a.locator(".resume-erreurs").textContent()).includes(sectionText.replace(/^Erreur : /, "")),
      `${sectionText} absent du résumé de Vérifier`);

    // The unsaved form kept in this browser, offered back after a reload.
    await a.locator("#c-titre").fill("Un jardin partagé");
    await a.locator("#s-objectifs").fill("Créer un lieu de rencontre entre voisins.");
    await a.waitForFunction(() => Object.values(localStorage).some((v) => v.includes("Créer un lieu de rencontre")));
    assert.match(await a.locator(".copie-locale").textContent(), /Modifications gardées dans ce navigateur/);
    await a.goto(`${running.url}/contribuer/nouvelle`);
    const offer = a.getByRole("region", { name: /Ce navigateur a gardé des modifications/ });
    await offer.waitFor();
    assert.equal(await a.locator("#c-titre").inputValue(), "");
    await checkPage(a, axeSource, "formulaire avec l'offre de reprise");
    await a.getByRole("button", { name: "Reprendre ces modifications" }).click();
    assert.equal(await a.locator("#c-titre").inputValue(), "Un jardin partagé");
    assert.equal(await a.locator("#s-objectifs").inputValue(), "Créer un lieu de rencontre entre voisins.");
    assert.equal(await offer.count(), 0);
    // Saved: the copy goes, and the saved version is not offered anything.
    await a.getByRole("button", { name: "Enregistrer le brouillon" }).click();
    await a.waitForURL(/\/contributions\/1\/modifier\?enregistree=1$/);
    assert.deepEqual(await drafts(a), []);
    assert.equal(await a.locator(".restauration").count(), 0);
    // The copy is kept per account, contribution and version.
    await a.locator("#c-titre").fill("Un jardin partagé, suite");
    await a.waitForFunction(() => Object.values(localStorage).some((v) => v.includes("Un jardin partagé, suite")));
    const key = (await drafts(a))[0];
    assert.match(key, /^pratiques:brouillon:\d+:\/contributions\/1\/modifier:1$/);

    // The course form: its own rules (schemas/parcours.yaml), the same script.
    const trainer = await person(browser, server, "claire@exemple.fr", "formateur");
    const t = trainer.page;
    t.on("console", (m) => { if (m.type() === "error") console.push(m.text()); });
    await t.goto(`${running.url}/parcours/nouveau`);
    await t.locator("#c-public-vise").focus();
    await t.locator("#c-duree").focus();
    assert.match(await t.locator("#c-public-vise-direct").textContent(),
      /^Erreur : clé obligatoire absente ou vide : « public_vise » \(.*\) \[cle-obligatoire\]$/);
    // Check boxes: a mandatory vocabulary list.
    const domains = t.locator("#c-domaines-competences");
    await domains.locator("input").first().focus();
    await t.locator("#c-duree").focus();
    await t.locator("#c-domaines-competences-direct").waitFor();
    await domains.locator("input").first().check();
    await t.locator("#c-domaines-competences-direct").waitFor({ state: "hidden" });
    await checkPage(t, axeSource, "formulaire du parcours avec les contrôles en direct");

    assert.deepEqual([...author.problems, ...trainer.problems, ...console], []);
  } finally {
    await browser.close();
  }
});
