#!/usr/bin/env node
// Rewrites the generated section of the README (between "<!-- bench/relevance/run: début -->" and
// "<!-- bench/relevance/run: fin -->") from the report of a relevance benchmark run.
//
//   node bench/relevance/readme.mjs [--rapport bench/out/relevance/resultats.json] [--readme README.md]
//
// `bench/relevance/run --readme` does the same at the end of a run.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readReport, rewriteReadme } from './report.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

function main(argv) {
  let report = path.join(root, 'bench/out/relevance/resultats.json');
  let readme = path.join(root, 'README.md');
  for (let i = 2; i < argv.length; i++) {
    const k = argv[i];
    const v = () => { if (i + 1 >= argv.length) throw new Error(`${k} attend une valeur`); return path.resolve(argv[++i]); };
    if (k === '--rapport') report = v();
    else if (k === '--readme') readme = v();
    else throw new Error(`option inconnue ${k}`);
  }
  rewriteReadme(readme, readReport(report));
  console.log(`${path.relative(process.cwd(), readme) || readme} : section de pertinence réécrite depuis ${path.relative(process.cwd(), report)}`);
}

try { main(process.argv); } catch (e) { console.error(`bench/relevance/readme.mjs : ${e.message}`); process.exit(2); }
