// Reference managers: the BibTeX, RIS and CSL-JSON downloads of a sheet, parsed back by citation-js
// (the parsers Zotero-compatible tools use, pinned in package-lock.json), give the same title,
// authors, year and URL as the page's Highwire citation_* meta tags that Zotero reads; the Dublin Core
// DC.* tags beside them say the same (title, creators, date, address, language).
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { after, before, test } from "node:test";

import { Cite } from "@citation-js/core";
import "@citation-js/plugin-bibtex";
import "@citation-js/plugin-ris";

import { buildSite } from "./lib/site.mjs";

let site;
before(() => {
  site = buildSite({ name: "citations", baseUrl: "https://pratiques.example.org" });
});
after(() => site?.cleanup());

const decode = (s) => s.replace(/&quot;/g, '"').replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&#39;/g, "'").replace(/&amp;/g, "&");

function metaTags(html) {
  const tags = {};
  for (const m of html.matchAll(/<meta name="((?:citation_|DC\.)[A-Za-z_.]+)" content="([^"]*)">/g)) (tags[m[1]] ??= []).push(decode(m[2]));
  return tags;
}

const nameOf = (a) => a.literal ?? [a.given, a.family].filter(Boolean).join(" ");

for (const id of ["crediscussion-groupe-surendettement-caf", "fiche-hostile"]) {
  test(`BibTeX, RIS et CSL-JSON relus par citation-js concordent avec les balises Zotero — ${id}`, () => {
    const dir = path.join(site.root, "fiches", id);
    const html = fs.readFileSync(path.join(dir, "index.html"), "utf8");
    const tags = metaTags(html);
    const url = `https://pratiques.example.org/fiches/${id}/`;
    assert.equal(tags.citation_public_url?.[0], url);
    assert.equal(tags.citation_language?.[0], "fr");
    assert.ok(tags.citation_technical_report_institution, "Zotero enregistre la fiche comme un rapport");
    assert.ok(tags["DC.rights"]?.[0], "licence (DC.rights)");
    assert.ok(tags.citation_keywords?.[0]?.length > 0, "thématiques (citation_keywords)");
    assert.ok(html.includes('href="citation.json" download'), "lien de téléchargement CSL-JSON");
    assert.ok(fs.existsSync(path.join(dir, "citation.json")), "le lien relatif mène au fichier");

    // Dublin Core, beside the Highwire tags: the same title, authors, date (ISO) and address.
    for (const name of ["title", "date", "publisher", "subject", "language", "identifier", "type"])
      assert.equal(tags[`DC.${name}`]?.length, 1, `une seule balise DC.${name}`);
    assert.equal(tags["DC.title"][0], tags.citation_title[0], "DC.title");
    assert.deepEqual(tags["DC.creator"], tags.citation_author, "DC.creator : un par citation_author, dans l'ordre");
    assert.match(tags["DC.date"][0], /^\d{4}-\d{2}-\d{2}$/, "DC.date ISO 8601");
    assert.equal(tags["DC.date"][0].replaceAll("-", "/"), tags.citation_publication_date[0], "DC.date");
    assert.equal(tags["DC.identifier"][0], url, "DC.identifier : l'adresse publique");
    assert.equal(tags["DC.language"][0], "fr", "DC.language");
    assert.equal(tags["DC.publisher"][0], "Pratiques", "DC.publisher");
    assert.equal(tags["DC.subject"][0], tags.citation_keywords[0], "DC.subject : les thématiques");
    assert.equal(tags["DC.type"][0], "Text", "DC.type");

    const parsed = {
      bibtex: new Cite(fs.readFileSync(path.join(dir, "citation.bib"), "utf8"), { forceType: "@bibtex/text" }).data,
      ris: new Cite(fs.readFileSync(path.join(dir, "citation.ris"), "utf8"), { forceType: "@ris/file" }).data,
      csl: new Cite(JSON.parse(fs.readFileSync(path.join(dir, "citation.json"), "utf8"))).data,
    };
    for (const [format, items] of Object.entries(parsed)) {
      assert.equal(items.length, 1, `${format} : une référence`);
      const item = items[0];
      assert.equal(item.title, tags.citation_title[0], `${format} : titre`);
      assert.deepEqual(item.author.map(nameOf), tags.citation_author, `${format} : auteurs`);
      assert.equal(String(item.issued["date-parts"][0][0]), tags.citation_publication_date[0].slice(0, 4), `${format} : année`);
      assert.equal(item.URL, url, `${format} : adresse`);
    }
    // The same kind of item whichever download a reference manager imports.
    for (const [format, items] of Object.entries(parsed)) assert.equal(items[0].type, "report", `${format} : type`);
    assert.equal(parsed.csl[0].publisher, "Pratiques");
  });
}
