#!/usr/bin/env node
// Relevance benchmark: nDCG@10, MRR and success@10 of `pratiques search`, overall, per half and per
// kind of query, against SQLite FTS5 and Xapian as Omega uses it, on the same documents (the sheets
// of content/ and the distractor pages of distracteurs.tsv). See bench/relevance/README.md.
//
//   bench/relevance/run [--pratiques BIN] [--sortie DIR] [--readme] [--ecrire-reference]
//
// Writes DIR/resultats.json (every ranking and measure) and DIR/resultats.md (tables, and the
// rankings of the tuning half only: the held-out half is looked at in aggregate only).
// --readme replaces the README's generated section with the tables (as bench/relevance/readme.mjs
// does from a report); --ecrire-reference records
// the engine's per-query results in bench/relevance/reference.tsv, against which later runs list
// the queries that no longer find their best sheet.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildCorpus, DISTRACTOR_PREFIX } from './corpus.mjs';
import { buildFts, buildOmega, readDocuments, searchFts, searchOmega, sectionPrefixes } from './baselines.mjs';
import { DEPTH, HALVES, KINDS, limits, mean, measure, readJudgedSheets, readQueries } from './judgments.mjs';
import { fmt, limitsTable, rewriteReadme, SYSTEMS, SYSTEM_NAMES, table, unjudgedLine } from './report.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const HALF_NAMES = { 'réglage': 'tuning half', 'contrôle': 'held-out half' };
// The results of `pratiques search` read for what limits its figures: the most a page holds
// (kMaxPerPage); the measures read the first DEPTH.
const RESULTS_READ = 100;

function parseArgs(argv) {
  const a = { out: path.join(root, 'bench/out/relevance'), readme: false, writeReference: false, pratiques: null };
  for (let i = 2; i < argv.length; i++) {
    const k = argv[i];
    const v = () => { if (i + 1 >= argv.length) throw new Error(`${k} attend une valeur`); return argv[++i]; };
    if (k === '--pratiques') a.pratiques = path.resolve(v());
    else if (k === '--sortie') a.out = path.resolve(v());
    else if (k === '--readme') a.readme = true;
    else if (k === '--ecrire-reference') a.writeReference = true;
    else if (k === '-h' || k === '--help') {
      console.log(fs.readFileSync(fileURLToPath(import.meta.url), 'utf8').split('\nimport')[0]);
      process.exit(0);
    } else throw new Error(`option inconnue ${k}`);
  }
  if (!a.pratiques) {
    a.pratiques = ['build/pratiques', 'build-tests/pratiques'].map((p) => path.join(root, p)).find((p) => fs.existsSync(p));
    if (!a.pratiques) throw new Error('binaire pratiques introuvable (build/ ou build-tests/) : --pratiques BIN');
  }
  return a;
}

function searchPratiques(bin, index, queries) {
  return queries.map((q) => {
    const args = ['search', '--index', index, '--json', '--par-page', String(RESULTS_READ)];
    for (const [k, v] of q.filters) args.push(`--filtre=${k}=${v}`);
    if (q.text) args.push(q.text);
    const r = JSON.parse(execFileSync(bin, args, { encoding: 'utf8', maxBuffer: 1 << 26 }));
    return r.resultats.map((h) => h.id);
  });
}

function summarise(queries, runs) {
  // rows: {label, n, [system]: {ndcg, mrr, success}}
  const row = (label, qs) => {
    const r = { label, n: qs.length };
    for (const s of SYSTEMS) {
      const ms = qs.map((q) => runs[s][q.id].measure);
      r[s] = { ndcg: mean(ms.map((m) => m.ndcg)), mrr: mean(ms.map((m) => m.rr)), success: mean(ms.map((m) => m.success)) };
    }
    return r;
  };
  const out = { overall: row('all', queries), halves: {}, kinds: {} };
  for (const h of HALVES) {
    const qh = queries.filter((q) => q.half === h);
    out.halves[h] = { overall: row(HALF_NAMES[h], qh), kinds: KINDS.map((k) => row(k, qh.filter((q) => q.kind === k))) };
  }
  out.kinds = KINDS.map((k) => row(k, queries.filter((q) => q.kind === k)));
  // What limits the engine: its measures if its results came in the best order, without the
  // distractor pages; where the judged sheets are.
  const limitsRow = (label, qs) => {
    const ls = qs.map((q) => runs.pratiques[q.id].limits);
    const sum = (k) => ls.reduce((s, l) => s + l.pairs[k], 0);
    return { label, n: qs.length, ndcg: mean(qs.map((q) => runs.pratiques[q.id].measure.ndcg)),
      bestOrder: mean(ls.map((l) => l.bestOrder)), withoutDistractors: mean(ls.map((l) => l.withoutDistractors)),
      pairs: { top: sum('top'), further: sum('further'), unmatched: sum('unmatched') } };
  };
  out.limits = Object.fromEntries(HALVES.map((h) => {
    const qh = queries.filter((q) => q.half === h);
    return [h, { overall: limitsRow(HALF_NAMES[h], qh), kinds: KINDS.map((k) => limitsRow(k, qh.filter((q) => q.kind === k))) }];
  }));
  return out;
}

function main() {
  const a = parseArgs(process.argv);
  const queries = readQueries(path.join(here, 'requetes.tsv'));
  const judged = readJudgedSheets(path.join(here, 'fiches-jugees.txt'));
  fs.mkdirSync(a.out, { recursive: true });
  const t0 = Date.now();

  const corpus = buildCorpus({ root, out: a.out, distractorList: path.join(here, 'distracteurs.tsv') });
  const index = path.join(a.out, 'index');
  execFileSync(a.pratiques, ['index', '--content', corpus.content, '--schemas', corpus.schemas, '--out', index, '--complet'],
    { stdio: ['ignore', 'ignore', 'inherit'] });
  const documents = readDocuments(path.join(index, 'catalogue.sqlite'));
  const prefixes = sectionPrefixes(corpus.schemas);
  const fts = buildFts(documents, prefixes, path.join(a.out, 'fts5.sqlite'));
  const omega = buildOmega(documents, prefixes, path.join(a.out, 'omega'));

  const rankings = {
    pratiques: searchPratiques(a.pratiques, index, queries),
    fts5: searchFts(fts, queries.map((q) => ({ text: q.text, filters: q.filters })), DEPTH),
    omega: searchOmega(omega, queries.map((q) => ({ text: q.text, filters: q.filters })), DEPTH),
  };
  const isUnjudged = (id) => !judged.has(id) && !id.startsWith(DISTRACTOR_PREFIX);
  const runs = {};
  const unjudged = {};
  for (const s of SYSTEMS) {
    runs[s] = {};
    unjudged[s] = { occurrences: 0, sheets: new Set() };
    queries.forEach((q, n) => {
      const ranking = rankings[s][n].slice(0, DEPTH);
      runs[s][q.id] = { ranking, measure: measure(q, ranking) };
      if (s === 'pratiques') runs[s][q.id].limits = limits(q, rankings[s][n], (id) => id.startsWith(DISTRACTOR_PREFIX));
      for (const id of ranking.slice(0, DEPTH)) if (isUnjudged(id)) { unjudged[s].occurrences++; unjudged[s].sheets.add(id); }
    });
  }
  const summary = summarise(queries, runs);

  // Queries that found their best sheet in the reference run and no longer do.
  const referenceFile = path.join(here, 'reference.tsv');
  let lost = null;
  if (fs.existsSync(referenceFile)) {
    const ref = new Map(fs.readFileSync(referenceFile, 'utf8').split('\n').filter((l) => l && !l.startsWith('#'))
      .map((l) => l.split('\t')).map(([id, success, ndcg]) => [id, { success: Number(success), ndcg: Number(ndcg) }]));
    lost = queries.filter((q) => ref.get(q.id)?.success === 1 && runs.pratiques[q.id].measure.success === 0)
      .map((q) => ({ id: q.id, half: q.half, kind: q.kind }));
  }
  if (a.writeReference) {
    const lines = ['# Résultats de `pratiques search` par requête (id, succès@10, nDCG@10), enregistrés par bench/relevance/run --ecrire-reference.',
      ...queries.map((q) => `${q.id}\t${runs.pratiques[q.id].measure.success}\t${runs.pratiques[q.id].measure.ndcg.toFixed(4)}`)];
    fs.writeFileSync(referenceFile, lines.join('\n') + '\n');
  }

  const sheets = documents.filter((d) => !d.id.startsWith(DISTRACTOR_PREFIX)).length;
  const facts = `${queries.length} judged queries (${HALVES.map((h) => `${queries.filter((q) => q.half === h).length} in the ${HALF_NAMES[h]}`).join(', ')}), ` +
    `${sheets} sheets of content/ (${[...judged].filter((id) => documents.some((d) => d.id === id)).length} judged) and ` +
    `${corpus.distractors.length} distractor pages`;
  const report = { facts, engine: path.relative(root, a.pratiques), date: new Date().toISOString().slice(0, 16) + 'Z', depth: DEPTH,
    resultsRead: RESULTS_READ,
    summary, lost,
    unjudged: Object.fromEntries(SYSTEMS.map((s) => [s, { occurrences: unjudged[s].occurrences, sheets: [...unjudged[s].sheets] }])) };
  const md = [
    `# Relevance benchmark`, '',
    `${facts}. Engine: \`${report.engine}\`; ${report.date}; ${((Date.now() - t0) / 1000).toFixed(0)} s.`, '',
    '## Held-out half', '', table([summary.halves['contrôle'].overall, ...summary.halves['contrôle'].kinds]), '',
    '## Tuning half', '', table([summary.halves['réglage'].overall, ...summary.halves['réglage'].kinds]), '',
    '## All queries', '', table([summary.overall, ...summary.kinds]), '',
    `## What limits \`pratiques search\` (its first ${RESULTS_READ} results)`, '',
    limitsTable([summary.limits['contrôle'].overall, ...summary.limits['contrôle'].kinds,
      summary.limits['réglage'].overall, ...summary.limits['réglage'].kinds], RESULTS_READ), '',
    `Unjudged sheets in the top ${DEPTH} (occurrences): ${unjudgedLine(report)}.`, '',
    lost === null ? 'No reference run (bench/relevance/reference.tsv).' :
      `Queries that found their best sheet in the reference run and no longer do: ${lost.length ? lost.map((l) => `${l.id} (${l.half}, ${l.kind})`).join(', ') : 'none'}.`, '',
    '## Tuning half, query by query', '',
    ...queries.filter((q) => q.half === 'réglage').flatMap((q) => [
      `- **${q.id}** ${q.kind} \`${q.text}\`${q.filters.length ? ` [${q.filters.map((f) => f.join('=')).join(' & ')}]` : ''}: ` +
      SYSTEMS.map((s) => `${s} ${fmt(runs[s][q.id].measure.ndcg)}`).join(', '),
      `  - pratiques: ${runs.pratiques[q.id].ranking.map((id) => `${id}${q.grades.has(id) ? `(${q.grades.get(id)})` : isUnjudged(id) ? '(?)' : ''}`).join(' ')}`,
      `  - missing: ${[...q.grades].filter(([id]) => !runs.pratiques[q.id].ranking.includes(id)).map(([id, g]) => `${id}(${g})`).join(' ') || '–'}`,
    ]),
  ].join('\n') + '\n';
  fs.writeFileSync(path.join(a.out, 'resultats.md'), md);
  fs.writeFileSync(path.join(a.out, 'resultats.json'), JSON.stringify({ ...report,
    queries: queries.map((q) => ({ id: q.id, half: q.half, kind: q.kind, text: q.text, filters: q.filters,
      ...Object.fromEntries(SYSTEMS.map((s) => [s, runs[s][q.id]])) })) }, null, 1) + '\n');

  if (a.readme) rewriteReadme(path.join(root, 'README.md'), report);
  const o = summary.halves['contrôle'].overall;
  console.log(`${queries.length} requêtes, ${sheets} fiches, ${corpus.distractors.length} pages distractrices\n` +
    `contrôle : ${SYSTEMS.map((s) => `${s} nDCG@10 ${fmt(o[s].ndcg)}`).join(', ')}\n` +
    `réglage : ${SYSTEMS.map((s) => `${s} nDCG@10 ${fmt(summary.halves['réglage'].overall[s].ndcg)}`).join(', ')}\n` +
    `fiches non jugées dans les 10 premiers : ${SYSTEMS.map((s) => `${s} ${unjudged[s].occurrences}`).join(', ')}\n` +
    `${path.relative(root, path.join(a.out, 'resultats.md'))}`);
  if (lost && lost.length) console.log(`requêtes qui ne trouvent plus leur fiche : ${lost.map((l) => l.id).join(', ')}`);
}

try { main(); } catch (e) { console.error(`bench/relevance/run : ${e.message}`); process.exit(2); }
