#!/usr/bin/env node
// Dérive schemas/territoires.tsv du paquet npm @etalab/decoupage-administratif
// (version figée dans package.json). Aucune dépendance hors Node.
//
//   node tools/derive-territoires.mjs [sortie]     (défaut : schemas/territoires.tsv)
//
// Format (UTF-8, LF, champs séparés par des tabulations), après une ligne de commentaire :
//   R  code  nom                       une ligne par région
//   D  code  nom  code_region          une ligne par département
//   C  code  nom  code_departement     une ligne par commune actuelle ou arrondissement municipal
// Lignes triées (R, puis D, puis C ; par code). Écriture atomique (.tmp puis rename).
import { readFileSync, writeFileSync, renameSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const pkgDir = path.join(repo, 'node_modules', '@etalab', 'decoupage-administratif');
const out = path.resolve(process.argv[2] ?? path.join(repo, 'schemas', 'territoires.tsv'));

function load(name) {
  const file = path.join(pkgDir, 'data', name);
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    console.error(`derive-territoires : lecture impossible de ${file} (${e.message}) — lancer « npm ci » d'abord.`);
    process.exit(1);
  }
}

const version = JSON.parse(readFileSync(path.join(pkgDir, 'package.json'), 'utf8')).version;
const regions = load('regions.json');
const departements = load('departements.json');
const communes = load('communes.json');

function clean(s, what) {
  if (typeof s !== 'string' || s === '' || /[\t\r\n]/.test(s)) {
    console.error(`derive-territoires : valeur invalide pour ${what} : ${JSON.stringify(s)}`);
    process.exit(1);
  }
  return s;
}

const cmp = (a, b) => (a < b ? -1 : a > b ? 1 : 0);
const rows = [];
for (const r of regions) rows.push(['R', clean(r.code, 'code région'), clean(r.nom, `nom région ${r.code}`)]);
for (const d of departements) {
  rows.push(['D', clean(d.code, 'code département'), clean(d.nom, `nom département ${d.code}`), clean(d.region, `région du département ${d.code}`)]);
}
for (const c of communes) {
  if (c.type !== 'commune-actuelle' && c.type !== 'arrondissement-municipal') continue;
  rows.push(['C', clean(c.code, 'code commune'), clean(c.nom, `nom commune ${c.code}`), clean(c.departement, `département de la commune ${c.code}`)]);
}
const kindOrder = { R: 0, D: 1, C: 2 };
rows.sort((a, b) => kindOrder[a[0]] - kindOrder[b[0]] || cmp(a[1], b[1]));

// codes uniques par genre
const seen = new Set();
for (const r of rows) {
  const k = r[0] + r[1];
  if (seen.has(k)) {
    console.error(`derive-territoires : code en double ${r[0]} ${r[1]}`);
    process.exit(1);
  }
  seen.add(k);
}

const text = `# derived from @etalab/decoupage-administratif ${version}\n` + rows.map((r) => r.join('\t')).join('\n') + '\n';
mkdirSync(path.dirname(out), { recursive: true });
const tmp = `${out}.tmp`;
writeFileSync(tmp, text, 'utf8');
renameSync(tmp, out);
const n = (k) => rows.filter((r) => r[0] === k).length;
console.log(`derive-territoires : ${path.relative(process.cwd(), out) || out} — ${n('R')} régions, ${n('D')} départements, ${n('C')} communes`);
