#!/usr/bin/env node
// Dates of a sheet come from its sources, never from the date of the source itself.
//   1. `periode.debut` and `periode.fin`: the year is written in at least one cited passage
//      (`sources[].passage`, lines of ../shared/seeds/).
//   2. When that year is also the year of a cited document (`sources[].date`), the passage must
//      say that the action started (or ended) then: the year follows a start word (« depuis »,
//      « créé », « lancé », « décidé », « mis en place »…) or an end word (« jusqu'en », « terminé »…) within
//      a few words. Otherwise the year is most likely the document's, and belongs in
//      `periode.attestee`.
//   3. `periode.attestee` is the year of one of the sheet's cited documents.
// Usage: node tools/check-dates.mjs [--seeds DIR] [CONTENT_DIR]
import fs from 'node:fs';
import path from 'node:path';
import { readSeeds, seedOptions } from './lib/seeds.mjs';

const { seedsDir, contentDir } = seedOptions('check-dates');
const seeds = readSeeds(seedsDir);

// Words that say an action began, or ended, in the year that follows them.
const START = /(depuis|décid\S*|cré[ée]e?s?|création|lanc[ée]e?s?|lancement|démarr\S*|début\S*|commenc\S*|fond[ée]e?s?|fondation|né[e]?s?|naissance|ouvert\S*|ouverture|mis[e]? en (place|œuvre|oeuvre)|mise en (place|œuvre|oeuvre)|initi[ée]\S*|expériment\S*|inauguré\S*|installé\S*|premi[eè]re?s?)/giu;
const END = /(jusqu'en|jusqu’en|jusqu'à|jusqu’à|termin\S*|achev\S*|clos\S*|fin\b|arrêt\S*|de \d{4} à)/giu;
const CUE_WINDOW = 60; // characters between the cue word and the year

const unquote = (v) => v.trim().replace(/^"(.*)"$/, '$1').replace(/^'(.*)'$/, '$1');

// The keys this check needs, read from the front matter written in the project's block style.
function frontMatter(text) {
  const m = text.replace(/^\uFEFF/, '').match(/^---\r?\n([\s\S]*?)\r?\n---\r?\n/);
  if (!m) return null;
  const lines = m[1].split(/\r?\n/);
  const periode = {};
  const sources = [];
  let block = '';
  lines.forEach((line, i) => {
    const top = line.match(/^([a-z_]+):/);
    if (top) { block = top[1]; return; }
    if (block === 'periode') {
      const kv = line.match(/^ {2}([a-z_]+):\s*(.*)$/);
      if (kv && kv[2].trim() !== '') periode[kv[1]] = { value: unquote(kv[2]), line: i + 2 };
    } else if (block === 'sources') {
      const item = line.match(/^ {2}- ([a-z_]+):\s*(.*)$/);
      const kv = item || line.match(/^ {4}([a-z_]+):\s*(.*)$/);
      if (item) sources.push({});
      if (kv && sources.length) sources[sources.length - 1][kv[1]] = unquote(kv[2]);
    }
  });
  return { periode, sources };
}

function passageText(passage) {
  let text = '';
  for (const part of passage.split(/[;,]/).map((s) => s.trim()).filter(Boolean)) {
    const m = part.match(/^(\d{3}):(\d+)(?:-(\d+))?$/);
    const lines = m && seeds.get(m[1]);
    if (!lines) continue; // check-sources reports bad passages
    text += lines.slice(Number(m[2]) - 1, Number(m[3] || m[2])).join(' ') + '\n';
  }
  return text.replace(/\s+/g, ' ');
}

// Is `year` preceded, within CUE_WINDOW characters, by one of the cue words?
function cued(text, year, cue) {
  const re = new RegExp(`\\b${year}\\b`, 'g');
  for (let m; (m = re.exec(text));) {
    const before = text.slice(Math.max(0, m.index - CUE_WINDOW), m.index);
    if (before.match(cue)) return true;
  }
  return false;
}

const dir = path.join(contentDir, 'fiches');
let problems = 0, dates = 0;
const files = fs.readdirSync(dir).filter((f) => f.endsWith('.md')).sort();
for (const f of files) {
  const file = `${dir}/${f}`;
  const fm = frontMatter(fs.readFileSync(path.join(dir, f), 'utf8'));
  if (!fm) continue; // pratiques check reports it
  const cited = fm.sources.map((s) => passageText(s.passage || '')).join('\n');
  const documentYears = new Set(fm.sources.map((s) => (s.date || '').slice(0, 4)).filter(Boolean));
  const report = (line, message) => {
    console.log(`${file}:${line}: ${message}`);
    problems++;
  };
  for (const [key, cue, what] of [['debut', START, 'commencé'], ['fin', END, 'terminé']]) {
    const d = fm.periode[key];
    if (!d) continue;
    dates++;
    const year = d.value.slice(0, 4);
    if (!new RegExp(`\\b${year}\\b`).test(cited)) {
      report(d.line, `periode.${key} « ${d.value} » : l'année ${year} n'apparaît dans aucun passage cité ; ` +
        `ne renseigner que la date que donne la source (année du document : periode.attestee)`);
    } else if (documentYears.has(year) && !cued(cited, year, cue)) {
      report(d.line, `periode.${key} « ${d.value} » : ${year} est aussi l'année d'un document cité, et aucun passage ` +
        `ne dit que l'action a ${what} cette année-là ; c'est l'année de la source : periode.attestee`);
    }
  }
  const a = fm.periode.attestee;
  if (a) {
    dates++;
    if (!documentYears.has(a.value.slice(0, 4)))
      report(a.line, `periode.attestee « ${a.value} » : ce n'est l'année d'aucun document cité (sources[].date : ${[...documentYears].join(', ') || 'aucune'})`);
  }
}
console.log(`check-dates: ${files.length} fiches, ${dates} date(s), ${problems} problème(s)`);
process.exit(problems ? 1 : 0);
