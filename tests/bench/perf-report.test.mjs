// The performance benchmark's report (bench/report.mjs), the README block it generates
// (bench/readme.mjs) and the comparison of two indexes (bench/compare-hits.mjs).
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import test from 'node:test';
import { fileURLToPath } from 'node:url';
import { BEGIN, END, block, rewrite, withPublication } from '../../bench/readme.mjs';
import { collect } from '../../bench/report.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

function fakeRun() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'perf-report-'));
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

test('the README has one generated block, and rewriting it keeps the rest of the file', () => {
  const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
  assert.equal(readme.split(BEGIN).length, 2);
  assert.equal(readme.split(END).length, 2);
  assert.ok(readme.indexOf(BEGIN) > readme.indexOf('## Performance'));
  const copy = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'perf-readme-')), 'README.md');
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
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'compare-hits-'));
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
