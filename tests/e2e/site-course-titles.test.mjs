// Course and sheet titles at 320 px (the narrowest screen WCAG 1.4.10 asks for): on each course page
// (the trainer's and the students' handout), on the list of courses and on each sheet, no word of a title is cut
// between two lines. Long French words (« l'accompagnement ») were cut mid-word, without a hyphen,
// by the last-resort `overflow-wrap` of <main>. The courses of content/ are the trainer's titles.
// Headless Chromium here has no hyphenation dictionary (component updates are off), so every word
// must fit whole: the size of course headings on narrow screens is what this checks.
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { after, before, test } from "node:test";

import { buildSite, launchBrowser, serve, siteFiles } from "./lib/site.mjs";

let site, server, browser;

before(async () => {
  site = buildSite({ name: "titres-parcours", content: "content" });
  server = await serve(site.root);
});

after(async () => {
  await browser?.close();
  await server?.close();
  site?.cleanup();
});

// The words of the elements `selector` matches that the browser laid out on more than one line.
async function cutWords(path, selector) {
  const page = await browser.context.newPage();
  await page.setViewportSize({ width: 320, height: 640 });
  await page.goto(server.url + path, { waitUntil: "load" });
  const cut = await page.evaluate((sel) => {
    const out = [];
    for (const el of document.querySelectorAll(sel)) {
      const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode())
        for (const m of node.data.matchAll(/[^\s-]+/g)) {  // a line may end after a hyphen: « Pas-de- / Calais »
          const range = document.createRange();
          range.setStart(node, m.index);
          range.setEnd(node, m.index + m[0].length);
          const tops = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
          if (tops.size > 1) out.push(m[0]);
        }
    }
    return out;
  }, selector);
  await page.close();
  return cut;
}

test("320 px : aucun mot du titre d'un parcours ou d'une fiche n'est coupé, sur sa page, son support étudiant et la liste des parcours", async (t) => {
  browser ??= await launchBrowser(t);
  if (!browser) return;
  const pages = siteFiles(site.root, "index.html").filter((f) => /^parcours\/[^/]+\/(etudiants\/)?index\.html$/.test(f));
  assert.ok(pages.length >= 2, "aucune page de parcours");
  const problems = [];
  for (const f of pages) {
    const url = "/" + f.replace(/index\.html$/, "");
    for (const word of await cutWords(url, "main h1")) problems.push(`${url} : « ${word} »`);
  }
  for (const word of await cutWords("/parcours/", "main .cartes h2")) problems.push(`/parcours/ : « ${word} »`);
  // The sheets' titles, set as the courses' (« interprofessionnelle »).
  const sheets = siteFiles(site.root, "index.html").filter((f) => /^fiches\/[^/]+\/index\.html$/.test(f) &&
    !fs.readFileSync(path.join(site.root, f), "utf8").includes('http-equiv="refresh"'));  // a former id's redirection
  for (const f of sheets) {
    const url = "/" + f.replace(/index\.html$/, "");
    for (const word of await cutWords(url, "main h1")) problems.push(`${url} : « ${word} »`);
  }
  assert.deepEqual(problems, [], `mots coupés à 320 px :\n${problems.join("\n")}`);
});
