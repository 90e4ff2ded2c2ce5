// Shared by the scripts that rewrite a generated block of the README (bench/readme.mjs,
// bench/relevance/readme.mjs): the block between two marker lines, and their path options.
import fs from 'node:fs';
import path from 'node:path';

// Replaces the text from `begin` to `end` (both included) by `text`, which carries the markers.
export function replaceMarkedBlock(file, begin, end, text) {
  const src = fs.readFileSync(file, 'utf8');
  const i = src.indexOf(begin), j = src.indexOf(end);
  if (i < 0 || j < i || src.indexOf(begin, i + 1) >= 0)
    throw new Error(`${file} : il faut une seule paire de marqueurs « ${begin} » … « ${end} »`);
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  fs.writeFileSync(tmp, src.slice(0, i) + text + src.slice(j + end.length));
  fs.renameSync(tmp, file);
}

// "--name PATH" options: `defaults` maps each name to its default path; returns the resolved paths.
export function pathOptions(argv, defaults) {
  const out = { ...defaults };
  for (let i = 2; i < argv.length; i++) {
    const k = argv[i].replace(/^--/, '');
    if (!(k in defaults) || !argv[i].startsWith('--')) throw new Error(`option inconnue ${argv[i]}`);
    if (i + 1 >= argv.length) throw new Error(`${argv[i]} attend une valeur`);
    out[k] = path.resolve(argv[++i]);
  }
  return out;
}
