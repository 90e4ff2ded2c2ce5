#!/usr/bin/env node
// Vérifie (non-régression) que les données de schemas/ reprennent les documents de référence :
//   - chaque slug de chaque tableau / liste de vocabulaires.md est présent dans schemas/vocabulaires/<id>.yaml,
//     avec son libellé et ses synonymes (colonnes « Synonymes ») ;
//   - chaque clé de premier niveau de grille.md §2.1 (et chaque sous-clé du §2.2) est dans schemas/grille.yaml,
//     dans le même ordre, avec le même statut M/R/O ;
//   - chaque titre de section `##` du §3 est dans schemas/grille.yaml, dans le même ordre, avec sa clé et son statut ;
//   - les règles §4, les anneaux §17, les homonymies §18 et chaque sigle du §19 sont dans schemas/grille.yaml /
//     schemas/synonymes.yaml.
// Aucune dépendance npm : les tableaux Markdown sont lus par simple découpage de chaînes et le YAML par un
// balayage textuel des lignes (format produit pour schemas/, cf. schemas/README.md).
//
//   node tools/check-schemas.mjs [--reference DIR] [--schemas DIR]
//
// Sortie 0 et « check-schemas: N éléments vérifiés, 0 manquant » si tout est présent ; sinon 1 et un message par
// élément manquant.
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
let refDir = path.resolve(repo, '..', 'shared', 'reference');
let schemasDir = path.join(repo, 'schemas');
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i++) {
  if (argv[i] === '--reference' && argv[i + 1]) refDir = path.resolve(argv[++i]);
  else if (argv[i] === '--schemas' && argv[i + 1]) schemasDir = path.resolve(argv[++i]);
  else {
    console.error(`check-schemas : argument inconnu « ${argv[i]} » (usage : --reference DIR [--schemas DIR])`);
    process.exit(2);
  }
}

const problems = [];
let checked = 0;
function expect(ok, message) {
  checked++;
  if (!ok) problems.push(message);
}
function read(file) {
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    console.error(`check-schemas : lecture impossible de ${file} (${e.message})`);
    process.exit(1);
  }
}

// ---------------------------------------------------------------- Markdown
function splitRow(line) {
  const t = line.trim();
  return t.slice(1, -1).split('|').map((c) => c.trim());
}
function isSeparator(line) {
  return /^\|[-| :]+\|$/.test((line ?? '').trim());
}
/** Tableaux Markdown : [{ start, header, rows }] */
function tables(lines) {
  const out = [];
  for (let i = 0; i < lines.length; i++) {
    if (lines[i].startsWith('|') && isSeparator(lines[i + 1])) {
      const header = splitRow(lines[i]);
      const rows = [];
      let j = i + 2;
      for (; j < lines.length && lines[j].startsWith('|'); j++) rows.push(splitRow(lines[j]));
      out.push({ start: i, header, rows });
      i = j - 1;
    }
  }
  return out;
}
const backticked = (s) => [...s.matchAll(/`([^`]+)`/g)].map((m) => m[1]);
const isSlug = (s) => /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(s);

// Découpe une cellule « a, b (ajout), « c » » en synonymes, comme l'encodage de schemas/.
const SYN_EXPAND = new Map([
  ["centre communal / intercommunal d'action sociale", ["centre communal d'action sociale", "centre intercommunal d'action sociale"]],
  ['foyer de jeunes travailleurs (URHAJ)', ['foyer de jeunes travailleurs', 'URHAJ']],
]);
function splitTop(cell) {
  const out = [];
  let depth = 0;
  let g = 0;
  let cur = '';
  for (const ch of cell) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === '«') g++;
    if (ch === '»') g--;
    if (ch === ',' && depth === 0 && g === 0) {
      out.push(cur.trim());
      cur = '';
    } else cur += ch;
  }
  if (cur.trim()) out.push(cur.trim());
  return out;
}
function synonyms(cell) {
  const out = [];
  for (let s of splitTop(cell)) {
    s = s.replace(/\s*\((?:ajout|ambigu, cf\. §18|terme daté)\)$/, '');
    const m = /^«\s*(.*?)\s*»$/.exec(s);
    if (m) s = m[1];
    out.push(...(SYN_EXPAND.get(s) ?? [s]));
  }
  return out;
}

// ---------------------------------------------------------------- YAML (balayage textuel)
function parseScalar(raw) {
  const s = raw.trim();
  if (s.startsWith('"')) return JSON.parse(s);
  if (s.startsWith("'")) return s.slice(1, -1).replace(/''/g, "'");
  if (s === 'null' || s === '~' || s === '') return null;
  return s;
}
function parseFlowList(raw) {
  const s = raw.trim();
  if (!s.startsWith('[')) return null;
  const out = [];
  let i = 1;
  while (i < s.length) {
    while (s[i] === ' ' || s[i] === ',') i++;
    if (s[i] === ']') break;
    if (s[i] === '"') {
      let j = i + 1;
      while (s[j] !== '"') j += s[j] === '\\' ? 2 : 1;
      out.push(JSON.parse(s.slice(i, j + 1)));
      i = j + 1;
    } else if (s[i] === '[') {
      let j = s.indexOf(']', i);
      out.push(parseFlowList(s.slice(i, j + 1)));
      i = j + 1;
    } else {
      let j = i;
      while (j < s.length && s[j] !== ',' && s[j] !== ']') j++;
      out.push(parseScalar(s.slice(i, j)));
      i = j;
    }
  }
  return out;
}
/** Valeur d'une clé « key: » (scalaire ou liste en flux ou en bloc) à partir de la ligne idx. */
function valueAt(lines, idx) {
  const m = /^(\s*)(?:- )?([A-Za-z_][\w]*):\s?(.*)$/.exec(lines[idx]);
  const rest = m[3];
  if (rest.trim().startsWith('[')) return parseFlowList(rest);
  if (rest.trim() !== '') return parseScalar(rest);
  // liste en bloc
  const indent = lines[idx].length - lines[idx].trimStart().length + (lines[idx].trimStart().startsWith('- ') ? 2 : 0);
  const items = [];
  for (let j = idx + 1; j < lines.length; j++) {
    const l = lines[j];
    const ind = l.length - l.trimStart().length;
    if (l.trim() === '') continue;
    if (ind <= indent) break;
    const mm = /^\s*- (.*)$/.exec(l);
    if (mm && ind === indent + 2 && !/^[A-Za-z_]\w*:/.test(mm[1])) items.push(parseScalar(mm[1]));
  }
  return items;
}
/** Items d'une liste d'objets : lignes « <indent>- <firstKey>: v » ; renvoie [{ key→value }] pour les clés à indent+2. */
function objectItems(lines, indent, firstKey, from = 0, to = lines.length) {
  const pad = ' '.repeat(indent);
  const items = [];
  let cur = null;
  for (let j = from; j < to; j++) {
    const l = lines[j];
    if (l.startsWith(pad + '- ') && !l.startsWith(pad + '-  ')) {
      const m = new RegExp(`^${pad}- ([A-Za-z_]\\w*):`).exec(l);
      if (m && m[1] === firstKey) {
        cur = { _line: j };
        items.push(cur);
        cur[m[1]] = valueAt(lines, j);
        continue;
      }
    }
    if (!cur) continue;
    const ind = l.length - l.trimStart().length;
    if (l.trim() !== '' && ind <= indent) {
      cur = null;
      continue;
    }
    const m = new RegExp(`^${pad}  ([A-Za-z_]\\w*):`).exec(l);
    if (m) cur[m[1]] = valueAt(lines, j);
  }
  return items;
}
function topBlock(lines, key) {
  const start = lines.findIndex((l) => l.startsWith(key + ':'));
  if (start < 0) return [0, 0];
  let end = start + 1;
  while (end < lines.length && !/^[A-Za-z_"]/.test(lines[end])) end++;
  return [start + 1, end];
}

// ================================================================= vocabulaires
const vocMd = read(path.join(refDir, 'vocabulaires.md')).split('\n');
const vocDir = path.join(schemasDir, 'vocabulaires');
const vocabFiles = new Map();
if (existsSync(vocDir)) {
  for (const f of readdirSync(vocDir)) if (f.endsWith('.yaml')) vocabFiles.set(f.slice(0, -5), read(path.join(vocDir, f)).split('\n'));
}
const yamlVocab = new Map(); // id → Map(slug → item)
for (const [id, lines] of vocabFiles) {
  const m = new Map();
  for (const it of objectItems(lines, 2, 'slug')) m.set(it.slug, it);
  yamlVocab.set(id, m);
}

// slugs attendus : { vocab, slug, libelle?, synonymes?, where }
const expected = [];
const mdTables = tables(vocMd);
const tableAt = new Map(mdTables.map((t) => [t.start, t]));
let current = null;
let currentSection = '';
const declared = new Set();
for (let i = 0; i < vocMd.length; i++) {
  const line = vocMd[i];
  // déclaration « (`vocab:xxx`) » : dans un titre ou en tête d'une liste en ligne (pas dans l'introduction « - Usage … »)
  const decl = line.startsWith('- ') ? null : /\(`vocab:([a-z_]+)`\)/.exec(line);
  if (line.startsWith('#')) {
    const sec = /^#+ (\d+(?:\.\d+)?)/.exec(line);
    currentSection = sec ? sec[1] : '';
    current = decl ? decl[1] : null;
  }
  if (decl) declared.add(decl[1]);
  const t = tableAt.get(i);
  if (t) {
    i = t.start + 1 + t.rows.length;
    const si = t.header.indexOf('Slug');
    if (si < 0 || !current) continue;
    const li = t.header.findIndex((h) => h === 'Libellé' || h === 'Intitulé');
    const syi = t.header.findIndex((h) => h.startsWith('Synonymes'));
    for (const row of t.rows) {
      let slugs = backticked(row[si]);
      let libelles = null;
      const range = /^`([a-z0-9-]*?)(\d+)` … `\1(\d+)`$/.exec(row[si]);
      if (range) {
        slugs = [];
        for (let n = Number(range[2]); n <= Number(range[3]); n++) slugs.push(range[1] + n);
        const [prefix, parts] = row[li].split(' : ');
        libelles = parts.split(' ; ').map((p) => `${prefix} : ${p}`);
      }
      slugs.forEach((slug, k) => {
        expected.push({
          vocab: current,
          slug,
          libelle: libelles ? libelles[k] : row[li].replace(/\s*\(ajout : [^)]*\)$/, ''),
          synonymes: syi >= 0 ? (row[syi] ? synonyms(row[syi]) : []) : null,
          where: `§${currentSection}`,
        });
      });
    }
    continue;
  }
  // listes en ligne : slugs `xxx` sur une ligne de déclaration ou sous un titre de vocabulaire
  const target = decl && !line.startsWith('#') ? decl[1] : current;
  if (!target) continue;
  const after = decl ? line.slice(line.indexOf(decl[0]) + decl[0].length) : line;
  for (const tok of backticked(after)) {
    if (isSlug(tok)) expected.push({ vocab: target, slug: tok, where: `§${currentSection}` });
  }
}
for (const id of declared) {
  expect(vocabFiles.has(id), `manquant : fichier schemas/vocabulaires/${id}.yaml (vocab:${id} de vocabulaires.md)`);
}
for (const e of expected) {
  const items = yamlVocab.get(e.vocab);
  const it = items?.get(e.slug);
  expect(!!it, `manquant : slug « ${e.slug} » du vocabulaire ${e.vocab} (vocabulaires.md ${e.where}) absent de schemas/vocabulaires/${e.vocab}.yaml`);
  if (!it) continue;
  if (e.libelle !== undefined) {
    expect(it.libelle === e.libelle, `libellé différent pour ${e.vocab}/${e.slug} : attendu « ${e.libelle} », trouvé « ${it.libelle} »`);
  }
  if (e.synonymes) {
    const have = new Set(it.synonymes ?? []);
    for (const s of e.synonymes) {
      expect(have.has(s), `manquant : synonyme « ${s} » de ${e.vocab}/${e.slug} (vocabulaires.md ${e.where})`);
    }
  }
}
// indicateur complémentaire du §7
const np = vocabFiles.get('niveaux_participation') ?? [];
expect(np.some((l) => /cle: representation_instances\b/.test(l)),
  'manquant : indicateur complémentaire « representation_instances » (vocabulaires.md §7) dans niveaux_participation.yaml');

// ================================================================= grille
const grMd = read(path.join(refDir, 'grille.md')).split('\n');
const grYaml = read(path.join(schemasDir, 'grille.yaml')).split('\n');
const grTables = tables(grMd);
const tableAfter = (prefix) => {
  const k = grMd.findIndex((l) => l.startsWith(prefix));
  return grTables.find((t) => t.start > k);
};

// §2.1 clés de premier niveau, dans l'ordre
const [c0, c1] = topBlock(grYaml, 'champs');
const champs = objectItems(grYaml, 2, 'cle', c0, c1);
const champKeys = champs.map((c) => c.cle);
const t21 = tableAfter('### 2.1');
let lastPos = -1;
for (const row of t21.rows) {
  const cle = backticked(row[2])[0];
  const pos = champKeys.indexOf(cle);
  expect(pos >= 0, `manquant : clé de premier niveau « ${cle} » (grille.md §2.1) absente de schemas/grille.yaml (champs)`);
  if (pos < 0) continue;
  expect(pos > lastPos, `ordre : la clé « ${cle} » (grille.md §2.1 n° ${row[0]}) n'est pas dans l'ordre du tableau dans schemas/grille.yaml`);
  lastPos = pos;
  const c = champs[pos];
  expect(c.statut === row[4], `statut différent pour la clé « ${cle} » : attendu ${row[4]}, trouvé ${c.statut}`);
  expect(c.libelle === row[1], `libellé différent pour la clé « ${cle} » : attendu « ${row[1]} », trouvé « ${c.libelle} »`);
}
// §2.2 sous-clés (balayage des « - cle: » à l'indentation 6 sous chaque champ)
const t22 = tableAfter('### 2.2');
let obj = null;
for (const row of t22.rows) {
  if (row[0]) obj = backticked(row[0])[0].replace(/\[\]$/, '');
  const sub = backticked(row[1])[0];
  const c = champs.find((x) => x.cle === obj);
  const end = c ? (champs[champs.indexOf(c) + 1]?._line ?? c1) : 0;
  const subs = c ? objectItems(grYaml, 6, 'cle', c._line, end) : [];
  const s = subs.find((x) => x.cle === sub);
  expect(!!s, `manquant : sous-clé « ${obj}.${sub} » (grille.md §2.2) absente de schemas/grille.yaml`);
  if (s) expect(s.statut === row[3], `statut différent pour « ${obj}.${sub} » : attendu ${row[3]}, trouvé ${s.statut}`);
}

// §3 sections, dans l'ordre
const [s0, s1] = topBlock(grYaml, 'sections');
const sections = objectItems(grYaml, 2, 'numero', s0, s1);
const t3 = tableAfter('## 3.');
const mdSections = t3.rows.filter((r) => r[0] !== '').map((r) => ({
  titre: /^`## (.+)`$/.exec(r[1])[1], cle: backticked(r[2])[0], statut: r[3], numero: r[0],
}));
const yTitles = sections.map((s) => s.titre);
lastPos = -1;
for (const s of mdSections) {
  const pos = yTitles.indexOf(s.titre);
  expect(pos >= 0, `manquant : section « ## ${s.titre} » (grille.md §3) absente de schemas/grille.yaml`);
  if (pos < 0) continue;
  expect(pos > lastPos, `ordre : la section « ## ${s.titre} » (grille.md §3 n° ${s.numero}) n'est pas dans l'ordre dans schemas/grille.yaml`);
  lastPos = pos;
  expect(sections[pos].cle === s.cle, `clé différente pour la section « ${s.titre} » : attendu ${s.cle}, trouvé ${sections[pos].cle}`);
  expect(sections[pos].statut === s.statut, `statut différent pour la section « ${s.titre} » : attendu ${s.statut}, trouvé ${sections[pos].statut}`);
}
expect(sections.length === mdSections.length, `nombre de sections : ${mdSections.length} dans grille.md §3, ${sections.length} dans schemas/grille.yaml`);

// §4 règles
const [r0, r1] = topBlock(grYaml, 'regles');
const regles = objectItems(grYaml, 2, 'id', r0, r1);
const k4 = grMd.findIndex((l) => l.startsWith('## 4.'));
for (let i = k4 + 1; i < grMd.length && !grMd[i].startsWith('---'); i++) {
  const m = /^(\d+)\. (.+)$/.exec(grMd[i]);
  if (!m) continue;
  const r = regles.find((x) => x.id === `R${m[1]}`);
  expect(!!r, `manquant : règle R${m[1]} (grille.md §4) absente de schemas/grille.yaml`);
  if (r) expect(r.texte === m[2], `texte différent pour la règle R${m[1]} (grille.md §4)`);
}

// ================================================================= synonymes
const synYaml = read(path.join(schemasDir, 'synonymes.yaml')).split('\n');
const [a0, a1] = topBlock(synYaml, 'anneaux');
const anneaux = objectItems(synYaml, 2, 'id', a0, a1);
const t17 = tables(vocMd).find((t) => t.header[0] === 'Anneau');
for (const row of t17.rows) {
  const a = anneaux.find((x) => x.nom === row[0]);
  expect(!!a, `manquant : anneau de synonymes « ${row[0]} » (vocabulaires.md §17) absent de schemas/synonymes.yaml`);
  if (!a) continue;
  const termes = row[1].replace(/\s*\(«.*»\)$/, '').split(' ≈ ').flatMap((t) => {
    t = t.trim().replace(/\s*\(ajout\)$/, '');
    if (t === 'action(s) collective(s)') return ['action collective', 'actions collectives'];
    const sl = /^(.*) (\S+) \/ (\S+)$/.exec(t);
    if (sl) return [`${sl[1]} ${sl[2]}`, `${sl[1]} ${sl[3]}`];
    return [t];
  });
  for (const t of termes) expect((a.termes ?? []).includes(t), `manquant : terme « ${t} » de l'anneau « ${row[0]} » (vocabulaires.md §17)`);
}
const [h0, h1] = topBlock(synYaml, 'homonymies');
const homs = objectItems(synYaml, 2, 'sigles', h0, h1);
const k18 = vocMd.findIndex((l) => l.startsWith('## 18.'));
const bullets18 = [];
for (let i = k18 + 1; i < vocMd.length && !vocMd[i].startsWith('---'); i++) if (vocMd[i].startsWith('- ')) bullets18.push(vocMd[i].slice(2));
for (const b of bullets18) {
  expect(homs.some((h) => h.texte === b), `manquant : homonymie « ${b.slice(0, 60)}… » (vocabulaires.md §18) absente de schemas/synonymes.yaml`);
}
const [g0, g1] = topBlock(synYaml, 'sigles');
const sigItems = objectItems(synYaml, 2, 'sigle', g0, g1);
const known = new Set();
for (const s of sigItems) {
  known.add(s.sigle);
  for (const v of s.variantes ?? []) known.add(v);
}
const t19 = tables(vocMd).find((t) => t.header[0] === 'Sigle');
for (const row of t19.rows) {
  const cell = row[0];
  const parts = cell.split(/\s*\/\s*|\s*\(|\)/).map((x) => x.trim()).filter(Boolean);
  for (const p of parts) {
    expect(known.has(p), `manquant : sigle « ${p} » (vocabulaires.md §19, ligne « ${cell} ») absent de schemas/synonymes.yaml`);
  }
}
const horsLine = vocMd.find((l) => l.startsWith('Sigles généraux présents mais hors périmètre'));
const horsYaml = parseFlowList((synYaml.find((l) => l.startsWith('hors_perimetre:')) ?? 'hors_perimetre: []').slice('hors_perimetre:'.length)) ?? [];
if (horsLine) {
  const list = horsLine.split(':').slice(1).join(':');
  for (const tok of list.match(/\b[A-Z]{2,5}\b/g) ?? []) {
    expect(horsYaml.includes(tok), `manquant : sigle hors périmètre « ${tok} » (vocabulaires.md §19) dans schemas/synonymes.yaml`);
  }
}

// ================================================================= vocabulaires référencés par grille.yaml / parcours.yaml / recherche.yaml
const derived = new Set(['departements', 'regions', 'annees']);
for (const f of ['grille.yaml', 'parcours.yaml', 'recherche.yaml']) {
  const p = path.join(schemasDir, f);
  if (!existsSync(p)) {
    expect(false, `manquant : schemas/${f}`);
    continue;
  }
  const lines = read(p).split('\n');
  lines.forEach((l, i) => {
    const m = /^\s*(?:- )?(vocabulaire|vocabulaires|inclut):\s*(.*)$/.exec(l);
    if (!m) return;
    const v = valueAt(lines, i);
    for (const id of Array.isArray(v) ? v : [v]) {
      if (typeof id !== 'string' || /^\d+$/.test(id)) continue; // ex. poids.vocabulaire: 2
      if (derived.has(id)) continue;
      expect(vocabFiles.has(id), `manquant : vocabulaire « ${id} » cité par schemas/${f} (ligne ${i + 1}) sans fichier schemas/vocabulaires/${id}.yaml`);
    }
  });
}

if (problems.length) {
  for (const p of problems) console.error(p);
  console.error(`check-schemas: ${checked} éléments vérifiés, ${problems.length} manquant${problems.length > 1 ? 's' : ''} ou différent${problems.length > 1 ? 's' : ''}`);
  process.exit(1);
}
console.log(`check-schemas: ${checked} éléments vérifiés, 0 manquant`);
