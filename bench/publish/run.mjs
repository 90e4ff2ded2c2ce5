#!/usr/bin/env node
// Publication latency (issue 10, DESIGN-NOTES decision 5): from the request to "searchable and
// online", p50 and p95 over 20 publications, on corpora of the sizes given.
//
//   node bench/publish/run.mjs [--sizes "10000 30000"] [--publications 20] [--seed 1] [--pratiques build-bench/pratiques]
//
// For each size: the corpus of bench/gen-corpus.mjs (bench/out/corpus-N, reused when present, as
// bench/run.sh makes it) copied to a work directory, indexed, built as a site; a documentaliste's
// API token made with `pratiques utilisateur`; `pratiques serve` started on it. Then, for each
// publication: a new sheet (sheets N, N+1… of the same generator, with a word of its own) is
// contributed, submitted and taken through the API (not timed); the clock starts when the
// "publier" request is sent and stops when /api/recherche finds the sheet by its word AND its page
// /fiches/<id>/ carries the word. The server's own breakdown (file + Git, re-index, the sheet's own
// pages) is reported beside it. The pages that depend on the sheet are rewritten in the background
// after the answer: the benchmark then polls the browse page of its département (else of its first
// theme) until it lists the sheet, and reports that delay from the click too (not part of the
// target), before the next publication. Writes bench/out/publish/results.md and results.json.
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const args = { sizes: '10000 30000', publications: 20, seed: 1, pratiques: path.join(root, 'build-bench/pratiques') };
for (let i = 2; i < process.argv.length; i++) {
  const k = process.argv[i].replace(/^--/, '');
  if (!(k in args) || i + 1 >= process.argv.length) { console.error(`run.mjs : option inconnue ou sans valeur ${process.argv[i]}`); process.exit(2); }
  args[k] = process.argv[++i];
}
const sizes = String(args.sizes).split(/\s+/).filter(Boolean).map(Number);
const count = Number(args.publications);
const cli = path.resolve(args.pratiques);
if (!fs.existsSync(cli)) {
  console.error(`run.mjs : ${cli} introuvable ; construire d'abord : cmake -S . -B build-bench -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF && cmake --build build-bench -j2`);
  process.exit(2);
}
const out = path.join(root, 'bench/out/publish');
fs.mkdirSync(out, { recursive: true });
const log = (m) => console.error(`[${new Date().toISOString().slice(11, 19)}] ${m}`);
const run = (argv, opts = {}) => execFileSync(cli, argv, { encoding: 'utf8', maxBuffer: 1 << 26, ...opts });
const seconds = (t0) => (performance.now() - t0) / 1000;

function corpus(n, first, dir) {
  if (!fs.existsSync(path.join(dir, 'corpus.json'))) {
    log(`génération de ${n} fiches (à partir de ${first}) dans ${dir}`);
    execFileSync('node', [path.join(root, 'bench/gen-corpus.mjs'), '--n', String(n), '--first', String(first), '--out', dir, '--seed',
      String(args.seed), '--queries', '0'], { stdio: ['ignore', 'ignore', 'inherit'] });
  }
  return dir;
}

async function serve(work) {
  const child = spawn(cli, ['serve', '--index', path.join(work, 'index'), '--site', path.join(work, 'public'), '--donnees',
    path.join(work, 'var'), '--contenu', path.join(work, 'content'), '--schemas', path.join(root, 'schemas'), '--port', '0',
    '--url', 'http://localhost:8080', '--sans-journal'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise((resolve, reject) => {
    let text = '';
    child.stdout.on('data', (d) => {
      text += d;
      const m = text.match(/http:\/\/localhost:(\d+)/);
      if (m) resolve(Number(m[1]));
    });
    child.on('exit', (code) => reject(new Error(`pratiques serve terminé (${code})`)));
  });
  return { child, base: `http://127.0.0.1:${port}` };
}

// Does the list of a value page (/x/, then /x/page-2/… when it has more sheets than a page holds) name the sheet?
async function listed(base, valuePage, id) {
  for (let n = 1; ; n++) {
    const r = await fetch(base + (n === 1 ? valuePage : `${valuePage}page-${n}/`));
    if (!r.ok) return false;
    if ((await r.text()).includes(`/fiches/${id}/`)) return true;
  }
}

const quantile = (xs, q) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)]; };

async function measure(n) {
  const source = corpus(n, 0, path.join(root, `bench/out/corpus-${n}`));
  const extra = corpus(count, n, path.join(root, `bench/out/publish/nouvelles-${n}-${count}`));
  const work = fs.mkdtempSync(path.join(os.tmpdir(), `pratiques-publish-${n}-`));
  try {
    log(`${n} fiches : copie, index complet, site`);
    fs.cpSync(path.join(source, 'fiches'), path.join(work, 'content/fiches'), { recursive: true });
    let t0 = performance.now();
    run(['index', '--content', path.join(work, 'content'), '--schemas', path.join(root, 'schemas'), '--out', path.join(work, 'index')]);
    const indexSeconds = seconds(t0);
    t0 = performance.now();
    run(['build', '--index', path.join(work, 'index'), '--out', path.join(work, 'public')]);
    const buildSeconds = seconds(t0);
    run(['utilisateur', 'ajouter', '--courriel', 'bench@exemple.fr', '--role', 'documentaliste', '--donnees', path.join(work, 'var')]);
    const token = run(['utilisateur', 'jeton', '--courriel', 'bench@exemple.fr', '--donnees', path.join(work, 'var')]).trim();
    const { child, base } = await serve(work);
    const api = async (method, url, body, type) => {
      const r = await fetch(base + url, { method, body, headers: { Authorization: `Bearer ${token}`, ...(type ? { 'Content-Type': type } : {}) } });
      const text = await r.text();
      if (!r.ok) throw new Error(`${method} ${url} : ${r.status} ${text.slice(0, 500)}`);
      return JSON.parse(text);
    };
    const rows = [];
    try {
      const files = fs.readdirSync(path.join(extra, 'fiches')).sort().slice(0, count);
      for (const [k, file] of files.entries()) {
        const id = file.replace(/\.md$/, '');
        const word = `zorglub${String.fromCharCode(97 + (k % 26))}${String.fromCharCode(97 + Math.floor(k / 26) % 26)}quatre`;
        // The sheet's own word in its title; links to sheets of its batch dropped (they are not published yet).
        let text = fs.readFileSync(path.join(extra, 'fiches', file), 'utf8').replace(/\nfiches_liees:\n  - id: .*\n    relation: .*\n/, '\n');
        text = text.replace(/^titre: "/m, `titre: "${word} `);
        const dep = text.match(/^  departement: "?([0-9AB]+)"?$/m), theme = text.match(/^thematiques: \[([a-z0-9-]+)/m);
        const valuePage = dep ? `/departements/${dep[1]}/` : `/thematiques/${theme[1]}/`;
        const c = await api('POST', '/api/contributions', text, 'text/markdown; charset=utf-8');
        await api('POST', `/api/contributions/${c.id}/soumettre`);
        await api('POST', `/api/contributions/${c.id}/prendre`);
        const start = performance.now();
        const p = await api('POST', `/api/contributions/${c.id}/publier`, JSON.stringify({ commentaire: 'banc' }), 'application/json');
        const answered = performance.now();
        const found = await (await fetch(`${base}/api/recherche?q=${word}`)).json();
        const page = await (await fetch(`${base}/fiches/${id}/`)).text();
        const online = performance.now();
        if (!found.resultats.some((r) => r.id === id) || !page.includes(word))
          throw new Error(`${id} : ni cherchable ni en ligne juste après la publication`);
        // The dependent pages, rewritten in the background: the value page's list names the sheet,
        // on whichever of its pages the sheet's place puts it (the list of a value of 10,000 sheets
        // has several).
        let listedAt = null;
        for (const deadline = performance.now() + 600_000; performance.now() < deadline;) {
          if (await listed(base, valuePage, id)) { listedAt = performance.now(); break; }
          await new Promise((r) => setTimeout(r, 50));
        }
        if (listedAt === null) throw new Error(`${id} : ${valuePage} ne la liste toujours pas après 10 minutes`);
        rows.push({ id, total_ms: online - start, answer_ms: answered - start, write_ms: p.publication.duree_ms.ecriture,
          index_ms: p.publication.duree_ms.indexation, site_ms: p.publication.duree_ms.site, pages: p.publication.pages.length,
          dependents_ms: listedAt - start });
        log(`${n} : ${id} publiée en ${(online - start).toFixed(0)} ms (index ${p.publication.duree_ms.indexation.toFixed(0)}, ` +
          `site ${p.publication.duree_ms.site.toFixed(0)}) ; ${valuePage} à jour après ${(listedAt - start).toFixed(0)} ms`);
      }
    } finally {
      child.kill('SIGTERM');
      await new Promise((r) => child.on('exit', r));
    }
    const pick = (key) => rows.map((r) => r[key]);
    return { sheets: n, publications: rows.length, index_s: indexSeconds, build_s: buildSeconds,
      p50_ms: quantile(pick('total_ms'), 0.5), p95_ms: quantile(pick('total_ms'), 0.95),
      index_p50_ms: quantile(pick('index_ms'), 0.5), index_p95_ms: quantile(pick('index_ms'), 0.95),
      site_p50_ms: quantile(pick('site_ms'), 0.5), site_p95_ms: quantile(pick('site_ms'), 0.95),
      write_p50_ms: quantile(pick('write_ms'), 0.5), pages_written: quantile(pick('pages'), 0.5),
      dependents_p50_ms: quantile(pick('dependents_ms'), 0.5), dependents_p95_ms: quantile(pick('dependents_ms'), 0.95), rows };
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

const results = { command: `node bench/publish/run.mjs ${process.argv.slice(2).join(' ')}`.trim(), date: new Date().toISOString().slice(0, 19) + 'Z',
  machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model, load: os.loadavg() }, sizes: [] };
for (const n of sizes) results.sizes.push(await measure(n));
results.load_end = os.loadavg();
fs.writeFileSync(path.join(out, 'results.json'), JSON.stringify(results, null, 2));
const f = (x) => x.toFixed(0);
const md = ['| Sheets | p50 (ms) | p95 (ms) | re-index p50 / p95 (ms) | own pages p50 / p95 (ms) | file + Git p50 (ms) | pages rewritten before the answer | dependent pages online p50 / p95 (ms after the click) | target p95 ≤ 1,000 ms |',
  '|---|---|---|---|---|---|---|---|---|',
  ...results.sizes.map((s) => `| ${s.sheets.toLocaleString('en')} | ${f(s.p50_ms)} | ${f(s.p95_ms)} | ${f(s.index_p50_ms)} / ${f(s.index_p95_ms)} | ` +
    `${f(s.site_p50_ms)} / ${f(s.site_p95_ms)} | ${f(s.write_p50_ms)} | ${s.pages_written} | ${f(s.dependents_p50_ms)} / ${f(s.dependents_p95_ms)} | ` +
    `${s.p95_ms <= 1000 ? 'met' : 'not met'} |`)].join('\n');
fs.writeFileSync(path.join(out, 'results.md'), `# Publication latency (${count} publications per size)\n\n${md}\n\n` +
  `Command: \`${results.command}\` (${results.date}).\n\n` +
  `Machine: ${results.machine.cpus} cores, ${results.machine.model}, load ${results.machine.load.map((x) => x.toFixed(1)).join(' ')} at the start, ` +
  `${results.load_end.map((x) => x.toFixed(1)).join(' ')} at the end.\n`);
console.log(md);
