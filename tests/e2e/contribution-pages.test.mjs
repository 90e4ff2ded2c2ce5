// End to end, in headless Chromium, against the real `pratiques serve`: the contribution pages
// (issue 17). A contributor sends a sheet with one mistake, sees the error next to its field, fixes
// it in the form and submits; a documentaliste takes it and requests changes; the contributor edits
// and resubmits; the documentaliste (from the desk, /gestion/) publishes; /recherche finds the sheet at once. axe-core reports
// zero violations on every new page, and no new page scrolls horizontally at 320 px. Then a near
// copy of a published sheet (issue 11): the [doublon-probable] warning in the form, the published
// sheet named on the submitted contribution's page and on the desk, axe and 320 px on those pages.
// Run: node tests/e2e/contribution-pages.test.mjs (registered by tests/server/CMakeLists.txt).
// Exit code 77 (skipped) when Chromium or node_modules are missing, unless CI is set: then it fails.
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { test } from "node:test";
import { checkPage as checkLayout, newBrowser, person } from "./lib/people.mjs";
import { prerequisites, repo, serverDuringTests, startWriteServer } from "./lib/server.mjs";

const { cli, chromium, axeSource } = prerequisites("e2e contributions");

const work = fs.mkdtempSync(path.join(os.tmpdir(), "pratiques-e2e-contributions-"));
const data = path.join(work, "var");

const startServer = () => startWriteServer(cli, work, data);

const running = serverDuringTests(startServer, work);

const server = () => ({ cli, data, url: running.url });

// axe-core and 320 px: they need JavaScript in the page, checked by the run with it, on the same pages.
let withJavaScript = true;
async function checkPage(page, label) {
  if (withJavaScript) await checkLayout(page, axeSource, label);
}

for (const [javaScriptEnabled, place] of [[true, "Tisserands"], [false, "Canuts"]]) {
test(`${javaScriptEnabled ? "avec" : "sans"} JavaScript : contribuer, relire, demander des modifications, resoumettre, publier, trouver la fiche ; axe et 320 px`, async () => {
  withJavaScript = javaScriptEnabled;
  const n = javaScriptEnabled ? 1 : 2;  // the contribution's number: one per run
  const browser = await newBrowser(chromium);
  try {
    const author = await person(browser, server(), `camille.${place}@exemple.fr`, "contributeur", javaScriptEnabled);
    const curator = await person(browser, server(), `marie.${place}@exemple.fr`, "documentaliste", javaScriptEnabled);
    const a = author.page;
    const d = curator.page;

    // The form, generated from the grid.
    await a.goto(`${running.url}/contribuer/nouvelle`);
    assert.equal(await a.locator("h1").textContent(), "Proposer une fiche");
    await checkPage(a, "formulaire vide");
    // One mistake: a sheet without its title, pasted.
    const sheet = fs.readFileSync(path.join(repo, "tests/fixtures/valide/fiche-valide.md"), "utf8")
      .replace("id: fiche-valide", `id: jardin-des-${place.toLowerCase()}`)
      .replace(/^titre: .*\n/m, "");
    await a.getByLabel("Ou collez le texte de la fiche").fill(sheet);
    await a.getByRole("button", { name: "Envoyer la fiche" }).click();
    // Then the curation fields her file set and the import did not take (« ignores »).
    await a.waitForURL(new RegExp(`/contributions/${n}/modifier\\?importee=1(&ignores=[a-z_.,]+)?$`));
    // The error at the top, as a link to its field, and beside the field.
    const link = a.locator(".resume-erreurs a[href='#c-titre']");
    assert.match(await link.textContent(), /clé obligatoire absente ou vide : « titre » \(Titre\) \[cle-obligatoire\]/);
    assert.match(await a.locator("#c-titre-erreurs").textContent(), /clé obligatoire absente ou vide : « titre »/);
    assert.match(await a.locator("#c-titre").getAttribute("aria-describedby"), /c-titre-erreurs/);
    assert.equal(await a.locator("#c-titre").getAttribute("aria-invalid"), "true");
    await checkPage(a, "formulaire avec une erreur");
    // Fixed in the form, checked, submitted.
    await link.click();
    await a.locator("#c-titre").fill(`Jardin partagé des ${place}`);
    await a.getByRole("button", { name: "Vérifier" }).click();
    await a.locator("text=Vérification faite : aucune erreur selon la grille.").waitFor();
    await a.getByRole("button", { name: "Soumettre" }).click();
    await a.waitForURL(new RegExp(`/contributions/${n}\\?soumise=1$`));
    assert.equal(await a.locator(".etat").textContent(), "Soumise");
    await checkPage(a, "page de la contribution");
    await a.goto(`${running.url}/contributions/`);
    assert.match(await a.locator("table").textContent(), new RegExp(`Jardin partagé des ${place}\\s*Soumise`));
    await checkPage(a, "mes contributions");

    // The documentaliste finds it on the desk, takes it and requests changes (the comment is mandatory).
    await d.goto(`${running.url}/gestion/`);
    await checkPage(d, "gestion");
    await d.getByRole("link", { name: `Jardin partagé des ${place}` }).click();
    await d.waitForURL(new RegExp(`/contributions/${n}$`));
    await d.getByRole("button", { name: "Prendre en relecture" }).click();
    await d.waitForURL(new RegExp(`/contributions/${n}\\?fait=1$`));
    assert.equal(await d.locator(".etat").textContent(), "En relecture");
    await checkPage(d, "contribution en relecture");
    await d.getByLabel("Commentaire (obligatoire)").first().fill("Précisez le rôle du bailleur.");
    await d.getByRole("button", { name: "Demander des modifications" }).click();
    await d.waitForURL(new RegExp(`/contributions/${n}\\?fait=1$`));
    assert.equal(await d.locator(".etat").textContent(), "Modifications demandées");

    // The contributor reads the request at the top of the page and of the form, and resubmits.
    await a.goto(`${running.url}/contributions/${n}`);
    const request = a.getByRole("region", { name: /^Modifications demandées par .* le .* à .* h / });
    assert.match(await request.textContent(), /Précisez le rôle du bailleur\./);
    await checkPage(a, "modifications demandées");
    assert.match(await a.locator(".journal").textContent(), /«\u202fPrécisez le rôle du bailleur\.\u202f»/);
    await a.getByRole("link", { name: "Modifier la fiche" }).click();
    await a.waitForURL(new RegExp(`/contributions/${n}/modifier$`));
    assert.match(await request.textContent(), /Précisez le rôle du bailleur\./);
    await checkPage(a, "formulaire, modifications demandées");
    // Aperçu, then back to the form with what was typed (nothing saved in between).
    const summary0 = a.locator("#c-en-bref");
    await summary0.fill(`${await summary0.inputValue()} Relu.`);
    await a.getByRole("button", { name: "Aperçu" }).click();
    await a.getByRole("button", { name: "Revenir au formulaire" }).click();
    assert.match(await a.locator("#c-en-bref").inputValue(), / Relu\.$/);
    const summary = a.locator("#c-en-bref");
    await summary.fill(`${await summary.inputValue()} Le bailleur prête la cuisine.`);
    await a.getByRole("button", { name: "Soumettre" }).click();
    await a.waitForURL(new RegExp(`/contributions/${n}\\?soumise=1$`));
    // The comparison of the last two versions shows the change.
    assert.match(await a.locator("table.comparaison").textContent(), /Le bailleur prête la cuisine\./);
    await checkPage(a, "contribution resoumise, comparaison des versions");
    if (withJavaScript) {
      // Printed: the whole text of the version (no scrolling box), none of the page's forms.
      await a.emulateMedia({ media: "print" });
      const printed = await a.evaluate(() => {
        const pre = document.querySelector("pre.markdown");
        return {
          cut: pre.scrollHeight - pre.clientHeight,
          controls: [...document.querySelectorAll("main :is(textarea, button, select)")]
            .filter((e) => e.getClientRects().length).map((e) => e.id || e.textContent.trim()),
        };
      });
      await a.emulateMedia({ media: null });
      assert.ok(printed.cut <= 2, `texte de la version coupé à l'impression (${printed.cut} px cachés)`);
      assert.deepEqual(printed.controls, []);
    }

    // The documentaliste publishes; the search finds the sheet right after.
    await d.goto(`${running.url}/contributions/${n}`);
    await d.getByRole("button", { name: "Prendre en relecture" }).click();
    await d.waitForURL(new RegExp(`/contributions/${n}\\?fait=1$`));
    await d.getByRole("button", { name: "Publier" }).click();
    await d.waitForURL(new RegExp(`/contributions/${n}\\?fait=1$`));
    assert.equal(await d.locator(".etat").textContent(), "Publiée");
    await d.goto(`${running.url}/recherche?q=${place.toLowerCase()}`);
    assert.ok((await d.locator("main").textContent()).includes(`Jardin partagé des ${place}`));
    await d.goto(`${running.url}/fiches/jardin-des-${place.toLowerCase()}/`);
    assert.ok((await d.locator("h1").textContent()).includes(`Jardin partagé des ${place}`));
    assert.deepEqual([...author.problems, ...curator.problems], []);
  } finally {
    await browser.close();
  }
});
}

// A published sheet with every tenth word of its text changed (headings, the "Non documenté"
// marker and the front matter kept, but its id): testing::near_copy of the Catch2 tests.
function nearCopy(sheet, id) {
  const end = sheet.indexOf("\n---\n", 4) + 5;
  let word = 0;
  const body = sheet.slice(end).split("\n").map((line) => /^[#_]/.test(line) ? line
    : line.replace(/[A-Za-z]+/g, (w) => (++word % 10 === 0 ? "changé" : w))).join("\n");
  return sheet.slice(0, end).replace(/^id: .*$/m, `id: ${id}`) + body;
}

test("doublon probable : une copie à peine modifiée d'une fiche publiée, signalée à la contributrice et au bureau ; axe et 320 px", async () => {
  withJavaScript = true;
  const browser = await newBrowser(chromium);
  try {
    const author = await person(browser, server(), "lou.doublon@exemple.fr", "contributeur");
    const curator = await person(browser, server(), "marie.doublon@exemple.fr", "documentaliste");
    const a = author.page;
    const d = curator.page;
    const original = "/fiches/sejour-repit-aidants-msa/";
    const sheet = nearCopy(fs.readFileSync(path.join(repo, "tests/fixtures/corpus/fiches/sejour-repit-aidants-msa.md"), "utf8"),
      "repit-aidants-bis");
    await a.goto(`${running.url}/contribuer/nouvelle`);
    await a.getByLabel("Ou collez le texte de la fiche").fill(sheet);
    await a.getByRole("button", { name: "Envoyer la fiche" }).click();
    await a.waitForURL(/\/contributions\/\d+\/modifier\?importee=1(&ignores=[a-z_.,]+)?$/);
    const n = a.url().match(/\/contributions\/(\d+)\//)[1];
    // Before submitting: a warning among the checks (not an error), naming the published sheet.
    assert.match(await a.locator(".resume-erreurs").textContent(),
      /fiche très proche de « sejour-repit-aidants-msa » \(similarité \d+ %\).*\[doublon-probable\]/s);
    await checkPage(a, "formulaire, doublon probable");
    await a.getByRole("button", { name: "Soumettre" }).click();
    await a.waitForURL(new RegExp(`/contributions/${n}\\?soumise=1$`));
    assert.equal(await a.locator(".etat").textContent(), "Soumise");
    assert.match(await a.locator("p.succes").textContent(), /ressemble beaucoup à une fiche déjà publiée/);
    const named = a.locator(`section.doublons a[href="${original}"]`);
    assert.equal(await named.textContent(), "Séjour de répit pour les aidants familiaux organisé par la MSA");
    assert.match(await a.locator("section.doublons li").textContent(), /similarité \d+ %/);
    await checkPage(a, "contribution soumise, doublon probable");

    // The desk names it under the submission; the contribution's page, for the documentaliste.
    await d.goto(`${running.url}/gestion/`);
    assert.equal(await d.locator(`.doublon a[href="${original}"]`).count(), 1);
    await checkPage(d, "gestion, doublon probable");
    await d.locator(`a[href="/contributions/${n}"]`).click();
    await d.waitForURL(new RegExp(`/contributions/${n}$`));
    assert.match(await d.locator("section.doublons").textContent(), /Comparez-les avant de publier/);
    await checkPage(d, "contribution, doublon probable (documentaliste)");
    assert.deepEqual([...author.problems, ...curator.problems], []);
  } finally {
    await browser.close();
  }
});
