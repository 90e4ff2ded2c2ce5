#!/usr/bin/env node
// Fails when any run of N identical words (default 8) appears both in content/
// and in the source documents: sheets paraphrase the seeds, they never copy them.
// Usage: node tools/check-no-copy.mjs [--seeds DIR] [--n 8] [CONTENT_DIR]
// The `sources:` block of the front matter is skipped: it names the documents.
import fs from 'node:fs';
import path from 'node:path';

const args = process.argv.slice(2);
let seedsDir = process.env.PRATIQUES_SEEDS || '';
let n = 8;
let contentDir = 'content';
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--seeds') seedsDir = args[++i];
  else if (args[i] === '--n') n = Number(args[++i]);
  else contentDir = args[i];
}
if (!seedsDir) {
  const here = path.dirname(new URL(import.meta.url).pathname);
  seedsDir = path.resolve(here, '..', '..', 'shared', 'seeds');
}
if (!fs.existsSync(seedsDir)) {
  console.error(`check-no-copy: dossier des documents sources introuvable : ${seedsDir} (définir PRATIQUES_SEEDS)`);
  process.exit(2);
}

function words(text) {
  return text
    .normalize('NFD').replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/œ/g, 'oe').replace(/æ/g, 'ae')
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

function stripSources(markdown) {
  // Drop the `sources:` block of the YAML front matter (titles of documents may be long).
  const m = markdown.match(/^\uFEFF?---\r?\n([\s\S]*?)\r?\n---\r?\n/);
  if (!m) return markdown;
  const lines = m[1].split(/\r?\n/);
  const kept = [];
  let skipping = false;
  for (const line of lines) {
    if (/^sources\s*:/.test(line)) { skipping = true; continue; }
    if (skipping && /^\S/.test(line)) skipping = false;
    if (!skipping) kept.push(line);
  }
  return kept.join('\n') + '\n' + markdown.slice(m[0].length);
}

const seedGrams = new Map();
for (const f of fs.readdirSync(seedsDir).sort()) {
  const w = words(fs.readFileSync(path.join(seedsDir, f), 'utf8'));
  for (let i = 0; i + n <= w.length; i++) {
    const key = w.slice(i, i + n).join(' ');
    if (!seedGrams.has(key)) seedGrams.set(key, f.slice(0, 3));
  }
}

function walk(dir) {
  const out = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...walk(p));
    else if (e.name.endsWith('.md')) out.push(p);
  }
  return out.sort();
}

let failures = 0;
const files = walk(contentDir);
for (const file of files) {
  const w = words(stripSources(fs.readFileSync(file, 'utf8')));
  let last = -n;
  for (let i = 0; i + n <= w.length; i++) {
    const key = w.slice(i, i + n).join(' ');
    const seed = seedGrams.get(key);
    if (seed && i >= last + n) {
      console.log(`${file}: ${n} mots identiques au document ${seed} : « ${key} »`);
      failures++;
      last = i;
    }
  }
}
console.log(`check-no-copy: ${files.length} fichiers, ${failures} passage(s) copié(s)`);
process.exit(failures ? 1 : 0);
