// The documentation names the index format an operator will meet: an upgrade rebuilds an index of
// another format (README « The catalogue », docs/repliques.md « Mise à jour du logiciel »), and a
// number left behind by a format change sends the operator reading the wrong history.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const header = 'common/include/pratiques/catalogue.h';

test('every page that names kIndexFormat gives its file and its current value', () => {
  const code = fs.readFileSync(path.join(repo, header), 'utf8').match(/kIndexFormat\[\] = "(\d+)"/);
  assert.ok(code, `${header} defines kIndexFormat`);
  const docs = ['README.md', ...fs.readdirSync(path.join(repo, 'docs')).map((f) => path.join('docs', f))];
  let mentions = 0;
  for (const doc of docs) {
    const text = fs.readFileSync(path.join(repo, doc), 'utf8');
    for (const m of text.matchAll(/`kIndexFormat`[\s\S]{0,160}?(?<![\w/.])(\d+)\b/g)) {
      mentions++;
      const line = text.slice(0, m.index).split('\n').length;
      const said = m[0].replace(/\s+/g, ' ');
      assert.ok(said.includes(header), `${doc}:${line}: « ${said} » does not name ${header}`);
      assert.equal(m[1], code[1], `${doc}:${line}: « ${said} » names format ${m[1]}, the code has ${code[1]}`);
    }
  }
  assert.ok(mentions >= 2, 'README.md and docs/repliques.md name the index format');
});
