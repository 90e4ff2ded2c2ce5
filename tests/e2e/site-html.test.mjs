// Valid HTML: html-validate (pinned, config in .htmlvalidate.json) reports zero errors on every
// generated page of the fixture site and of the real content's site.
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { after, test } from "node:test";

import { FileSystemConfigLoader, HtmlValidate } from "html-validate";

import { buildSite, repo, siteFiles } from "./lib/site.mjs";

const config = JSON.parse(fs.readFileSync(path.join(repo, ".htmlvalidate.json"), "utf8"));
const validator = new HtmlValidate(new FileSystemConfigLoader(config));
const sites = [];
after(() => sites.forEach((s) => s.cleanup()));

async function errorsOf(root) {
  const errors = [];
  const pages = siteFiles(root, ".html");
  for (const page of pages) {
    const report = await validator.validateFile(path.join(root, page));
    for (const r of report.results)
      for (const m of r.messages) errors.push(`${page}:${m.line}:${m.column} ${m.ruleId} ${m.message}`);
  }
  return { pages: pages.length, errors };
}

for (const [name, content] of [["fixture", "tests/site/fixtures/content"], ["content", "content"]]) {
  test(`html-validate : zéro erreur sur chaque page du site ${name}`, async () => {
    const site = buildSite({ name: `html-${name}`, content });
    sites.push(site);
    const { pages, errors } = await errorsOf(site.root);
    assert.ok(pages > 10);
    assert.deepEqual(errors, []);
  });
}

test("html-validate voit une erreur (la configuration est bien chargée)", async () => {
  const report = await validator.validateString('<!DOCTYPE html><html lang="fr"><head><title>x</title></head><body><p><div>x</div></p><img src="a.png"></body></html>');
  assert.equal(report.valid, false);
});
