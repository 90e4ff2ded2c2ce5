// The performance benchmark's report (bench/report.mjs), the README block it generates
// (bench/readme.mjs) and the comparison of two indexes (bench/compare-hits.mjs).
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import test from 'node:test';
import { fileURLToPath } from 'node:url';
import { BEGIN, END, block, rewrite, withIndex, withPublication } from '../../bench/readme.mjs';
import { collect, resultsMarkdown } from '../../bench/report.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
// Every test's files under one directory, removed at the end.
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'pratiques-perf-report-'));
test.after(() => fs.rmSync(work, { recursive: true, force: true }));

function fakeRun() {
  const dir = fs.mkdtempSync(path.join(work, 'perf-report-'));
  const w = (f, t) => fs.writeFileSync(path.join(dir, f), t);
  w('machine.txt', 'machine=Test CPU\nnproc=2\nmem=8 GB\nload=3.0 2.0 1.0\nxapian=xapian-omega 1.4.22\ncommit=abc1234\n' +
    'date=2026-12-03T14:00:00Z\ncommand=bench/run.sh --sizes "100 300"\nsizes=100 300\nload_end=1.0 1.0 1.0\n');
  for (const n of [100, 300]) w(`corpus-${n}.json`, JSON.stringify({ sheets: n, bytes: n * 10000, mean_words: 1000, min_words: 300, max_words: 2000 }));
  w('index-1-100.txt', '10 9 1 500000 3.0\n');      // wall user sys rss(KB) load
  w('index-100.txt', '4 9.5 1.5 600000 3.1\n');
  w('scriptindex-100.txt', '20 19 1 200000 2.9\n');
  w('compare-100.json', JSON.stringify({ queries: 400, identical: 398, identical_up_to_ties: 2, differing: [], results_compared: 4000, same: true }));
  w('index-300.txt', '12 22 2 900000 2.5\n');
  w('incremental-scan-first-300.txt', '0.5 0.3 0.1 100000 2\n');
  w('incremental-scan-300.txt', Array.from({ length: 20 }, (_, i) => `0.${10 + i} 0.1 0.02 90000 2`).join('\n') + '\n');
  w('incremental-named-first-300.txt', '0.15 0.1 0.02 80000 2\n');
  w('incremental-named-300.txt', Array.from({ length: 20 }, (_, i) => `${(0.05 + i / 1000).toFixed(3)} 0.05 0.01 80000 2`).join('\n') + '\n');
  return dir;
}

test('the report computes rates and ratios of the same run, and the targets of issue 12', () => {
  const data = collect(fakeRun());
  const d = data.sizes[100];
  assert.equal(d.index_one.sheets_s, 10);
  assert.equal(d.index_all.sheets_s, 25);
  assert.equal(d.scriptindex.sheets_s, 5);
  assert.equal(d.index_all.load_before, 3.1);
  assert.equal(data.publication.scan.runs, 20);
  assert.equal(data.publication.scan.first_s, 0.5);
  assert.equal(data.publication.scan.p95_with_first_s, 0.29);  // nearest rank: the 20th of the 21 runs, the first one counted
  assert.equal(data.publication.named.p95_with_first_s, 0.069);  // 21 runs: the 20th by rank, the first (0.15 s) the 21st
  const text = block(data, { command: 'node bench/publish/run.mjs --sizes 100', date: 'd', machine: { load: [1, 1, 1] },
    sizes: [{ sheets: 100, publications: 20, p50_ms: 300, p95_ms: 1200, index_p50_ms: 100, site_p50_ms: 50 }] });
  assert.match(text, /\*\*5\.00×\*\*/);                   // all cores against scriptindex: 25 / 5
  assert.match(text, /≥ 3× scriptindex as shipped \(issue 12\) \| met/);
  assert.match(text, /every file \(`pratiques index`\): 20 more runs .* p95 ≤ 200 ms, the first one included \(issue 12\) \| \*\*not met\*\*/);
  assert.match(text, /the file named .*: 20 more runs .* p95 ≤ 200 ms, the first one included \(issue 12\) \| met/);
  assert.match(text, /p95 ≤ 1 s \(issue 10\) \| \*\*not met\*\*/);
  assert.match(text, /100,000 sheets \| not run/);
  assert.match(text, /load average 3\.0 2\.0 1\.0 at the start/);
  assert.match(text, /`bench\/run.sh --sizes "100 300"`/);
});

// The big step (bench/run.sh --100k): check, index, site, then Hugo and Pagefind with their exit status.
function bigRun(n, hugo, pagefind) {
  const dir = fakeRun();
  const w = (f, t) => fs.writeFileSync(path.join(dir, f), t);
  fs.appendFileSync(path.join(dir, 'machine.txt'), `command_100k=bench/run.sh --only-100k (commit d4)\nbig_size=${n}\n`);
  w(`corpus-${n}.json`, JSON.stringify({ sheets: n, bytes: n * 10000, mean_words: 1000, min_words: 300, max_words: 2000 }));
  w(`check-${n}.txt`, '20 30 2 300000 1.0\n');
  w(`index-${n}.txt`, '1000 1900 100 1600000 1.1\n');
  w(`site-${n}.txt`, '180 150 30 700000 1.2\n');
  w(`site-${n}.pages`, `${n + 40}\n`);
  w(`hugo-${n}.txt`, hugo[0]);
  w(`hugo-${n}.status`, hugo[1]);
  w(`hugo-${n}.pages`, `${n + 30}\n`);
  if (pagefind) { w(`pagefind-${n}.txt`, pagefind[0]); w(`pagefind-${n}.status`, pagefind[1]); w(`pagefind-${n}.pages`, `${n}\n`); }
  return dir;
}

test('100,000 sheets: check + index + site against Hugo + Pagefind, times summed and peak memory the max', () => {
  const data = collect(bigRun(100000, ['1500 2500 200 9000000 1.3\n', '0\n'], ['400 700 50 7000000 1.4\n', '0\n']));
  const c = data.big.comparison;
  assert.equal(c.pratiques.wall, 1200);              // 20 + 1000 + 180
  assert.equal(c.pratiques.rss_kb, 1600000);         // the index's peak
  assert.equal(c.other.wall, 1900);
  assert.equal(c.other.rss_kb, 9000000);             // Hugo's peak
  assert.equal(c.met, true);
  const text = block(data, null);
  assert.match(text, /\| check \+ index \+ site, 100,000 sheets, all 2 cores .*\*\*1,200 s\*\* \(CPU 2,212 s\), \*\*peak RSS 1,563 MB\*\* \(check 20\.0 s, 293 MB; index 1,000 s, 1,563 MB; site 180 s, 684 MB, 100,040 pages\)/);
  assert.match(text, /Hugo \+ Pagefind, same Markdown, all cores: 1,900 s \(CPU 3,450 s\), peak RSS 8,789 MB \(Hugo 1,500 s, 8,789 MB, 100,030 pages; Pagefind 400 s, 6,836 MB, 100,000 pages indexed\) \| 0\.63× the time, 0\.18× the memory \| faster than Hugo \+ Pagefind at ≤ 1\/4 of their peak memory, 100,000 sheets \(issue 12\) \| met \|/);
  assert.match(text, /and `bench\/run.sh --only-100k \(commit d4\)`/);
  const md = resultsMarkdown(data);
  assert.match(md, /## 100,000 sheets: check \+ index \+ site against Hugo \+ Pagefind/);
  assert.match(md, /\| \*\*Hugo \+ Pagefind, total\*\* \| 1,900 \| 3,450 \| 8,789 \|/);
  assert.match(md, /Pratiques takes 0\.63× the time and 0\.18× the peak memory of Hugo \+ Pagefind \(target: < 1× and ≤ 0\.25×: met\)/);
});

test('100,000 sheets: Hugo killed by the watchdog is reported as such, with no ratio', () => {
  const data = collect(bigRun(100000, ['812 1500 90 20971600 1.3\n', '137\n'], null));
  assert.equal(data.big.comparison.done, false);
  const text = block(data, null);
  assert.match(text, /\| Hugo n'a pas abouti \(statut 137, tué, 812 s, pic RSS 20,480 MB\); Pagefind non lancé \|  \| .* \| not measured \(Hugo \+ Pagefind did not finish\) \|/);
  assert.match(resultsMarkdown(data), /Hugo n'a pas abouti \(statut 137, tué, 812 s, pic RSS 20,480 MB\); Pagefind non lancé: no ratio\./);
});

test('the big step at a small size (--big-size 2000) is reported at that size, its targets not judged', () => {
  const data = collect(bigRun(2000, ['15 25 2 900000 1.3\n', '0\n'], ['4 7 1 300000 1.4\n', '0\n']));
  assert.equal(data.big.sheets, 2000);
  const text = block(data, null);
  assert.match(text, /\| full index, 2,000 sheets, all 2 cores \|.*\| not measured \(2,000 sheets\) \|/);
  assert.match(text, /\| check \+ index \+ site, 2,000 sheets, .*\| not measured \(2,000 sheets\) \|/);
  assert.doesNotMatch(text, /100,000 sheets \| not run/);
});

test('each part measured again is credited to the last run that measured it, in the order of the runs', () => {
  const dir = fakeRun();
  fs.appendFileSync(path.join(dir, 'machine.txt'),
    'command_again=bench/run.sh --only-publication --only-queries (commit a1)\n' +
    'command_again=bench/run.sh --only-index (commit b2)\n' +
    'command_again=bench/run.sh --only-publication (commit c3)\n');
  const data = collect(dir);
  assert.deepEqual(Object.keys(data.machine.measured_again), ['queries', 'index', 'publication']);
  assert.equal(data.machine.measured_again.publication, 'bench/run.sh --only-publication (commit c3)');
  const text = block(data, null);
  assert.match(text, /Measured again since, replacing those rows: query latency, `bench\/run.sh --only-publication --only-queries \(commit a1\)`; full indexes of the smallest size, `bench\/run.sh --only-index \(commit b2\)`; one-sheet publication, `bench\/run.sh --only-publication \(commit c3\)`\./);
});

test('a new publication benchmark rewrites its own lines of the block only', () => {
  const before = ['x', 'Measured with `bench/run.sh` (5 min) and `node bench/publish/run.mjs --sizes 10`.', 'Machine: m.',
    'Publication benchmark: old.', '', '| Measure | Pratiques | Baseline, same run | Ratio | Target | Status |', '|---|---|---|---|---|---|',
    '| full index | 1 | 2 | 3 |  |  |', '| publication, click → searchable and online, 10 sheets (2 publications through the API) | p50 9 ms |', '', 'y'].join('\n');
  const after = withPublication(before, { command: 'node bench/publish/run.mjs --sizes 20', date: 'D', machine: { load: [1, 2, 3] },
    sizes: [{ sheets: 20, publications: 4, p50_ms: 500, p95_ms: 900, index_p50_ms: 300, site_p50_ms: 20, dependents_p50_ms: 2000, dependents_p95_ms: 3000 }] });
  const L = after.split('\n');
  assert.equal(L[1], 'Measured with `bench/run.sh` (5 min) and `node bench/publish/run.mjs --sizes 20`.');
  assert.equal(L[3], 'Publication benchmark: D, load average 1.0 2.0 3.0 at its start.');
  assert.equal(L[7], '| full index | 1 | 2 | 3 |  |  |');
  assert.match(L[8], /^\| publication, click → searchable and online, 20 sheets \(4 publications through the API\) \| p50 500 ms, p95 900 ms .*online in the background p50 2,000 ms, p95 3,000 ms after the click\) \|  \|  \| p95 ≤ 1 s \(issue 10\) \| met \|$/);
  assert.equal(L.filter((l) => l.startsWith('| publication')).length, 1);
  assert.equal(L.slice(9).join('\n'), '\ny');
});

test('a new run of the smallest size\'s full indexes rewrites those rows and their credit only', () => {
  const before = ['x', 'Measured with `bench/run.sh` (5 min).', 'Machine: m.',
    'Measured again since, replacing those rows: query latency, `q (commit a1)`; full indexes of the smallest size, `old (commit b2)`.', '',
    '| Measure | Pratiques | Baseline, same run | Ratio | Target | Status |', '|---|---|---|---|---|---|',
    '| full index, 100 sheets, one core (`--taches 1`, pinned) | old one |', '| full index, 100 sheets, all 2 cores (`--taches 2`) | old all |',
    '| same results, `--taches 2` against `--taches 1`, 100 sheets | old same |', '| full index, 1,000 sheets, all 2 cores | kept |',
    '| query latency in process | kept too |', '', 'y'].join('\n');
  const results = collect(fakeRun());
  delete results.sizes[300];
  const after = withIndex(before, results).split('\n');
  assert.equal(after[3], 'Measured again since, replacing those rows: query latency, `q (commit a1)`; full indexes of the smallest size, ' +
    '`bench/run.sh --sizes "100 300" (commit abc1234, 2026-12-03T14:00:00Z, load 3.0 2.0 1.0)`.');
  assert.match(after[7], /^\| full index, 100 sheets, one core \(`--taches 1`, pinned\) \| 10\.0 sheets\/s /);
  assert.match(after[8], /^\| full index, 100 sheets, all 2 cores \(`--taches 2`\) \| 25\.0 sheets\/s .*\| \*\*5\.00×\*\* \|/);
  assert.match(after[9], /^\| same results, `--taches 2` against `--taches 1`, 100 sheets .*398 identical/);
  assert.deepEqual(after.slice(10), ['| full index, 1,000 sheets, all 2 cores | kept |', '| query latency in process | kept too |', '', 'y']);
  assert.equal(after.filter((l) => l.includes('old')).length, 0);
});

test('the README has one generated block, and rewriting it keeps the rest of the file', () => {
  const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
  assert.equal(readme.split(BEGIN).length, 2);
  assert.equal(readme.split(END).length, 2);
  assert.ok(readme.indexOf(BEGIN) > readme.indexOf('## Performance'));
  const copy = path.join(fs.mkdtempSync(path.join(work, 'perf-readme-')), 'README.md');
  fs.writeFileSync(copy, readme);
  const text = block(collect(fakeRun()), null);
  rewrite(copy, text);
  const after = fs.readFileSync(copy, 'utf8');
  assert.equal(after.slice(0, after.indexOf(BEGIN)), readme.slice(0, readme.indexOf(BEGIN)));
  assert.equal(after.slice(after.indexOf(END)), readme.slice(readme.indexOf(END)));
  assert.ok(after.includes(text));
});

test('compare-hits: an index built on two threads answers like the one-thread build', { skip: !process.env.PRATIQUES_BIN }, () => {
  const bin = process.env.PRATIQUES_BIN;
  const tmp = fs.mkdtempSync(path.join(work, 'compare-hits-'));
  for (const t of ['1', '2'])
    execFileSync(bin, ['index', '--complet', '--taches', t, '--contenu', path.join(root, 'content'), '--schemas', path.join(root, 'schemas'),
      '--sortie', path.join(tmp, `index-${t}`)], { stdio: 'ignore' });
  fs.writeFileSync(path.join(tmp, 'q.tsv'), 'enfants\t\nlogement\tthematiques=sante\n\tthematiques=sante\naide aux aidants\t\nzzzqqq\t\n');
  const run = (a, b) => spawnSync('node', [path.join(root, 'bench/compare-hits.mjs'), '--pratiques', bin, '--a', a, '--b', b,
    '--queries', path.join(tmp, 'q.tsv'), '--json'], { encoding: 'utf8' });
  const same = run(path.join(tmp, 'index-1'), path.join(tmp, 'index-2'));
  assert.equal(same.status, 0, same.stdout + same.stderr);
  assert.equal(JSON.parse(same.stdout).queries, 5);
  // Another content gives other answers: the comparison sees it.
  fs.cpSync(path.join(root, 'content'), path.join(tmp, 'content'), { recursive: true });
  const sheets = fs.readdirSync(path.join(tmp, 'content/fiches')).filter((f) => f.endsWith('.md')).sort();
  for (const f of sheets.slice(0, 20)) fs.rmSync(path.join(tmp, 'content/fiches', f));
  spawnSync(bin, ['index', '--complet', '--poursuivre', '--contenu', path.join(tmp, 'content'), '--schemas', path.join(root, 'schemas'),
    '--sortie', path.join(tmp, 'index-3')], { stdio: 'ignore' });  // exits 1: links to the removed sheets
  assert.ok(fs.existsSync(path.join(tmp, 'index-3')));
  const other = run(path.join(tmp, 'index-1'), path.join(tmp, 'index-3'));
  assert.equal(other.status, 1, other.stdout + other.stderr);
  assert.ok(JSON.parse(other.stdout).differing.length > 0);
});
