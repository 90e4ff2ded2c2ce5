#!/usr/bin/env node
// Do two indexes of the same corpus answer the same? (issue 12: the index built on every core must
// give the results of the one-core build). Runs each query of a bench queries file through
// `pratiques search --json` on both indexes and compares the match count, the facet counts and the
// first page: same documents in the same order with the same scores, where documents of exactly
// equal score may come in either order (exact ties).
//
//   node bench/compare-hits.mjs --pratiques build-bench/pratiques --a INDEX_A --b INDEX_B \
//        --queries bench/out/corpus-10000/queries.tsv [--limit 400] [--par-page 10] [--jobs 2] [--json]
//
// Exit status 0 when every query gives the same answer, 1 otherwise (the differing queries are listed).
import { execFile } from 'node:child_process';
import fs from 'node:fs';

const args = { pratiques: 'build-bench/pratiques', a: '', b: '', queries: '', limit: 400, 'par-page': 10, jobs: 2, json: false };
for (let i = 2; i < process.argv.length; i++) {
  const k = process.argv[i].replace(/^--/, '');
  if (k === 'json') { args.json = true; continue; }
  if (!(k in args) || i + 1 >= process.argv.length) { console.error(`compare-hits : option inconnue ou sans valeur ${process.argv[i]}`); process.exit(2); }
  args[k] = process.argv[++i];
}
if (!args.a || !args.b || !args.queries) { console.error('usage : compare-hits.mjs --a INDEX --b INDEX --queries FILE [--pratiques BIN]'); process.exit(2); }

const queries = fs.readFileSync(args.queries, 'utf8').split('\n').filter((l) => l && !l.startsWith('#')).slice(0, Number(args.limit))
  .map((line) => {
    const [words, filters = ''] = line.split('\t');
    return { words, filters: filters.split('&').filter((kv) => kv.indexOf('=') > 0) };
  });

const search = (index, q) => new Promise((resolve, reject) => {
  const argv = ['search', '--index', index, '--json', '--par-page', String(args['par-page']),
    ...q.filters.map((f) => `--filtre=${f}`), ...q.words.split(/\s+/).filter(Boolean)];
  execFile(args.pratiques, argv, { maxBuffer: 1 << 26 }, (err, stdout) => {
    // exit 1 = no result: still a JSON answer
    if (err && err.code !== 1) return reject(new Error(`pratiques ${argv.join(' ')} : ${err.message}`));
    try { resolve(JSON.parse(stdout)); } catch (e) { reject(new Error(`pratiques ${argv.join(' ')} : ${e.message}`)); }
  });
});

// Groups of exactly equal score, each as a sorted list of ids: the order inside a group is free.
const groups = (hits) => {
  const out = [];
  for (const h of hits) {
    const last = out[out.length - 1];
    if (last && last.score === h.score) last.ids.push(h.id);
    else out.push({ score: h.score, ids: [h.id] });
  }
  return out.map((g) => `${g.score}:${g.ids.sort().join(',')}`);
};

function compare(q, ra, rb) {
  const ha = ra.resultats || [], hb = rb.resultats || [];
  if (ra.total !== rb.total) return `total ${ra.total} ≠ ${rb.total}`;
  if (JSON.stringify(ra.facettes) !== JSON.stringify(rb.facettes)) return 'facettes différentes';
  const same = ha.length === hb.length && ha.every((h, i) => h.id === hb[i].id && h.score === hb[i].score);
  if (same) return null;
  // Exact ties may straddle the end of the page: compare the groups that end before the last score.
  const ga = groups(ha), gb = groups(hb);
  const full = (g) => g.slice(0, -1);
  const lastScore = (h) => (h.length ? h[h.length - 1].score : null);
  if (JSON.stringify(full(ga)) === JSON.stringify(full(gb)) && lastScore(ha) === lastScore(hb)) return 'tie';
  return `premiers résultats différents : ${ha.map((h) => h.id).join(' ')} | ${hb.map((h) => h.id).join(' ')}`;
}

const result = { queries: queries.length, identical: 0, identical_up_to_ties: 0, differing: [], results_compared: 0 };
let next = 0;
async function worker() {
  while (next < queries.length) {
    const q = queries[next++];
    const [ra, rb] = [await search(args.a, q), await search(args.b, q)];
    result.results_compared += (ra.resultats || []).length;
    const d = compare(q, ra, rb);
    if (d === null) result.identical++;
    else if (d === 'tie') result.identical_up_to_ties++;
    else result.differing.push({ words: q.words, filters: q.filters, difference: d });
  }
}
const t0 = performance.now();
await Promise.all(Array.from({ length: Number(args.jobs) }, worker));
result.seconds = (performance.now() - t0) / 1000;
result.same = result.differing.length === 0;
if (args.json) console.log(JSON.stringify(result));
else {
  console.log(`${result.queries} requêtes : ${result.identical} identiques, ${result.identical_up_to_ties} identiques aux ex-æquo près, ` +
    `${result.differing.length} différentes (${result.results_compared} résultats comparés)`);
  for (const d of result.differing.slice(0, 20)) console.log(`  « ${d.words} » ${d.filters.join('&')} : ${d.difference}`);
}
process.exit(result.same ? 0 : 1);
