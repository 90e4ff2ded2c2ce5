// No broken link: every internal href/src and #anchor of every generated page resolves, in the
// fixture site and in the site of the real content (content/).
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { after, test } from "node:test";

import { checkLinks } from "./lib/links.mjs";
import { buildSite } from "./lib/site.mjs";

const sites = [];
after(() => sites.forEach((s) => s.cleanup()));

for (const [name, content] of [["fixture", "tests/site/fixtures/content"], ["content", "content"]]) {
  test(`liens internes et ancres : site ${name}`, () => {
    const site = buildSite({ name, content, baseUrl: "https://pratiques.example.org" });
    sites.push(site);
    const { pages, checked, problems } = checkLinks(site.root, site.baseUrl);
    assert.ok(pages > 10, `trop peu de pages (${pages})`);
    assert.ok(checked > pages * 10, `trop peu de liens vérifiés (${checked})`);
    assert.deepEqual(problems, []);
  });
}

test("le vérificateur de liens voit un lien cassé et une ancre absente", () => {
  const site = buildSite({ name: "broken" });
  sites.push(site);
  const page = path.join(site.root, "grille/index.html");
  fs.writeFileSync(page, fs.readFileSync(page, "utf8").replace("</main>",
    '<a href="/fiches/nulle-part/">x</a><a href="/grille/#pas-d-ancre">y</a></main>'));
  const { problems } = checkLinks(site.root, site.baseUrl);
  assert.equal(problems.length, 2, problems.join("\n"));
});
