// Recipe shape: every port folder has a valid port.json and an Nx project.json whose targets are
// exactly its triples; placeholders expand or fail loudly.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PORTS_DIR, PortRecipeError, buildValues, expand, listPorts, loadPort, stepCommand, type PortRecipe } from '@wasi-sysroots/ports';

test('every port has a valid recipe and an Nx project port-<name> with one build target per triple', () => {
  const names = listPorts();
  assert.ok(names.includes('zlib'), names.join(','));
  for (const name of names) {
    const recipe = loadPort(name);
    const project = JSON.parse(readFileSync(join(PORTS_DIR, name, 'project.json'), 'utf8')) as { name: string; targets: Record<string, unknown> };
    assert.equal(project.name, `port-${name}`);
    assert.deepEqual(Object.keys(project.targets).filter((t) => t.startsWith('build-')).sort(), recipe.triples.map((t) => `build-${t}`).sort());
    assert.ok(recipe.notes.length > 0, `${name} explains its flags (README "Porting notes")`);
  }
});

test('README has a Porting notes row for every port', () => {
  const readme = readFileSync(join(PORTS_DIR, '..', 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Porting notes'));
  assert.ok(readme.includes('## Porting notes'));
  for (const name of listPorts()) assert.match(section, new RegExp(`\\| \\[?${loadPort(name).source.package}\\b`), name);
});

test('placeholders expand; an unknown one names itself and the known ones', () => {
  assert.equal(expand('-I{src}/include', { src: '/s' }, 'here'), '-I/s/include');
  assert.throws(() => expand('{nope}', { src: '/s' }, 'ports/x/port.json'), (e: Error) => e instanceof PortRecipeError && /unknown placeholder \{nope\}; known: src/.test(e.message));
});

test('steps: per-triple variables win over "*", {@VAR} splits into arguments, triples filter steps', () => {
  const recipe = {
    name: 'demo',
    vars: { '*': { CFLAGS: '-O2 -I{src}', LIBS: '' }, 'wasm32-wasip2': { LIBS: '-lfoo -lbar' } },
    build: [],
  } as unknown as PortRecipe;
  const dirs = { src: '/w/src', build: '/w/build', out: '/w/out' };
  const p2 = buildValues(recipe, 'wasm32-wasip2', dirs, 2);
  const cmd = stepCommand({ run: ['wasi-cc', '{@CFLAGS}', 'x.c', '{@LIBS}', 'CFLAGS={CFLAGS}'] }, recipe, 'wasm32-wasip2', p2);
  assert.deepEqual(cmd?.argv, ['wasi-cc', '-O2', '-I/w/src', 'x.c', '-lfoo', '-lbar', 'CFLAGS=-O2 -I/w/src']);
  assert.equal(cmd?.cwd, '/w/build');
  const p1 = buildValues(recipe, 'wasm32-wasip1', dirs, 2);
  assert.deepEqual(stepCommand({ run: ['cc', '{@LIBS}'] }, recipe, 'wasm32-wasip1', p1)?.argv, ['cc']);
  assert.equal(stepCommand({ run: ['x'], triples: ['wasm32-wasip2'] }, recipe, 'wasm32-wasip1', p1), undefined);
});

test('a broken recipe gets one line naming the file and the problem', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ports-recipe-'));
  try {
    mkdirSync(join(dir, 'bad'));
    writeFileSync(join(dir, 'bad', 'port.json'), JSON.stringify({ name: 'bad', source: { package: 'x', version: '1', origTarball: 'x.tar.gz', sha256: 'abc' } }));
    assert.throws(() => loadPort('bad', dir), /bad\/port\.json: "source" needs .* sha256 of 64 hex digits/);
    assert.throws(() => loadPort('missing', dir), /no port named "missing"/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
