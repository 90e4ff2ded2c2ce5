// The benchmark corpus generator (bench/gen-corpus.mjs) must never emit an invalid sheet: a single
// one makes `pratiques index` refuse the whole corpus. Small corpora of a few seeds, plus the window
// of the seed-7 corpus where sheet 628 once had an empty mandatory section (section-vide), each go
// through `pratiques check` with 0 errors and 0 warnings.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const pratiques = process.env.PRATIQUES_BIN;
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'pratiques-gen-corpus-'));
const cache = path.join(process.env.PRATIQUES_GEN_CACHE || work, 'vdd-pool.json');  // the extracted text, shared by the runs

function generateAndCheck(seed, n, first = 0) {
  const out = path.join(work, `seed-${seed}-${first}`);
  execFileSync(process.execPath, [path.join(root, 'bench/gen-corpus.mjs'), '--n', String(n), '--first', String(first),
    '--seed', String(seed), '--out', out, '--cache', cache, '--queries', '5'], { stdio: 'pipe' });
  assert.equal(fs.readdirSync(path.join(out, 'fiches')).length, n);
  const check = spawnSync(pratiques, ['check', '--schemas', path.join(root, 'schemas'), '--format', 'json', out],
    { encoding: 'utf8', maxBuffer: 64 << 20 });
  assert.equal(check.stderr, '');
  const report = JSON.parse(check.stdout);
  assert.deepEqual(report.diagnostics.map((d) => `${d.fichier}:${d.ligne}: ${d.message} [${d.regle}]`), []);
  assert.equal(report.fichiers, n);
  assert.equal(check.status, 0);
}

test('the generator needs the CLI', () => assert.ok(pratiques, 'PRATIQUES_BIN (set by ctest)'));

for (const seed of [1, 7, 2024]) test(`seed ${seed}: 60 sheets pass pratiques check`, () => generateAndCheck(seed, 60));

test('seed 7, sheets 620 to 639: no empty mandatory section', () => generateAndCheck(7, 20, 620));

test.after(() => fs.rmSync(work, { recursive: true, force: true }));
