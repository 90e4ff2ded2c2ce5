// The benchmark's RSS watchdog (bench/bounded.sh, used by bench/run.sh for Hugo and Pagefind): a
// process tree above the limit is killed, and its figures are the tree's, not its launcher's.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import test from 'node:test';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'pratiques-bounded-'));
test.after(() => fs.rmSync(work, { recursive: true, force: true }));

// bounded NAME COMMAND... with a limit of `limitKb`; returns NAME's files.
function bounded(name, limitKb, command) {
  const script = `. "${root}/bench/bounded.sh"; log() { :; }; rss_limit=${limitKb}; bounded "$@"`;
  const r = spawnSync('bash', ['-c', script, 'bounded', path.join(work, name), ...command], { encoding: 'utf8', timeout: 60000 });
  assert.equal(r.status, 0, r.stderr);
  const read = (ext) => fs.readFileSync(path.join(work, `${name}.${ext}`), 'utf8').trim();
  const [wall, user, sys, rss] = read('txt').split(/\s+/).map(Number);
  return { wall, cpu: user + sys, rss, status: Number(read('status')), log: read('log') };
}

// A launcher that runs a program and waits for it, as `pagefind`'s npm launcher does; the program
// spends 0.4 s of CPU, then holds `mb` MB (so that the CPU is spent before the watchdog can see the
// memory), then waits to be killed or leaves after `seconds`.
const program = (mb, seconds) =>
  'let x = 0; while (process.cpuUsage().user + process.cpuUsage().system < 400000) x++; ' +
  `const b = Buffer.alloc(${mb} << 20, 1); setTimeout(() => process.exit(b.length + x > 0 ? 0 : 1), ${seconds * 1000});`;
const launcher = (mb, seconds) => [process.execPath, '-e',
  `require('node:child_process').spawnSync(process.execPath, ['-e', ${JSON.stringify(program(mb, seconds))}], { stdio: 'inherit' })`];

test('a process tree above the limit is killed, and its memory and CPU are the tree\'s', () => {
  const r = bounded('killed', 200 * 1024, launcher(400, 60));
  assert.equal(r.status, 137);
  assert.match(r.log, /tué par le chien de garde/);
  assert.ok(r.rss > 200 * 1024, `peak RSS ${r.rss} KB: the launcher's, not the tree's`);
  assert.ok(r.cpu >= 0.3, `CPU ${r.cpu} s: the launcher's, not the tree's`);
  assert.ok(r.wall < 30, `wall ${r.wall} s`);
});

test('a process tree under the limit runs to its end with time\'s figures', () => {
  const r = bounded('done', 2 * 1024 * 1024, launcher(100, 1));
  assert.equal(r.status, 0, r.log);
  assert.ok(r.rss > 100 * 1024, `peak RSS ${r.rss} KB`);
  assert.ok(r.wall >= 1, `wall ${r.wall} s`);
});
