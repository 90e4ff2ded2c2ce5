// tools/check-dates.mjs: a start date must be said by the source, and the year of the source itself
// goes in periode.attestee. Runs the tool on small fixture sheets and a fictitious seed document.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const fixtures = path.join(repo, 'tests', 'fixtures', 'dates');

function run(dir) {
  const r = spawnSync(process.execPath, [path.join(repo, 'tools', 'check-dates.mjs'), '--seeds', path.join(fixtures, 'seeds'),
    path.join(fixtures, dir)], { encoding: 'utf8' });
  return { status: r.status, lines: r.stdout.trim().split('\n') };
}

test('dates said by the source, or the source year as periode.attestee, pass', () => {
  const r = run('valide');
  assert.equal(r.status, 0, r.lines.join('\n'));
  assert.deepEqual(r.lines, ['check-dates: 3 fiches, 3 date(s), 0 problème(s)']);
});

test('a start date that is only the year of the source fails, and says what to do', () => {
  const r = run('invalide');
  assert.equal(r.status, 1);
  const problems = r.lines.filter((l) => !l.startsWith('check-dates:')).map((l) => l.slice(l.indexOf('fiches/')));
  assert.deepEqual(problems, [
    'fiches/attestee-hors-sources.md:5: periode.attestee « 2012 » : ce n\'est l\'année d\'aucun document cité (sources[].date : 2015)',
    'fiches/debut-absente-des-passages.md:5: periode.debut « 1959 » : l\'année 1959 n\'apparaît dans aucun passage cité ; '
      + 'ne renseigner que la date que donne la source (année du document : periode.attestee)',
    'fiches/debut-annee-du-document.md:5: periode.debut « 2015 » : 2015 est aussi l\'année d\'un document cité, et aucun passage '
      + 'ne dit que l\'action a commencé cette année-là ; c\'est l\'année de la source : periode.attestee',
  ]);
  assert.equal(r.lines.at(-1), 'check-dates: 3 fiches, 3 date(s), 3 problème(s)');
});
