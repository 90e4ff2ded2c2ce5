// The judged queries (requetes.tsv, fiches-jugees.txt) and the measures computed on them.
import fs from 'node:fs';

export const KINDS = ['simple', 'phrase', 'elision', 'no-accent', 'acronym', 'synonym', 'stem', 'typo', 'prefix', 'filter'];
export const HALVES = ['réglage', 'contrôle'];
export const DEPTH = 10;

export function readQueries(file) {
  const out = [];
  fs.readFileSync(file, 'utf8').split('\n').forEach((line, i) => {
    if (!line.trim() || line.startsWith('#')) return;
    const c = line.split('\t');
    const where = `${file}:${i + 1}`;
    if (c.length !== 8) throw new Error(`${where} : 8 colonnes attendues, ${c.length} lues`);
    const [id, half, kind, profile, text, filters, two, one] = c;
    if (!HALVES.includes(half)) throw new Error(`${where} : moitié « ${half} » inconnue`);
    if (!KINDS.includes(kind)) throw new Error(`${where} : type « ${kind} » inconnu`);
    const grades = new Map();
    for (const sheet of two.split(' ').filter(Boolean)) grades.set(sheet, 2);
    for (const sheet of one.split(' ').filter(Boolean)) {
      if (grades.has(sheet)) throw new Error(`${where} : ${sheet} notée 2 et 1`);
      grades.set(sheet, 1);
    }
    if (!grades.size) throw new Error(`${where} : aucune fiche notée`);
    if (!text && !filters) throw new Error(`${where} : ni requête ni filtre`);
    out.push({ id, half, kind, profile, text, grades, line: i + 1,
      filters: filters ? filters.split('&').map((kv) => { const e = kv.indexOf('='); return [kv.slice(0, e), kv.slice(e + 1)]; }) : [] });
  });
  const ids = new Set();
  for (const q of out) {
    if (ids.has(q.id)) throw new Error(`${file}:${q.line} : identifiant ${q.id} répété`);
    ids.add(q.id);
  }
  return out;
}

export function readJudgedSheets(file) {
  return new Set(fs.readFileSync(file, 'utf8').split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#')));
}

const gain = (g) => 2 ** g - 1;

// nDCG@10 (gain 2^grade - 1), reciprocal rank and success of the best grade the query has.
export function measure(query, ranking) {
  const top = ranking.slice(0, DEPTH);
  const grade = (id) => query.grades.get(id) || 0;
  let dcg = 0;
  top.forEach((id, r) => { dcg += gain(grade(id)) / Math.log2(r + 2); });
  const ideal = [...query.grades.values()].sort((a, b) => b - a).slice(0, DEPTH);
  const idcg = ideal.reduce((s, g, r) => s + gain(g) / Math.log2(r + 2), 0);
  const best = ideal[0];
  const first = top.findIndex((id) => grade(id) === best);
  return { ndcg: dcg / idcg, rr: first < 0 ? 0 : 1 / (first + 1), success: first < 0 ? 0 : 1 };
}

// What limits a ranking (`ranking`: the first results, more than DEPTH): nDCG@10 if those results
// came in the best order, and without the distractor pages (`distractor(id)`); where the judged
// sheets are: in the first DEPTH, further on, or not among the results read.
export function limits(query, ranking, distractor) {
  const grade = (id) => query.grades.get(id) || 0;
  const pairs = { top: 0, further: 0, unmatched: 0 };
  for (const id of query.grades.keys()) {
    const at = ranking.indexOf(id);
    pairs[at < 0 ? 'unmatched' : at < DEPTH ? 'top' : 'further']++;
  }
  return {
    bestOrder: measure(query, [...ranking].sort((a, b) => grade(b) - grade(a))).ndcg,
    withoutDistractors: measure(query, ranking.filter((id) => !distractor(id))).ndcg,
    pairs,
  };
}

export function mean(xs) {
  return xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : NaN;
}
