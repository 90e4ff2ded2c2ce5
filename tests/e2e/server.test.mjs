// End to end, in headless Chromium (Debian chromium, playwright-core and axe-core pinned in
// package-lock.json), against the real `pratiques serve` on a free loopback port, on the fixture
// corpus (tests/fixtures/corpus) indexed and built as a site:
//   - with JavaScript: type a query, see suggestions (ARIA combobox, keyboard) and instant results,
//     pick a facet, paginate, open a sheet, go back;
//   - the same flow with JavaScript disabled;
//   - axe-core: zero violations on the results page and on the zero-results page.
// Run: node tests/e2e/server.test.mjs (ctest registers it from tests/server/CMakeLists.txt).
// Exit code 77 (skipped) when Chromium or node_modules are missing, unless CI is set: then it fails.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { test } from "node:test";
import { axeViolations, chromiumPath, prerequisites, repo, serverDuringTests, startServer as serve } from "./lib/server.mjs";

const { cli, chromium, axeSource } = prerequisites("e2e serveur");

const work = fs.mkdtempSync(path.join(os.tmpdir(), "pratiques-e2e-serveur-"));
const profiles = [];

async function startServer() {
  const index = path.join(work, "index");
  execFileSync(cli, ["index", "--content", path.join(repo, "tests/fixtures/corpus"), "--schemas", path.join(repo, "schemas"),
    "--out", index], { stdio: "pipe" });
  execFileSync(cli, ["build", "--index", index, "--out", path.join(work, "public")], { stdio: "pipe" });
  return serve(cli, ["--index", index, "--site", path.join(work, "public"), "--donnees", path.join(work, "var"),
    "--contenu", path.join(work, "content"), "--schemas", path.join(repo, "schemas")]);
}

async function newContext(options = {}) {
  const profile = fs.mkdtempSync(path.join(work, "chromium-"));
  profiles.push(profile);
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    headless: true,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
      "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"],
    ...options,
  });
  const page = context.pages()[0] ?? await context.newPage();
  const problems = [];
  // Errors of the page (scripts, CSP, failed requests); the browser's own /favicon.ico probe aside.
  page.on("console", (m) => {
    if (m.type() === "error" && !m.text().startsWith("Failed to load resource")) problems.push(m.text());
  });
  page.on("pageerror", (e) => problems.push(String(e)));
  page.on("response", (r) => {
    if (r.status() >= 400 && !r.url().endsWith("/favicon.ico")) problems.push(`${r.status()} ${r.url()}`);
  });
  return { context, page, problems };
}

const running = serverDuringTests(startServer, work);

const resultTitles = (page) => page.locator("ol.resultats li.resultat h3 a").allTextContents();

test("avec JavaScript : suggestions au clavier, résultats instantanés, facette, pagination, fiche, retour", async () => {
  const { context, page, problems } = await newContext();
  try {
    await page.goto(`${running.url}/recherche?par_page=3`);
    const input = page.locator("#q");
    await assert.doesNotReject(page.waitForFunction(() => document.querySelector("#q").getAttribute("role") === "combobox"));
    assert.equal(await input.getAttribute("aria-expanded"), "false");

    // Autocompletion: "vieil" proposes the vocabulary label; the keyboard moves in the list.
    await input.click();
    await input.pressSequentially("vieil", { delay: 40 });
    const listbox = page.locator("#" + await input.getAttribute("aria-controls"));
    // Wait for the answer to the whole word: an answer to "viei" may be on screen, about to be replaced.
    await page.locator(`#${await input.getAttribute("aria-controls")}[data-requete="vieil"] [role=option]`).first().waitFor();
    assert.equal(await input.getAttribute("aria-expanded"), "true");
    assert.equal(await listbox.getAttribute("role"), "listbox");
    const labels = await listbox.locator("[role=option] .suggestion-libelle").allTextContents();
    assert.ok(labels.includes("Vieillissement et personnes âgées"), labels.join(" | "));
    await page.keyboard.press("ArrowDown");
    const active = await input.getAttribute("aria-activedescendant");
    assert.ok(active, "aria-activedescendant absent après ↓");
    assert.equal(await page.locator("#" + active).getAttribute("aria-selected"), "true");
    await page.keyboard.press("ArrowUp");
    assert.notEqual(await input.getAttribute("aria-activedescendant"), active);
    await page.keyboard.press("Escape");
    assert.equal(await input.getAttribute("aria-expanded"), "false");
    assert.equal(await listbox.isHidden(), true);

    // Instant results: no Enter pressed, the results and the address follow the typing.
    await input.fill("");
    await input.pressSequentially("potager", { delay: 30 });
    await page.waitForFunction(() => document.querySelector("#nombre-resultats")?.textContent.startsWith("2 pratiques"));
    await page.waitForFunction(() => location.search.includes("q=potager"));
    assert.deepEqual((await resultTitles(page)).length, 2);
    assert.match(await page.locator("#annonce-resultats").textContent(), /2 pratiques/);
    await page.keyboard.press("Escape");

    // Back to every sheet, then a facet: Hauts-de-France (6 sheets, 2 pages of 3).
    await input.fill("");
    await page.waitForFunction(() => document.querySelector("#nombre-resultats")?.textContent.startsWith("8 pratiques"));
    await page.locator(".facettes a", { hasText: "Hauts-de-France" }).first().click();
    await page.waitForURL(/region=32/);
    assert.match(await page.locator("#nombre-resultats").textContent(), /^6 pratiques/);
    assert.equal(await page.locator(".filtres-actifs a.filtre-actif").count(), 1);

    // Paginate.
    await page.locator(".pagination a[rel=next]").click();
    await page.waitForURL(/page=2/);
    assert.equal(await page.locator("ol.resultats").getAttribute("start"), "4");
    const onPage2 = await resultTitles(page);
    assert.equal(onPage2.length, 3);

    // Open a sheet, go back.
    const href = await page.locator("ol.resultats li.resultat h3 a").first().getAttribute("href");
    await page.locator("ol.resultats li.resultat h3 a").first().click();
    await page.waitForURL((u) => u.pathname === href);
    assert.equal(await page.locator("h1").count(), 1);
    await page.goBack();
    await page.waitForURL(/page=2/);
    assert.deepEqual(await resultTitles(page), onPage2);
    assert.deepEqual(problems, [], "erreurs dans la console : " + problems.join("\n"));
  } finally {
    await context.close();
  }
});

test("sans JavaScript : le même parcours, par le formulaire et les liens", async () => {
  const { context, page } = await newContext({ javaScriptEnabled: false });
  try {
    await page.goto(`${running.url}/recherche?par_page=3`);
    assert.equal(await page.locator("#q").getAttribute("role"), null);  // no enhancement
    await page.locator("#q").fill("potager");
    await page.keyboard.press("Enter");
    await page.waitForURL(/q=potager/);
    assert.match(await page.locator("#nombre-resultats").textContent(), /^2 pratiques/);
    assert.ok(await page.locator("mark").count() > 0, "extraits surlignés");
    // Remove the query through the form, pick a facet, paginate, open, back.
    await page.locator("#q").fill("");
    await page.locator("form.recherche-page button[type=submit]").click();
    // Without JavaScript, waitForFunction has no page script to poll with: wait for the navigation.
    await page.waitForURL((url) => url.searchParams.get("q") === "");
    assert.match(await page.locator("#nombre-resultats").textContent(), /^8 pratiques/);
    await page.locator(".facettes a", { hasText: "Hauts-de-France" }).first().click();
    await page.waitForURL(/region=32/);
    await page.locator(".pagination a[rel=next]").click();
    await page.waitForURL(/page=2/);
    const onPage2 = await resultTitles(page);
    assert.equal(onPage2.length, 3);
    // The active filter is removed by its own link.
    const remove = page.locator(".filtres-actifs a.filtre-actif");
    assert.equal(await remove.count(), 1);
    await page.locator("ol.resultats li.resultat h3 a").first().click();
    await page.waitForURL(/\/fiches\//);
    await page.goBack();
    await page.waitForURL(/page=2/);
    assert.deepEqual(await resultTitles(page), onPage2);
    await page.locator(".filtres-actifs a.filtre-actif").click();
    await page.waitForFunction(() => !location.search.includes("region="));
    assert.match(await page.locator("#nombre-resultats").textContent(), /^8 pratiques/);
  } finally {
    await context.close();
  }
});

for (const [name, target] of [["page de résultats", "/recherche?q=parents&departement=59"],
                              ["page sans résultat", "/recherche?q=astronautique&thematiques=aidants"]]) {
  test(`axe-core : zéro violation — ${name}`, async () => {
    const { context, page, problems } = await newContext();
    try {
      const violations = [];
      await page.exposeFunction("cspViolation", (v) => violations.push(v));
      await page.addInitScript(() => document.addEventListener("securitypolicyviolation",
        (e) => window.cspViolation(`${e.violatedDirective} ${e.blockedURI}`)));
      await page.goto(running.url + target);
      await page.waitForFunction(() => document.querySelector("#q")?.getAttribute("role") === "combobox");
      // Evaluated through the DevTools protocol: the page's CSP (no inline script) stays untouched.
      const summary = await axeViolations(page, axeSource);
      assert.deepEqual(summary, [], `violations sur ${target} :\n${summary.join("\n")}`);
      assert.deepEqual(violations, [], "violations de la Content-Security-Policy");
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });
}

// The page's clock is Playwright's (page.clock): what is typed "in one go" is a matter of the page's
// time (recherche.js: updates less than 2 s apart), not of how fast this machine types.
async function typeAndWait(page, input, text, q) {
  await input.pressSequentially(text);
  await page.clock.runFor(500);  // the 400 ms pause after the last key (recherche.js) has passed
  await page.waitForURL((url) => url.searchParams.get("q") === q);
}

test("avec JavaScript : « Précédent » après une recherche instantanée revient à la recherche précédente", async () => {
  const { context, page, problems } = await newContext();
  try {
    await page.clock.install();
    await page.goto(`${running.url}/recherche?q=potager`);
    await page.waitForFunction(() => document.querySelector("#q")?.getAttribute("role") === "combobox");
    await page.clock.pauseAt(Date.now() + 60_000);
    const input = page.locator("#q");
    await input.fill("");
    // A pause in the middle of the word shows its first letters' results; what is typed in one go
    // (the rest a second later) is still one step back; after a pause of 3 s, a new step begins.
    await typeAndWait(page, input, "paren", "paren");
    await page.clock.runFor(1_000);
    await typeAndWait(page, input, "ts", "parents");  // 1.5 s after "paren"
    const parents = await page.locator("#nombre-resultats").textContent();
    await page.clock.runFor(3_000);
    await typeAndWait(page, input, " jardin", "parents jardin");  // 3.5 s after "parents"
    await page.goBack();
    await page.waitForURL((url) => url.searchParams.get("q") === "parents");
    await page.waitForFunction((t) => document.querySelector("#nombre-resultats")?.textContent === t, parents);
    assert.equal(await input.inputValue(), "parents");
    await page.goBack();
    await page.waitForURL((url) => url.searchParams.get("q") === "potager");
    // The count of « potager »: « 2 pratiques » alone is that of « parents » too, and the wait
    // passed before the page went back (a race seen once in CI).
    await page.waitForFunction(() => {
      const count = document.querySelector("#nombre-resultats")?.textContent ?? "";
      return count.startsWith("2 pratiques") && count.includes("potager");
    });
    assert.equal(await input.inputValue(), "potager");
    assert.notEqual(parents, await page.locator("#nombre-resultats").textContent());
    // Forward again: the later search, its words and its results.
    await page.goForward();
    await page.waitForURL((url) => url.searchParams.get("q") === "parents");
    await page.waitForFunction((t) => document.querySelector("#nombre-resultats")?.textContent === t, parents);
    assert.equal(await input.inputValue(), "parents");
    assert.deepEqual(problems, [], "erreurs dans la console : " + problems.join("\n"));
  } finally {
    await context.close();
  }
});

for (const [width, height] of [[360, 640], [390, 844]])
for (const javaScriptEnabled of [true, false]) {
  test(`téléphone (${width} × ${height}, ${javaScriptEnabled ? "avec" : "sans"} JavaScript) : le titre du premier résultat est dans le premier écran, les filtres dans « Filtrer »`, async () => {
    const { context, page } = await newContext({ javaScriptEnabled, viewport: { width, height } });
    try {
      await page.goto(`${running.url}/recherche?q=parents&region=32`);
      // The whole title on a 390 × 844 phone; on a 360 × 640 one, at least its first two lines
      // (it was below the first screen on both: under the header's form, the page's title and help).
      const title = await page.locator("ol.resultats li.resultat h3 a").first().evaluate((e) => {
        const r = e.getBoundingClientRect();
        return { top: r.top + window.scrollY, bottom: r.bottom + window.scrollY, line: parseFloat(getComputedStyle(e).lineHeight) };
      });
      const visible = height >= 844 ? title.bottom : title.top + 2 * title.line;
      assert.ok(visible <= height, `titre du premier résultat de ${title.top} à ${title.bottom} px, écran de ${height} px`);
      // The page's own form is the search: no second one in the header.
      assert.equal(await page.locator("header form[role=search]").count(), 0);
      assert.equal(await page.locator("#q").count(), 1);
      assert.match(await page.locator("details.facettes > summary").textContent(), /^Filtrer \(1\)$/);
      assert.equal(await page.locator("details.facettes").evaluate((d) => d.open), false);
      // The panel opens without script and its filters are links.
      await page.locator("details.facettes > summary").click();
      assert.ok(await page.locator(".facettes a", { hasText: "Hauts-de-France" }).first().isVisible());
      assert.equal(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth), true);
    } finally {
      await context.close();
    }
  });
}

test("avec JavaScript : une liste de suggestions reste cachée tant que rien n'est tapé", async () => {
  // The header's styles made every list of the header a flex box: the empty list of its search
  // field, hidden by its attribute, showed as a white box over the navigation.
  const { context, page } = await newContext({ viewport: { width: 360, height: 640 } });
  try {
    await page.goto(`${running.url}/recherche?q=parents`);
    await page.waitForFunction(() => document.querySelector("#q")?.getAttribute("role") === "combobox");
    const shown = await page.evaluate(() => [...document.querySelectorAll("[role=listbox]")]
      .filter((l) => l.hidden && getComputedStyle(l).display !== "none").map((l) => l.id));
    assert.deepEqual(shown, []);
  } finally {
    await context.close();
  }
});

test("320 px : la page de résultats ne défile pas horizontalement et ses liens font au moins 44 px de haut", async () => {
  const { context, page } = await newContext({ viewport: { width: 320, height: 640 } });
  try {
    await page.goto(`${running.url}/recherche?q=parents&par_page=3`);
    await page.locator("details.facettes > summary").click();
    const wide = await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth ? [] :
      [...document.querySelectorAll("body *")].filter((e) => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
        .slice(0, 6).map((e) => `${e.tagName.toLowerCase()}.${e.className} (${Math.round(e.getBoundingClientRect().right)} px)`));
    assert.deepEqual(wide, [], "défilement horizontal");
    const small = await page.evaluate(() => [...document.querySelectorAll(".facette a, .tri a, .pagination a, .filtre-actif, .resultat-themes a")]
      .filter((a) => a.getClientRects().length && a.getBoundingClientRect().height < 44).map((a) => a.textContent.trim()));
    assert.deepEqual(small, []);
    // Counts are read with their unit.
    assert.match(await page.locator(".facette .compte").first().textContent(), /\d+\s(fiche|fiches)/);
  } finally {
    await context.close();
  }
});

test("clavier : depuis le haut de /recherche, le premier résultat en 5 Tab au plus (lien « Aller aux résultats »)", async () => {
  const { context, page } = await newContext();
  try {
    await page.goto(`${running.url}/recherche?q=parents`);
    await page.waitForFunction(() => document.querySelector("#q")?.getAttribute("role") === "combobox");
    const firstResult = await page.locator("ol.resultats li.resultat h3 a").first().getAttribute("href");
    let tabs = 0;
    const focused = () => page.evaluate(() => ({ text: document.activeElement.textContent.trim(), href: document.activeElement.getAttribute("href") }));
    for (;;) {
      await page.keyboard.press("Tab");
      tabs++;
      const f = await focused();
      if (f.href === "#liste-resultats") {
        await page.keyboard.press("Enter");
        continue;
      }
      if (f.href === firstResult || tabs >= 5) {
        assert.equal(f.href, firstResult, `après ${tabs} Tab, le focus est sur « ${f.text} »`);
        break;
      }
    }
    assert.ok(tabs <= 5, `${tabs} Tab`);
  } finally {
    await context.close();
  }
});

test("impression : les résultats, sans formulaire, filtres, tri, pages ni liens des thèmes, sans adresse après les liens de navigation", async () => {
  const { context, page } = await newContext();
  try {
    await page.goto(`${running.url}/recherche?q=parents&par_page=3`);
    await page.emulateMedia({ media: "print" });
    const printed = await page.evaluate(() => {
      const addressed = [...document.querySelectorAll("main a")].filter((a) => {
        const c = getComputedStyle(a, "::after").content;
        return c && c !== "none" && c !== "normal";
      });
      return {
        shown: [...document.querySelectorAll("main :is(form, details.facettes, nav.tri, nav.pagination, ul.resultat-themes, input, button)")]
          .filter((e) => e.getClientRects().length).map((e) => `${e.tagName.toLowerCase()}.${e.className}`),
        navigation: addressed.filter((a) => a.rel.includes("nofollow") || a.getAttribute("href").startsWith("/recherche"))
          .map((a) => a.getAttribute("href")),
        results: addressed.filter((a) => a.closest(".resultat h3")).length,
        listed: document.querySelectorAll("li.resultat").length,
      };
    });
    assert.deepEqual(printed.shown, []);
    assert.deepEqual(printed.navigation, []);
    assert.equal(printed.results, printed.listed);  // each result's address stays on paper
  } finally {
    await context.close();
  }
});
