// The two baselines of the relevance benchmark, on the documents that `pratiques index` published
// (read back from its catalogue, so that all three engines index the same text):
//   - SQLite FTS5, tokenizer `unicode61 remove_diacritics 2`, ranked by bm25 with the field weights
//     of schemas/recherche.yaml (Debian's sqlite3 CLI);
//   - Xapian as Omega uses it: scriptindex with the French stemmer, queries through the Omega CGI
//     with its default settings (DEFAULTOP and, STEM_SOME) and the same field prefixes.
// Each engine gets the same fields: title, summary, vocabulary labels and names (carrier,
// territory, partners), keywords, body sections; vocabulary synonyms are the engine's own
// knowledge and are not given to the baselines.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

// Front-matter key → vocabulary of its values (schemas/grille.yaml), for the labels.
const VOCABULARY_OF = {
  thematiques: 'thematiques', publics: 'publics', modes_intervention: 'modes_intervention', techniques: 'techniques',
  finalites: 'finalites', freins: 'types_freins', professions: 'professions', niveau_participation: 'niveaux_participation',
  stade: 'stades', origine_initiative: 'origines_initiative',
};
// Query prefixes: recherche.yaml's fields, then the sections' prefixes (grille.yaml).
const FIELD_PREFIXES = ['titre', 'porteur', 'theme', 'public', 'departement', 'region', 'mode'];
const OMEGA_BIN = '/usr/lib/cgi-bin/omega/omega';

function sql(db, query) {
  const out = execFileSync('sqlite3', ['-json', '-readonly', db, query], { encoding: 'utf8', maxBuffer: 1 << 28 });
  return out.trim() ? JSON.parse(out) : [];
}

// The documents as the baselines see them, from the catalogue of a `pratiques index` run.
export function readDocuments(catalogue) {
  for (const t of ['sheets', 'sections', 'vocabularies', 'sheet_values'])
    if (!sql(catalogue, `SELECT name FROM sqlite_master WHERE name = '${t}'`).length)
      throw new Error(`${catalogue} : table « ${t} » absente (format du catalogue changé ?)`);
  const labels = new Map();
  for (const v of sql(catalogue, 'SELECT vocab, slug, label FROM vocabularies')) labels.set(`${v.vocab}\t${v.slug}`, v.label);
  const label = (vocab, slug) => labels.get(`${vocab}\t${slug}`) || '';
  const sectionsBySheet = new Map();
  for (const s of sql(catalogue, 'SELECT sheet_id, key, markdown FROM sections WHERE undocumented = 0 ORDER BY sheet_id, ord')) {
    if (!sectionsBySheet.has(s.sheet_id)) sectionsBySheet.set(s.sheet_id, []);
    sectionsBySheet.get(s.sheet_id).push({ key: s.key, text: s.markdown });
  }
  const valuesBySheet = new Map();
  for (const v of sql(catalogue, 'SELECT sheet_id, facet, value FROM sheet_values')) {
    if (!valuesBySheet.has(v.sheet_id)) valuesBySheet.set(v.sheet_id, []);
    valuesBySheet.get(v.sheet_id).push([v.facet, v.value]);
  }
  const list = (x) => (Array.isArray(x) ? x : x === undefined || x === null ? [] : [x]);
  return sql(catalogue, 'SELECT id, titre, en_bref, front_json FROM sheets ORDER BY id').map((row) => {
    const fm = JSON.parse(row.front_json);
    const labelsOf = (key) => list(fm[key]).map((slug) => label(VOCABULARY_OF[key], slug)).filter(Boolean);
    const porteur = fm.porteur || {}, territoire = fm.territoire || {};
    const carrier = [porteur.nom, porteur.service, label('types_porteurs', porteur.type)].filter(Boolean);
    const place = [territoire.nom, label('departements', territoire.departement), label('regions', territoire.region)].filter(Boolean);
    const vocab = [...Object.keys(VOCABULARY_OF).flatMap(labelsOf), ...carrier, ...place,
      ...list(fm.partenaires).map((p) => p && p.nom).filter(Boolean)];
    return {
      id: row.id, titre: row.titre, en_bref: row.en_bref, vocab: vocab.join('. '),
      mots_cles: list(fm.mots_cles).join('. '),
      sections: sectionsBySheet.get(row.id) || [],
      fields: { porteur: carrier.join('. '), theme: labelsOf('thematiques').join('. '), public: labelsOf('publics').join('. '),
        mode: labelsOf('modes_intervention').join('. '), departement: place.slice(1, 2).join(''), region: place.slice(2).join('') },
      facets: valuesBySheet.get(row.id) || [],
    };
  });
}

// Section key → query prefix (freins_difficultes → freins), from grille.yaml.
export function sectionPrefixes(schemas) {
  const text = fs.readFileSync(path.join(schemas, 'grille.yaml'), 'utf8');
  const out = {};
  let key = null;
  for (const line of text.slice(text.search(/^sections:/m)).split('\n')) {
    let m;
    if ((m = /^\s+(?:- )?cle: *([a-z_]+)/.exec(line))) key = m[1];
    else if ((m = /^\s+prefixe: *"?([a-z_-]+)"?/.exec(line)) && key) out[key] = m[1];
  }
  return out;
}

// ------------------------------------------------------------------ SQLite FTS5
const sqlString = (s) => `'${String(s).replace(/'/g, "''")}'`;

export function buildFts(documents, prefixes, file) {
  fs.rmSync(file, { force: true });
  const sectionColumns = [...new Set(Object.values(prefixes))];
  const fieldColumns = [...FIELD_PREFIXES.filter((p) => p !== 'titre'), ...sectionColumns];
  const tok = "tokenize = 'unicode61 remove_diacritics 2'";
  const lines = [
    'BEGIN;',
    `CREATE VIRTUAL TABLE docs USING fts5(id UNINDEXED, titre, en_bref, vocab, mots_cles, corps, ${tok});`,
    // Fields searched by prefix (porteur:, freins:…): a table of their own, so that the main
    // table's document lengths (bm25) do not count the same text twice.
    `CREATE VIRTUAL TABLE champs USING fts5(${fieldColumns.map((c) => `"${c}"`).join(', ')}, ${tok});`,
    'CREATE TABLE facets(rid INTEGER, facet TEXT, value TEXT);',
  ];
  documents.forEach((d, i) => {
    const rid = i + 1;
    const body = d.sections.map((s) => s.text).join('\n\n');
    lines.push(`INSERT INTO docs(rowid, id, titre, en_bref, vocab, mots_cles, corps) VALUES(${rid}, ${[d.id, d.titre, d.en_bref, d.vocab, d.mots_cles, body].map(sqlString).join(', ')});`);
    const values = fieldColumns.map((c) => (d.fields[c] !== undefined ? d.fields[c]
      : d.sections.filter((s) => prefixes[s.key] === c).map((s) => s.text).join('\n\n')));
    lines.push(`INSERT INTO champs(rowid, ${fieldColumns.map((c) => `"${c}"`).join(', ')}) VALUES(${rid}, ${values.map(sqlString).join(', ')});`);
    for (const [f, v] of d.facets) lines.push(`INSERT INTO facets VALUES(${rid}, ${sqlString(f)}, ${sqlString(v)});`);
  });
  lines.push('COMMIT;');
  execFileSync('sqlite3', [file], { input: lines.join('\n'), maxBuffer: 1 << 28 });
  return { file, fieldColumns };
}

// A user query as an FTS5 expression, as a simple site search would build it: words AND-ed,
// "phrases" and « phrases » kept, OU/OR between words, -word and SAUF/NOT excluded, known
// `prefix:word` searched in that column. Returns {main, fields, exclude} (FTS5 strings, '' if none).
export function ftsQuery(query, fieldColumns) {
  const words = (s) => s.match(/[\p{L}\p{N}]+/gu) || [];
  const phrase = (ws) => `"${ws.join(' ')}"`;
  const main = [], fields = [], exclude = [];
  const re = /([+-]?)(?:([\p{L}]+):)?(?:"([^"]*)"?|«([^»]*)»?|(\S+))/gu;
  let or = false, not = false;
  for (const m of query.matchAll(re)) {
    const [, sign, prefix, q1, q2, word] = m;
    if (!sign && !prefix && word && /^(OU|OR)$/.test(word)) { or = true; continue; }
    if (!sign && !prefix && word && /^(SAUF|NOT)$/.test(word)) { not = true; continue; }
    if (!sign && !prefix && word && /^(ET|AND)$/.test(word)) continue;
    const ws = words(q1 ?? q2 ?? word ?? '');
    if (!ws.length) continue;
    const expr = q1 !== undefined || q2 !== undefined ? phrase(ws) : ws.length > 1 ? phrase(ws) : `"${ws[0]}"`;
    const column = prefix && fieldColumns.includes(prefix.toLowerCase()) ? prefix.toLowerCase() : prefix === 'titre' ? 'titre' : null;
    if (sign === '-' || not) { exclude.push(expr); not = false; continue; }
    const target = column && column !== 'titre' ? fields : main;
    const e = column ? `${column} : ${expr}` : prefix ? `${phrase(words(prefix))} ${expr}` : expr;
    if (or && target.length) target[target.length - 1] = `(${target[target.length - 1]} OR ${e})`;
    else target.push(e);
    or = false;
  }
  return { main: main.join(' AND '), fields: fields.join(' AND '), exclude: exclude.join(' OR ') };
}

const FTS_WEIGHTS = '0, 6, 3, 2, 2, 1';  // id, titre, en_bref, vocab, mots_cles, corps: recherche.yaml

// Top `k` ids for each query ({text, filters}), in one sqlite3 run.
export function searchFts(fts, queries, k) {
  const statements = queries.map((q, n) => {
    const { main, fields, exclude } = ftsQuery(q.text, fts.fieldColumns);
    const where = [];
    for (const [facet, values] of groupFilters(q.filters))
      where.push(`docs.rowid IN (SELECT rid FROM facets WHERE facet = ${sqlString(facet)} AND value IN (${values.map(sqlString).join(', ')}))`);
    if (fields) where.push(`docs.rowid IN (SELECT rowid FROM champs WHERE champs MATCH ${sqlString(fields)})`);
    if (exclude) where.push(`docs.rowid NOT IN (SELECT rowid FROM docs WHERE docs MATCH ${sqlString(exclude)})`);
    if (!main && !fields && !where.length) return `SELECT ${n} AS q, NULL AS id WHERE 0;`;
    if (main) where.unshift(`docs MATCH ${sqlString(main)}`);
    const order = main ? `bm25(docs, ${FTS_WEIGHTS})` : fields
      ? `(SELECT bm25(champs) FROM champs WHERE champs MATCH ${sqlString(fields)} AND champs.rowid = docs.rowid)` : 'docs.rowid';
    return `SELECT ${n} AS q, id FROM docs WHERE ${where.join(' AND ')} ORDER BY ${order} LIMIT ${k};`;
  });
  const out = execFileSync('sqlite3', ['-readonly', '-separator', '\t', fts.file], { input: statements.join('\n'), encoding: 'utf8', maxBuffer: 1 << 28 });
  const results = queries.map(() => []);
  for (const line of out.split('\n')) {
    const [n, id] = line.split('\t');
    if (id) results[Number(n)].push(id);
  }
  return results;
}

function groupFilters(filters) {
  const m = new Map();
  for (const [k, v] of filters) {
    if (!m.has(k)) m.set(k, []);
    m.get(k).push(v);
  }
  return m;
}

// ------------------------------------------------------------------ Omega
const omegaPrefix = (name) => `X${name.toUpperCase().replace(/[-_]/g, 'X')}`;
const facetPrefix = (facet) => `XF${facet.toUpperCase().replace(/[-_]/g, 'X')}:`;

export function buildOmega(documents, prefixes, dir) {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const sectionNames = [...new Set(Object.values(prefixes))];
  const facetNames = [...new Set(documents.flatMap((d) => d.facets.map(([f]) => f)))].sort();
  const script = [
    '# scriptindex script of the relevance benchmark (bench/relevance/baselines.mjs): the fields and',
    '# weights of schemas/recherche.yaml; stemming: scriptindex -s french.',
    'id : field=id boolean=Q unique=Q',
    'titre : field=titre weight=6 index index=S',
    'en_bref : weight=3 index',
    'vocab : weight=2 index',
    'mots_cles : weight=2 index',
    'corps : index',
    ...FIELD_PREFIXES.filter((p) => p !== 'titre').map((p) => `f_${p} : index=${omegaPrefix(p)}`),
    ...sectionNames.map((p) => `s_${p} : index=${omegaPrefix(`sec_${p}`)}`),
    ...facetNames.map((f) => `b_${f} : boolean=${facetPrefix(f)}`),
  ];
  fs.writeFileSync(path.join(dir, 'script'), script.join('\n') + '\n');
  const value = (s) => String(s).replace(/\n/g, '\n=');
  const records = documents.map((d) => {
    const r = [`id=${d.id}`, `titre=${value(d.titre)}`, `en_bref=${value(d.en_bref)}`, `vocab=${value(d.vocab)}`,
      `mots_cles=${value(d.mots_cles)}`, `corps=${value(d.sections.map((s) => s.text).join('\n\n'))}`];
    for (const p of FIELD_PREFIXES.filter((p) => p !== 'titre')) r.push(`f_${p}=${value(d.fields[p] || '')}`);
    for (const s of d.sections) if (prefixes[s.key]) r.push(`s_${prefixes[s.key]}=${value(s.text)}`);
    for (const [f, v] of d.facets) r.push(`b_${f}=${v}`);
    return r.join('\n') + '\n';
  });
  fs.writeFileSync(path.join(dir, 'dump'), records.join('\n'));
  const db = path.join(dir, 'db', 'pertinence');
  fs.mkdirSync(path.dirname(db), { recursive: true });
  execFileSync('scriptindex', ['-s', 'french', '--overwrite', db, path.join(dir, 'script'), path.join(dir, 'dump')], { stdio: ['ignore', 'ignore', 'inherit'] });
  fs.mkdirSync(path.join(dir, 'templates'), { recursive: true });
  const setmaps = [...FIELD_PREFIXES.map((p) => [p, p === 'titre' ? 'S' : omegaPrefix(p)]),
    ...sectionNames.map((p) => [p, omegaPrefix(`sec_${p}`)])].map(([n, x]) => `$setmap{prefix,${n},${x}}`).join('');
  // Omega's defaults otherwise (DEFAULTOP and, STEM_SOME); the stemmer of the index.
  fs.writeFileSync(path.join(dir, 'templates', 'pertinence'),
    `$httpheader{Content-Type,text/plain}$set{stemmer,french}${setmaps}total=$msize\n$hitlist{$field{id}\n}`);
  fs.writeFileSync(path.join(dir, 'omega.conf'), `database_dir ${path.join(dir, 'db')}\ntemplate_dir ${path.join(dir, 'templates')}\nlog_dir ${dir}\n`);
  return { dir, facetPrefix };
}

export function searchOmega(omega, queries, k) {
  if (!fs.existsSync(OMEGA_BIN)) throw new Error(`${OMEGA_BIN} absent : installer xapian-omega (tools/install-deps.sh)`);
  return queries.map((q) => {
    const params = new URLSearchParams({ DB: 'pertinence', FMT: 'pertinence', HITSPERPAGE: String(k), P: q.text });
    for (const [f, v] of q.filters) params.append('B', facetPrefix(f) + v);
    const out = execFileSync(OMEGA_BIN, [], {
      encoding: 'utf8',
      env: { ...process.env, OMEGA_CONFIG_FILE: path.join(omega.dir, 'omega.conf'), REQUEST_METHOD: 'GET',
        GATEWAY_INTERFACE: 'CGI/1.1', QUERY_STRING: params.toString().replace(/\+/g, '%20') },
    });
    const body = out.slice(out.indexOf('total='));
    return body.split('\n').slice(1).filter(Boolean).slice(0, k);
  });
}
