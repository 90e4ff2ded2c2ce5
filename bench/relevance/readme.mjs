#!/usr/bin/env node
// Rewrites the generated section of the README (between "<!-- bench/relevance/run: début -->" and
// "<!-- bench/relevance/run: fin -->") from the report of a relevance benchmark run.
//
//   node bench/relevance/readme.mjs [--rapport bench/out/relevance/resultats.json] [--readme README.md]
//
// `bench/relevance/run --readme` does the same at the end of a run.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { pathOptions } from '../readme-block.mjs';
import { readReport, rewriteReadme } from './report.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

function main(argv) {
  const { rapport: report, readme } = pathOptions(argv, { rapport: path.join(root, 'bench/out/relevance/resultats.json'),
    readme: path.join(root, 'README.md') });
  rewriteReadme(readme, readReport(report));
  console.log(`${path.relative(process.cwd(), readme) || readme} : section de pertinence réécrite depuis ${path.relative(process.cwd(), report)}`);
}

try { main(process.argv); } catch (e) { console.error(`bench/relevance/readme.mjs : ${e.message}`); process.exit(2); }
