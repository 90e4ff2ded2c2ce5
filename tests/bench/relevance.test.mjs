// The relevance benchmark's data and measures (bench/relevance/): the judged queries are well formed
// and name sheets that exist, the distractor list names pages of the pinned package, and nDCG, MRR
// and success are computed as documented.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import test from 'node:test';
import { fileURLToPath } from 'node:url';
import { ftsQuery } from '../../bench/relevance/baselines.mjs';
import { distractorSheet, gridSections, readDistractorList } from '../../bench/relevance/corpus.mjs';
import { HALVES, KINDS, limits, measure, readJudgedSheets, readQueries } from '../../bench/relevance/judgments.mjs';
import { README_BEGIN, README_END, readReport, rewriteReadme } from '../../bench/relevance/report.mjs';
import { readPage } from '../../bench/relevance/vdd.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const dir = path.join(root, 'bench/relevance');
const queries = readQueries(path.join(dir, 'requetes.tsv'));
const judged = readJudgedSheets(path.join(dir, 'fiches-jugees.txt'));

test('the judged queries name judged sheets of content/, and at least 150 of them cover every kind in both halves', () => {
  const sheets = new Set(fs.readdirSync(path.join(root, 'content/fiches')).map((f) => f.replace(/\.md$/, '')));
  for (const id of judged) assert.ok(sheets.has(id), `fiches-jugees.txt : ${id} absente de content/fiches/`);
  for (const q of queries)
    for (const id of q.grades.keys()) assert.ok(judged.has(id), `requetes.tsv:${q.line} : ${id} n'est pas une fiche jugée`);
  assert.ok(queries.length >= 150);
  for (const half of HALVES)
    for (const kind of KINDS) assert.ok(queries.some((q) => q.half === half && q.kind === kind), `${kind} absent de la moitié ${half}`);
});

test('every distractor page exists and converts to a sheet with one documented section', () => {
  const list = readDistractorList(path.join(dir, 'distracteurs.tsv'));
  assert.ok(list.length >= 300);
  const sections = gridSections(path.join(root, 'schemas'));
  for (const { id, set } of list) assert.ok(readPage(set, id), `${set}/${id} illisible`);
  const md = distractorSheet(readPage(list[0].set, list[0].id), sections);
  assert.match(md, /^type_fiche: page-externe$/m);
  assert.equal((md.match(/^## /gm) || []).length, sections.filter((s) => s.status === 'M').length);
  assert.equal((md.match(/_Non documenté à ce jour\._/g) || []).length, sections.filter((s) => s.status === 'M').length - 1);
});

test('nDCG@10, reciprocal rank and success follow the best grade', () => {
  const q = { grades: new Map([['a', 2], ['b', 1]]) };
  assert.deepEqual(measure(q, ['a', 'b', 'x']), { ndcg: 1, rr: 1, success: 1 });
  const swapped = measure(q, ['b', 'a']);
  const ideal = 3 + 1 / Math.log2(3), got = 1 + 3 / Math.log2(3);
  assert.ok(Math.abs(swapped.ndcg - got / ideal) < 1e-12);
  assert.equal(swapped.rr, 0.5);
  assert.deepEqual(measure(q, ['x', 'y']), { ndcg: 0, rr: 0, success: 0 });
  const late = ['x', 'x', 'x', 'x', 'x', 'x', 'x', 'x', 'x', 'x', 'a'];
  assert.equal(measure(q, late).success, 0);  // past the tenth result
  assert.deepEqual(measure({ grades: new Map([['b', 1]]) }, ['x', 'b']), { ndcg: 1 / Math.log2(3), rr: 0.5, success: 1 });
});

test('what limits a ranking: its results in the best order, without distractor pages, where the judged sheets are', () => {
  const q = { grades: new Map([['a', 2], ['b', 1], ['c', 1]]) };
  const ranking = ['vdd-1', 'x', 'b', 'vdd-2', 'y', 'z', 'w', 'v', 'u', 't', 'a'];  // a 11th, c not read
  const l = limits(q, ranking, (id) => id.startsWith('vdd-'));
  assert.deepEqual(l.pairs, { top: 1, further: 1, unmatched: 1 });
  assert.equal(l.bestOrder, measure(q, ['a', 'b']).ndcg);
  assert.equal(l.withoutDistractors, measure(q, ['x', 'b', 'y', 'z', 'w', 'v', 'u', 't', 'a']).ndcg);
  assert.ok(l.bestOrder > l.withoutDistractors && l.withoutDistractors > measure(q, ranking).ndcg);
});

test('queries become FTS5 expressions without syntax of their own', () => {
  const columns = ['porteur', 'freins'];
  assert.deepEqual(ftsQuery("l'île aux parents", columns), { main: '"l île" AND "aux" AND "parents"', fields: '', exclude: '' });
  assert.equal(ftsQuery('"croisement des savoirs" ATD', columns).main, '"croisement des savoirs" AND "ATD"');
  assert.equal(ftsQuery('jardin OU potager', columns).main, '("jardin" OR "potager")');
  assert.deepEqual(ftsQuery('freins:élus parents -école', columns), { main: '"parents"', fields: 'freins : "élus"', exclude: '"école"' });
  assert.equal(ftsQuery('titre:parents', columns).main, 'titre : "parents"');
  assert.equal(ftsQuery('x:y', columns).main, '"x" "y"');
});

test('the README section is rewritten from a report, and nothing else of the README', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pertinence-'));
  try {
    const row = (label, ndcg) => ({ label, n: 2, pratiques: { ndcg, mrr: 1, success: 1 },
      fts5: { ndcg: 0.5, mrr: 0.5, success: 0.5 }, omega: { ndcg: null, mrr: null, success: null } });
    const half = (label, ndcg) => ({ overall: row(label, ndcg), kinds: KINDS.map((k) => row(k, ndcg)) });
    const limitsRow = (label) => ({ label, n: 2, ndcg: 0.9345, bestOrder: 0.98, withoutDistractors: 0.95,
      pairs: { top: 5, further: 2, unmatched: 1 } });
    const limitsHalf = (label) => ({ overall: limitsRow(label), kinds: KINDS.map(limitsRow) });
    const report = { facts: '4 judged queries', engine: 'build/pratiques', date: '2026-12-02T20:00Z', depth: 10, resultsRead: 100,
      summary: { halves: { 'contrôle': half('held-out half', 0.9345), 'réglage': half('tuning half', 0.5) },
        limits: { 'contrôle': limitsHalf('held-out half'), 'réglage': limitsHalf('tuning half') } },
      unjudged: { pratiques: { occurrences: 1, sheets: ['x'] }, fts5: { occurrences: 0, sheets: [] }, omega: { occurrences: 0, sheets: [] } },
      lost: [{ id: 'q007' }] };
    const reportFile = path.join(tmp, 'resultats.json');
    fs.writeFileSync(reportFile, JSON.stringify(report));
    const readme = path.join(tmp, 'README.md');
    const before = '# Titre\n\nTexte avant.\n\n', after = '\n\n## Suite\n';
    fs.writeFileSync(readme, `${before}${README_BEGIN}\nanciens chiffres 0.111\n${README_END}${after}`);
    rewriteReadme(readme, readReport(reportFile));
    const text = fs.readFileSync(readme, 'utf8');
    assert.ok(text.startsWith(before + README_BEGIN) && text.endsWith(README_END + after));
    assert.doesNotMatch(text, /0\.111/);
    assert.match(text, /\| held-out half \| 2 \| 0\.934 \/ 1\.000 \/ 1\.000 \| 0\.500 \/ 0\.500 \/ 0\.500 \| – \/ – \/ – \|/);
    assert.match(text, /\| tuning half \| 2 \| 0\.500 /);
    assert.match(text, /no longer do: q007\./);
    assert.match(text, /\| held-out half \| 2 \| 0\.934 \| 0\.980 \| 0\.950 \| 5 \/ 2 \/ 1 \|/);
    rewriteReadme(readme, readReport(reportFile));
    assert.equal(fs.readFileSync(readme, 'utf8'), text);  // same report, same README
    assert.deepEqual(fs.readdirSync(tmp).sort(), ['README.md', 'resultats.json']);  // no temporary file left
    // A README without its markers, or a report of an older run, is refused with the file named.
    fs.writeFileSync(readme, '# Titre\n');
    assert.throws(() => rewriteReadme(readme, report), (e) => e.message.includes(readme));
    assert.equal(fs.readFileSync(readme, 'utf8'), '# Titre\n');
    fs.writeFileSync(reportFile, JSON.stringify({ facts: 'x' }));
    assert.throws(() => readReport(reportFile), (e) => e.message.includes(reportFile) && e.message.includes('engine'));
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
});

test("the README's relevance section is the one the report writer produces", () => {
  const text = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
  const block = text.slice(text.indexOf(README_BEGIN), text.indexOf(README_END));
  assert.match(block, /written by `bench\/relevance\/readme\.mjs` from the run's `resultats\.json`/);
  // One row in the measures' table, one in the table of what limits them.
  assert.equal((block.match(/^\| held-out half \|/gm) || []).length, 2);
  assert.match(block, /\| judged sheets: first 10 \/ ranks 11–100 \/ not in the first 100 \|/);
});
