// Accessibility (RGAA / WCAG 2.1 AA): axe-core in headless Chromium on the home page, a sheet, a
// facet page and the second page of its list (2 sheets a page), the map, a course, the site map and a text page must report zero violations; the skip link is the first Tab stop
// and moves the focus to <main>; hostile content in a sheet never runs.
import assert from "node:assert/strict";
import fs from "node:fs";
import { createRequire } from "node:module";
import { after, before, test } from "node:test";

import { buildSite, launchBrowser, serve } from "./lib/site.mjs";

const require = createRequire(import.meta.url);
const axeSource = fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

const pages = {
  "accueil": "/",
  "fiche": "/fiches/crediscussion-groupe-surendettement-caf/",
  "fiche au contenu hostile": "/fiches/fiche-hostile/",
  "page de facette (page 1 d'une liste paginée)": "/thematiques/isolement-lien-social/",
  "page 2 d'une liste de facette": "/thematiques/isolement-lien-social/page-2/",
  "index de facette": "/departements/",
  "carte": "/carte/",
  "parcours": "/parcours/parcours-test/",
  "support étudiants d'un parcours": "/parcours/parcours-test/etudiants/",
  "grille": "/grille/",
  "données ouvertes": "/donnees/",
  "couverture": "/couverture/",
  "vocabulaires": "/vocabulaires/",
  "vocabulaire": "/vocabulaires/thematiques/",
  "concept SKOS": "/vocabulaires/thematiques/isolement-lien-social/",
  "page 404": "/pas-de-page-ici/",
  "plan du site": "/plan-du-site/",
  "page d'information (pied de page)": "/accessibilite/",
  "mentions légales (éditeur non renseigné)": "/mentions-legales/",
  "page de texte avec du code (contribuer)": "/contribuer/",
};

let site, server, browser;

before(async () => {
  // Two sheets a page: the fixtures' theme of 4 sheets is a list of two pages, with its navigation.
  site = buildSite({ name: "a11y", buildArgs: ["--fiches-par-page", "2"] });
  server = await serve(site.root);
});

after(async () => {
  await browser?.close();
  await server?.close();
  site?.cleanup();
});

async function open(t, path) {
  browser ??= await launchBrowser(t);
  if (!browser) return null;
  const page = await browser.context.newPage();
  const dialogs = [];
  page.on("dialog", async (d) => {
    dialogs.push(d.message());
    await d.dismiss();
  });
  page.dialogs = dialogs;
  const response = await page.goto(server.url + path, { waitUntil: "load" });
  assert.ok(response, `pas de réponse pour ${path}`);
  return page;
}

for (const [name, path] of Object.entries(pages)) {
  test(`axe-core : zéro violation WCAG 2.1 AA — ${name} (${path})`, async (t) => {
    const page = await open(t, path);
    if (!page) return;
    await page.addScriptTag({ content: axeSource });
    const result = await page.evaluate(async () =>
      // eslint-disable-next-line no-undef
      await axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } }));
    const summary = result.violations.map((v) => `${v.id} (${v.impact}) : ${v.help}\n  ` +
      v.nodes.slice(0, 5).map((n) => n.target.join(" ")).join("\n  "));
    assert.deepEqual(summary, [], `violations sur ${path} :\n${summary.join("\n")}`);
    assert.ok(result.passes.length > 10, "axe n'a presque rien vérifié");
    assert.deepEqual(page.dialogs, [], "un script du contenu s'est exécuté");
    await page.close();
  });
}

test("une liste de deux pages : chacune existe et mène à l'autre par sa navigation", async (t) => {
  for (const [name, other] of [["page de facette (page 1 d'une liste paginée)", "page-2/"], ["page 2 d'une liste de facette", "/thematiques/isolement-lien-social/"]]) {
    const page = await open(t, pages[name]);
    if (!page) return;
    assert.match(await page.title(), /page \d sur 2/);
    const nav = page.locator('nav.pagination[aria-label="Pages de la liste des fiches"]');
    assert.equal(await nav.count(), 1, `pas de navigation sur ${pages[name]}`);
    assert.equal(await nav.locator('[aria-current="page"]').count(), 1);
    assert.ok(await nav.locator(`a[href$="${other}"]`).count() >= 1, `aucun lien vers ${other}`);
    await page.close();
  }
});

test("clavier : le lien d'évitement est le premier arrêt de Tab et mène au contenu", async (t) => {
  const page = await open(t, pages.fiche);
  if (!page) return;
  await page.keyboard.press("Tab");
  const first = await page.evaluate(() => ({
    text: document.activeElement.textContent.trim(),
    href: document.activeElement.getAttribute("href"),
    visible: document.activeElement.getBoundingClientRect().left >= 0,
  }));
  assert.equal(first.href, "#contenu");
  assert.match(first.text, /Aller au contenu/);
  assert.ok(first.visible, "le lien d'évitement reste hors de l'écran quand il a le focus");
  await page.keyboard.press("Enter");
  assert.equal(await page.evaluate(() => document.activeElement.id), "contenu");
  assert.equal(await page.evaluate(() => document.activeElement.tagName), "MAIN");
  // The next Tab stops go on inside the content: the first link of <main>.
  await page.keyboard.press("Tab");
  assert.equal(await page.evaluate(() => !!document.activeElement.closest("main")), true);
  await page.close();
});

test("clavier : chaque département de la carte qui a des fiches est un lien atteignable", async (t) => {
  const page = await open(t, pages.carte);
  if (!page) return;
  const links = await page.locator("svg.france a").count();
  assert.ok(links >= 1, "aucun département cliquable");
  await page.locator("svg.france a").first().focus();
  assert.equal(await page.evaluate(() => document.activeElement.closest("svg") !== null), true);
  await page.close();
});

test("sans JavaScript : la fiche se lit et l'ancre d'une section fonctionne", async (t) => {
  browser ??= await launchBrowser(t);
  if (!browser) return;
  const page = await browser.context.newPage();
  await page.route("**/*.js", (route) => route.abort());  // the only script of the site is optional
  await page.goto(server.url + pages.fiche + "#freins-et-difficultes");
  assert.equal(await page.locator("h1").count(), 1);
  assert.ok(await page.locator("#freins-et-difficultes").isVisible());
  const top = await page.locator("#freins-et-difficultes").evaluate((el) => el.getBoundingClientRect().top);
  assert.ok(top < 200, "la page ne s'est pas placée sur la section demandée");
  await page.close();
});

// WCAG 1.4.10 (reflow): at 320 px no page scrolls sideways; wide tables scroll inside their own box.
for (const [name, path] of Object.entries(pages)) {
  test(`320 px : pas de défilement horizontal — ${name} (${path})`, async (t) => {
    const page = await open(t, path);
    if (!page) return;
    await page.setViewportSize({ width: 320, height: 640 });
    const { scroll, width, wide } = await page.evaluate(() => ({
      scroll: document.documentElement.scrollWidth,
      width: document.documentElement.clientWidth,
      // What sticks out (for the message): elements wider than the viewport, outside a scroll box.
      wide: [...document.querySelectorAll("body *")].filter((e) => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
        .filter((e) => !e.closest(".defilement, .tableau")).slice(0, 5)
        .map((e) => `${e.tagName.toLowerCase()}${e.id ? "#" + e.id : ""}${e.className && typeof e.className === "string" ? "." + e.className.split(" ")[0] : ""}`),
    }));
    assert.ok(scroll <= width, `${path} : ${scroll} px de large pour ${width} px (${wide.join(", ")})`);
    // Every page has the header search field, labelled.
    assert.equal(await page.locator("header form[role=search] input[type=search]#q-entete").count(), 1);
    assert.equal(await page.locator("label[for=q-entete]").count(), 1);
    await page.close();
  });
}

test("fiche : « Copier le lien » est un bouton qui annonce son résultat dans une zone visible et polie", async (t) => {
  browser ??= await launchBrowser(t);
  if (!browser) return;
  const page = await browser.context.newPage();
  await page.goto(server.url + pages.fiche);
  const copy = page.getByRole("button", { name: "Copier le lien" });
  await copy.waitFor();  // shown by the optional script
  assert.equal(await page.getByRole("button", { name: "Imprimer" }).isVisible(), true);
  await copy.click();
  const status = page.locator(".copie[role=status]");
  await page.waitForFunction(() => document.querySelector(".copie").textContent.length > 0);
  assert.match(await status.textContent(), /^(Adresse de la page copiée|Le navigateur a refusé la copie|Copie impossible)/);
  assert.match(await status.textContent(), /\/fiches\/crediscussion-groupe-surendettement-caf\//);
  // Visible on the screen where the reader is, not below the fold.
  const box = await status.boundingBox();
  const viewport = page.viewportSize();
  assert.ok(box && box.y >= 0 && box.y + box.height <= viewport.height, `zone d'annonce hors écran : ${JSON.stringify(box)}`);
  // "consulté le": today's date in the citation.
  assert.doesNotMatch(await page.locator(".date-consultation").textContent(), /\[date/);
  await page.close();
});

test("impression : ni menus ni boutons, pas d'adresses après les liens de l'encadré « En bref »", async (t) => {
  browser ??= await launchBrowser(t);
  if (!browser) return;
  const page = await browser.context.newPage();
  await page.goto(server.url + pages.fiche);
  await page.emulateMedia({ media: "print" });
  const printed = await page.evaluate(() => ({
    hidden: [".entete", ".pied", ".partage", ".sommaire"].map((s) => getComputedStyle(document.querySelector(s)).display),
    bref: [...document.querySelectorAll(".bref a")].map((a) => getComputedStyle(a, "::after").content),
    undocumented: getComputedStyle(document.querySelector(".non-documente")).display,
  }));
  assert.deepEqual(printed.hidden, ["none", "none", "none", "none"]);
  assert.ok(printed.bref.length > 3);
  assert.ok(printed.bref.every((c) => c === "none" || c === "normal"), printed.bref.join(" | "));
  assert.notEqual(printed.undocumented, "none");  // the short line is printed
  await page.close();
});

test("impression : l'accueil et la page 404 sans leur formulaire de recherche", async (t) => {
  for (const path of [pages["accueil"], pages["page 404"]]) {
    const page = await open(t, path);
    if (!page) return;
    await page.emulateMedia({ media: "print" });
    const shown = await page.evaluate(() => [...document.querySelectorAll("main :is(form, input, button)")]
      .filter((e) => e.getClientRects().length).map((e) => `${e.tagName.toLowerCase()}.${e.className}`));
    assert.deepEqual(shown, [], path);
    await page.close();
  }
});

test("support étudiants imprimé : le texte des sections, aucune note du formateur, ni menus ni boutons", async (t) => {
  browser ??= await launchBrowser(t);
  if (!browser) return;
  const page = await browser.context.newPage();
  await page.goto(server.url + "/parcours/parcours-test/etudiants/");
  await page.emulateMedia({ media: "print" });
  const text = await page.evaluate(() => document.body.innerText);
  assert.match(text, /trois professionnelles d'une caisse d'allocations familiales/);
  assert.doesNotMatch(text, /Notes pour le formateur|Commencer par la fiche Crédiscussion/);
  assert.doesNotMatch(text, /Imprimer|Copier le lien|Rechercher/);
  await page.close();
});

test("360 px : le fil d'Ariane garde chaque séparateur « › » sur la ligne de son lien", async (t) => {
  // Every link of the trail was a flex box: it went under its separator, alone on its line.
  const page = await open(t, "/fiches/crediscussion-groupe-surendettement-caf/");
  if (!page) return;
  await page.setViewportSize({ width: 360, height: 640 });
  const apart = await page.evaluate(() => [...document.querySelectorAll(".ariane li+li")].filter((li) => {
    const link = li.querySelector("a, [aria-current]") ?? li;
    return link.getBoundingClientRect().top - li.getBoundingClientRect().top > 4;
  }).map((li) => li.textContent.trim()));
  assert.deepEqual(apart, []);
  await page.close();
});

test("360 × 640 : une fiche montre ses premières lignes « En bref » dans le premier écran, sans répéter son titre dans le fil d'Ariane", async (t) => {
  // The header, the trail ending with the title, the 1.9rem title and the share buttons filled the
  // first screen: the summary began at 806 px.
  const page = await open(t, "/fiches/crediscussion-groupe-surendettement-caf/");
  if (!page) return;
  await page.setViewportSize({ width: 360, height: 640 });
  const seen = await page.evaluate(() => ({
    summaryTop: document.querySelector(".bref p").getBoundingClientRect().top,
    lineHeight: parseFloat(getComputedStyle(document.querySelector(".bref p")).lineHeight),
    currentCrumb: getComputedStyle(document.querySelector(".ariane [aria-current]").closest("li")).display,
  }));
  assert.ok(seen.summaryTop + 3 * seen.lineHeight <= 640, `résumé à ${seen.summaryTop} px`);
  assert.equal(seen.currentCrumb, "none");
  await page.setViewportSize({ width: 1280, height: 800 });  // a wide screen keeps the whole trail
  assert.notEqual(await page.evaluate(() => getComputedStyle(document.querySelector(".ariane [aria-current]").closest("li")).display), "none");
  await page.close();
});

test("WCAG 1.4.11 : le contour du focus dans l'en-tête contraste avec son fond (blanc sur bleu)", async (t) => {
  // The orange outline of the rest of the page is 2.8:1 on the header's dark blue.
  const page = await open(t, "/");
  if (!page) return;
  await page.keyboard.press("Tab");  // the skip link
  await page.keyboard.press("Tab");  // the site's name, in the header
  const focused = await page.evaluate(() => ({
    inHeader: !!document.activeElement.closest(".entete"),
    colour: getComputedStyle(document.activeElement).outlineColor,
  }));
  assert.equal(focused.inHeader, true);
  assert.equal(focused.colour, "rgb(255, 255, 255)");
  await page.close();
});

test("impression : ni « Ajouter à un parcours », ni libellés d'export sans adresse, ni l'adresse de « Version du formateur » ; une longue étape peut passer d'une page à l'autre, son titre reste avec ses premières lignes", async (t) => {
  browser ??= await launchBrowser(t);
  if (!browser) return;
  const page = await browser.context.newPage();
  await page.emulateMedia({ media: "print" });
  await page.goto(server.url + pages.fiche);
  assert.equal(await page.evaluate(() => getComputedStyle(document.querySelector(".ajouter-parcours")).display), "none");
  assert.doesNotMatch(await page.evaluate(() => document.body.innerText), /Ajouter à un parcours/);

  await page.goto(server.url + pages.parcours);
  const trainer = await page.evaluate(() => document.body.innerText);
  assert.doesNotMatch(trainer, /Exporter les références|Références RIS|Références BibTeX/);

  await page.goto(server.url + pages["support étudiants d'un parcours"]);
  const printed = await page.evaluate(() => ({
    version: getComputedStyle(document.querySelector("a.version"), "::after").content,
    step: getComputedStyle(document.querySelector(".etapes > li")).breakInside,
    heading: getComputedStyle(document.querySelector(".etapes > li > h4")).breakAfter,
  }));
  assert.ok(printed.version === "none" || printed.version === "normal", printed.version);
  assert.notEqual(printed.step, "avoid");
  assert.equal(printed.heading, "avoid");
  await page.close();
});
