// deb-src entries are derived from the machine's deb entries (deb822 and one-line formats).
import assert from 'node:assert/strict';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { deriveDebSrc } from '../src/index.ts';
import { tempDir } from './helpers.ts';

let base: string;
before(() => {
  base = tempDir('aptcfg');
  mkdirSync(join(base, 'sources.list.d'));
  writeFileSync(
    join(base, 'sources.list'),
    [
      '# a comment',
      'deb http://one.invalid/debian bookworm main',
      '# deb http://commented.invalid/debian bookworm main',
      'deb [arch=amd64 signed-by=/k.gpg] http://two.invalid/debian bookworm main contrib',
      'deb-src http://one.invalid/debian bookworm main',
      '',
    ].join('\n'),
  );
  writeFileSync(
    join(base, 'sources.list.d', 'main.sources'),
    [
      'Types: deb',
      '# comment inside a stanza',
      'URIs: http://three.invalid/debian',
      'Suites: bookworm bookworm-updates',
      'Components: main',
      'Signed-By:',
      ' -----BEGIN PGP PUBLIC KEY BLOCK-----',
      ' .',
      ' abc',
      '',
      'Types: deb',
      'Enabled: no',
      'URIs: http://disabled.invalid/debian',
      'Suites: bookworm',
      'Components: main',
      '',
      'Types: deb-src deb',
      'URIs: http://four.invalid/debian',
      'Suites: bookworm',
      'Components: main',
      '',
    ].join('\n'),
  );
  writeFileSync(join(base, 'sources.list.d', 'other.sources.disabled'), 'Types: deb\nURIs: http://off.invalid/x\nSuites: s\nComponents: c\n');
  writeFileSync(join(base, 'sources.list.d', 'extra.list'), 'deb http://five.invalid/debian bookworm main\n');
});
after(() => rmSync(base, { recursive: true, force: true }));

test('deriveDebSrc turns every enabled deb entry into a deb-src entry', () => {
  const got = deriveDebSrc({ sourcesList: join(base, 'sources.list'), sourceParts: join(base, 'sources.list.d') });
  assert.equal(
    got.deb822,
    [
      'Types: deb-src',
      'URIs: http://three.invalid/debian',
      'Suites: bookworm bookworm-updates',
      'Components: main',
      'Signed-By: ',
      ' -----BEGIN PGP PUBLIC KEY BLOCK-----',
      ' .',
      ' abc',
      '',
      'Types: deb-src',
      'URIs: http://four.invalid/debian',
      'Suites: bookworm',
      'Components: main',
      '',
    ].join('\n'),
  );
  assert.equal(
    got.list,
    [
      'deb-src http://one.invalid/debian bookworm main',
      'deb-src [arch=amd64 signed-by=/k.gpg] http://two.invalid/debian bookworm main contrib',
      'deb-src http://five.invalid/debian bookworm main',
      '',
    ].join('\n'),
  );
});

test('deriveDebSrc with no apt sources at all gives nothing', () => {
  assert.deepEqual(deriveDebSrc({ sourcesList: join(base, 'none'), sourceParts: join(base, 'none.d') }), { deb822: '', list: '' });
});
