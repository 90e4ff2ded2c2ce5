// The benchmark's report (resultats.json) rendered as Markdown tables, and the README's generated
// section rewritten from it: the figures of the README are never typed by hand.
import fs from 'node:fs';
import { replaceMarkedBlock } from '../readme-block.mjs';

export const SYSTEMS = ['pratiques', 'fts5', 'omega'];
export const SYSTEM_NAMES = { pratiques: '`pratiques search`', fts5: 'SQLite FTS5 (bm25)', omega: 'Xapian / Omega' };
export const README_BEGIN = '<!-- bench/relevance/run: début -->';
export const README_END = '<!-- bench/relevance/run: fin -->';

export const fmt = (x) => (x === null || Number.isNaN(x) ? '–' : x.toFixed(3));

// rows: {label, n, [system]: {ndcg, mrr, success}}
export function table(rows) {
  const head = `| Queries | n | ${SYSTEMS.map((s) => `${SYSTEM_NAMES[s]} nDCG@10 / MRR / success@10`).join(' | ')} |`;
  const lines = [head, `|---|---|${SYSTEMS.map(() => '---').join('|')}|`];
  for (const r of rows)
    lines.push(`| ${r.label} | ${r.n} | ${SYSTEMS.map((s) => `${fmt(r[s].ndcg)} / ${fmt(r[s].mrr)} / ${fmt(r[s].success)}`).join(' | ')} |`);
  return lines.join('\n');
}

// rows: {label, n, ndcg, bestOrder, withoutDistractors, pairs: {top, further, unmatched}}
export function limitsTable(rows, read) {
  const lines = [`| Queries | n | nDCG@10 | its first ${read} results in the best order | without the distractor pages | judged sheets: first 10 / ranks 11–${read} / not in the first ${read} |`,
    '|---|---|---|---|---|---|'];
  for (const r of rows)
    lines.push(`| ${r.label} | ${r.n} | ${fmt(r.ndcg)} | ${fmt(r.bestOrder)} | ${fmt(r.withoutDistractors)} | ${r.pairs.top} / ${r.pairs.further} / ${r.pairs.unmatched} |`);
  return lines.join('\n');
}

export function unjudgedLine(report) {
  return SYSTEMS.map((s) => `${SYSTEM_NAMES[s]} ${report.unjudged[s].occurrences} (${report.unjudged[s].sheets.length} sheets)`).join('; ');
}

// The README's generated section, markers included, from a report.
export function readmeBlock(report) {
  const held = report.summary.halves['contrôle'], tune = report.summary.halves['réglage'];
  const lost = report.lost === null ? '' :
    ` Queries that found their best sheet in the reference run and no longer do: ${report.lost.length ? report.lost.map((l) => l.id).join(', ') : 'none'}.`;
  return [README_BEGIN,
    `${report.facts}; engine \`${report.engine}\`, run of ${report.date}; written by \`bench/relevance/readme.mjs\` from the run's \`resultats.json\`.`, '',
    'Held-out half (never looked at query by query while tuning):', '', table([held.overall, ...held.kinds]), '',
    'Tuning half:', '', table([tune.overall, ...tune.kinds]), '',
    `What limits \`pratiques search\`: nDCG@10 if its first ${report.resultsRead} results came in the best order, and without the distractor pages; where the judged sheets are (held-out half by kind, then the tuning half):`, '',
    limitsTable([report.summary.limits['contrôle'].overall, ...report.summary.limits['contrôle'].kinds,
      report.summary.limits['réglage'].overall], report.resultsRead), '',
    `Unjudged sheets in the top ${report.depth}: ${unjudgedLine(report)}.${lost}`,
    README_END].join('\n');
}

// Replaces the generated section of `readme` (between the markers) with the block of `report`,
// atomically; the rest of the file is left byte for byte.
export function rewriteReadme(readme, report) {
  replaceMarkedBlock(readme, README_BEGIN, README_END, readmeBlock(report));
}

export function readReport(file) {
  let report;
  try {
    report = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    throw new Error(`${file} : rapport illisible (${e.message}) ; lancer d'abord bench/relevance/run`);
  }
  for (const key of ['facts', 'engine', 'date', 'depth', 'resultsRead', 'summary', 'unjudged', 'lost'])
    if (!(key in report)) throw new Error(`${file} : clé « ${key} » absente (rapport d'une version antérieure : relancer bench/relevance/run)`);
  return report;
}
