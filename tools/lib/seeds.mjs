// Shared by the content checks that read the source documents (check-sources, check-dates):
// command line `[--seeds DIR] [CONTENT_DIR]` and the seed documents' lines, keyed by their
// three-digit alias ("003").
import fs from 'node:fs';
import path from 'node:path';

// Parses the arguments; exits with status 2 and a French message when the seeds are missing.
export function seedOptions(tool, argv = process.argv.slice(2)) {
  let seedsDir = process.env.PRATIQUES_SEEDS || '';
  let contentDir = 'content';
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--seeds') seedsDir = argv[++i];
    else contentDir = argv[i];
  }
  if (!seedsDir) {
    const here = path.dirname(new URL(import.meta.url).pathname);
    seedsDir = path.resolve(here, '..', '..', '..', 'shared', 'seeds');
  }
  if (!fs.existsSync(seedsDir)) {
    console.error(`${tool}: dossier des documents sources introuvable : ${seedsDir} (définir PRATIQUES_SEEDS)`);
    process.exit(2);
  }
  return { seedsDir, contentDir };
}

// alias → array of lines
export function readSeeds(seedsDir) {
  const seeds = new Map();
  for (const f of fs.readdirSync(seedsDir)) seeds.set(f.slice(0, 3), fs.readFileSync(path.join(seedsDir, f), 'utf8').split('\n'));
  return seeds;
}
