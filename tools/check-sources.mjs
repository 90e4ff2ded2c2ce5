#!/usr/bin/env node
// Every sheet cites its source documents with real places: each `passage: "NNN:a-b"` of a
// sheet's `sources` must name an existing seed document and lines inside it.
// Usage: node tools/check-sources.mjs [--seeds DIR] [CONTENT_DIR]
import fs from 'node:fs';
import path from 'node:path';
import { readSeeds, seedOptions } from './lib/seeds.mjs';

const { seedsDir, contentDir } = seedOptions('check-sources');
const lineCounts = new Map([...readSeeds(seedsDir)].map(([alias, lines]) => [alias, lines.length]));

const dir = path.join(contentDir, 'fiches');
let problems = 0, passages = 0;
const files = fs.readdirSync(dir).filter((f) => f.endsWith('.md')).sort();
for (const f of files) {
  const text = fs.readFileSync(path.join(dir, f), 'utf8');
  const lines = text.split('\n');
  const cited = [];
  lines.forEach((line, i) => {
    const m = line.match(/^\s*-?\s*passage:\s*"?([^"#]+?)"?\s*$/);
    if (m) cited.push({ value: m[1].trim(), line: i + 1 });
  });
  if (cited.length === 0) {
    console.log(`${dir}/${f}:1: aucune source ne cite de passage (passage: "NNN:début-fin")`);
    problems++;
  }
  for (const { value, line } of cited) {
    // One or several ranges: "003:2991-3113" or "003:46 ; 003:3978".
    for (const part of value.split(/[;,]/).map((s) => s.trim()).filter(Boolean)) {
      passages++;
      const m = part.match(/^(\d{3}):(\d+)(?:-(\d+))?$/);
      const count = m && lineCounts.get(m[1]);
      const start = m && Number(m[2]);
      const end = m && Number(m[3] || m[2]);
      if (!m || !count || start < 1 || end < start || end > count) {
        console.log(`${dir}/${f}:${line}: passage invalide « ${part} »` + (count ? ` (document de ${count} lignes)` : ''));
        problems++;
      }
    }
  }
}
console.log(`check-sources: ${files.length} fiches, ${passages} passage(s), ${problems} problème(s)`);
process.exit(problems ? 1 : 0);
