// Page weight: every sheet page is under 48 KB of HTML + CSS, and needs no JavaScript (its only
// script is the optional "copy the link" helper; every section anchor is a real link).
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { after, test } from "node:test";

import { buildSite, siteFiles } from "./lib/site.mjs";

// 48 KB since the pages show every field of the grid a sheet fills (« Détails de l'action »: the
// heaviest sheet of content/, with its nine partners, is 43.7 KB); it was 40 KB.
const LIMIT = 48 * 1024;
const pageHeadings = ["details", "en-bref", "a-documenter", "sommaire", "fiches-liees", "pratiques-proches", "parcours-utilisant", "sources", "a-propos", "citer"];
const sites = [];
after(() => sites.forEach((s) => s.cleanup()));

for (const [name, content] of [["fixture", "tests/site/fixtures/content"], ["content", "content"]]) {
  test(`poids : chaque fiche (HTML + CSS) pèse moins de 48 Ko — site ${name}`, () => {
    const site = buildSite({ name: `poids-${name}`, content });
    sites.push(site);
    const css = ["assets/style.css", "assets/print.css"].reduce((n, f) => n + fs.statSync(path.join(site.root, f)).size, 0);
    const sheets = siteFiles(site.root, "index.html").filter((f) => f.startsWith("fiches/"));
    assert.ok(sheets.length > 0);
    const heavy = [];
    let max = 0;
    for (const f of sheets) {
      const html = fs.readFileSync(path.join(site.root, f), "utf8");
      const total = Buffer.byteLength(html) + css;
      max = Math.max(max, total);
      if (total >= LIMIT) heavy.push(`${f} : ${total} octets`);
      const scripts = [...html.matchAll(/<script\b([^>]*)>/g)].map((m) => m[1]);
      for (const s of scripts)
        assert.ok(/type="application\/ld\+json"/.test(s) || /src="\/assets\/copie\.js" defer/.test(s), `script inattendu : ${s}`);
      assert.ok(!/\son[a-z]+="/i.test(html), `${f} : attribut d'événement JavaScript`);
      // Every section of the grid is its own link (to copy without JavaScript); the page's other
      // headings are listed here, so that a new one is a decision, not an accident.
      // The grid's sections are <h3>, under the <h2> of their part.
      const unexpected = [...html.matchAll(/<h2 id="([^"]+)">/g)].map((m) => m[1]).filter((id) => !pageHeadings.includes(id));
      assert.deepEqual(unexpected, [], `${f} : titre de niveau 2 inattendu`);
      const sections = [...html.matchAll(/<h3 id="([^"]+)">/g)].map((m) => m[1]);
      const formerAddress = html.includes('<meta http-equiv="refresh"');  // a former id's redirection
      assert.ok(formerAddress || sections.length > 0, `${f} : aucune section de la grille`);
      for (const id of sections)
        assert.ok(html.includes(`<h3 id="${id}"><a href="#${id}">`), `${f} : la section #${id} n'est pas un lien vers elle-même`);
    }
    assert.deepEqual(heavy, [], `plus lourde : ${max} octets`);
    console.log(`# fiche la plus lourde : ${max} octets HTML + CSS (limite ${LIMIT})`);
  });
}
