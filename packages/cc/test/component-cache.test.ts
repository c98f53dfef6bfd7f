// The `wasi-cc run` component cache is checked, not trusted: an edited component.js never runs
// (it would run with every right Node has), a truncated core module does not break later runs;
// both are rebuilt with one warning line. Entries appear whole (a temporary name, then a rename).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync, existsSync, readdirSync, readFileSync, rmSync, statSync, truncateSync } from 'node:fs';
import { join } from 'node:path';
import { makeProject, output, type Project } from './helpers.ts';

const HELLO = '#include <stdio.h>\nint main(void) { puts("hello from the component"); return 0; }\n';

let p: Project;
before(() => {
  p = makeProject(['wasm32-wasip2']);
  p.write('hello.c', HELLO);
  const cc = p.wasiCc(['--target=wasm32-wasip2', 'hello.c', '-o', 'hello.wasm']);
  assert.equal(cc.status, 0, output(cc));
});
after(() => p?.remove());

/** Runs hello.wasm with its own cache; returns the run and the cache's one entry. */
function run(cache: string) {
  const r = p.wasiCc(['run', 'hello.wasm'], { env: { WASI_CC_CACHE: cache } });
  const components = join(cache, 'components');
  const entries = existsSync(components) ? readdirSync(components) : [];
  return { r, entries, entry: entries.length === 1 ? join(components, entries[0]!) : '' };
}

test('the component cache: an entry holds the files and their hashes, and nothing temporary is left', () => {
  const cache = p.path('cache-fresh');
  const first = run(cache);
  assert.equal(first.r.status, 0, output(first.r));
  assert.equal(first.r.stdout, 'hello from the component\n');
  assert.equal(first.r.stderr, '');
  assert.equal(first.entries.length, 1, `one entry, no temporary: ${first.entries.join(', ')}`);
  const manifest = JSON.parse(readFileSync(join(first.entry, 'entry.json'), 'utf8')) as { key: string; files: Record<string, string> };
  assert.equal(manifest.key, first.entries[0]);
  assert.deepEqual(Object.keys(manifest.files).sort(), readdirSync(first.entry).filter((f) => f !== 'entry.json').sort());
  assert.ok(manifest.files['component.js']);
  const again = run(cache);
  assert.equal(again.r.stdout, 'hello from the component\n');
  assert.equal(again.r.stderr, '', 'a good entry is used without a word');
});

test('the component cache: an edited component.js is not run; the entry is rebuilt with one warning', () => {
  const cache = p.path('cache-edited');
  const first = run(cache);
  assert.equal(first.r.status, 0, output(first.r));
  const marker = p.path('pwned');
  // What an attacker with write access to the cache would add: code that runs outside the sandbox.
  appendFileSync(join(first.entry, 'component.js'), `\nimport('node:fs').then((fs) => fs.writeFileSync(${JSON.stringify(marker)}, 'x'));\nconsole.log('edited bindings ran');\n`);
  const edited = run(cache);
  assert.equal(edited.r.status, 0, output(edited.r));
  assert.equal(edited.r.stdout, 'hello from the component\n');
  assert.equal(edited.r.stderr, `wasi-cc: warning: the cached component ${first.entry} is damaged (component.js differs from what was cached); rebuilding it\n`);
  assert.equal(existsSync(marker), false, 'the edited component.js ran');
  assert.deepEqual(edited.entries, first.entries, 'the same entry, rebuilt, and nothing else');
  assert.doesNotMatch(readFileSync(join(edited.entry, 'component.js'), 'utf8'), /edited bindings ran/);
  const after = run(cache);
  assert.equal(after.r.stderr, '', 'the rebuilt entry is good');
  assert.equal(after.r.stdout, 'hello from the component\n');
});

test('the component cache: a truncated core module is rebuilt with one warning, and later runs work', () => {
  const cache = p.path('cache-truncated');
  const first = run(cache);
  assert.equal(first.r.status, 0, output(first.r));
  const core = join(first.entry, 'component.core.wasm');
  truncateSync(core, Math.floor(statSync(core).size / 2));
  const truncated = run(cache);
  assert.equal(truncated.r.status, 0, output(truncated.r));
  assert.equal(truncated.r.stdout, 'hello from the component\n');
  assert.equal(truncated.r.stderr, `wasi-cc: warning: the cached component ${first.entry} is damaged (component.core.wasm differs from what was cached); rebuilding it\n`);
  const later = run(cache);
  assert.equal(later.r.status, 0, output(later.r));
  assert.equal(later.r.stdout, 'hello from the component\n');
  assert.equal(later.r.stderr, '');
});

test('the component cache: a missing file, an added file or a missing entry.json are damage too', () => {
  const cache = p.path('cache-other');
  const first = run(cache);
  assert.equal(first.r.status, 0, output(first.r));
  const cases: Array<[string, () => void]> = [
    ['component.core2.wasm is missing', () => rmSync(join(first.entry, 'component.core2.wasm'))],
    ['evil.js should not be there', () => appendFileSync(join(first.entry, 'evil.js'), 'throw 1;\n')],
    ['its entry.json is missing or unreadable', () => truncateSync(join(first.entry, 'entry.json'), 3)],
  ];
  for (const [problem, damage] of cases) {
    damage();
    const r = run(cache);
    assert.equal(r.r.status, 0, output(r.r));
    assert.equal(r.r.stdout, 'hello from the component\n');
    assert.equal(r.r.stderr, `wasi-cc: warning: the cached component ${first.entry} is damaged (${problem}); rebuilding it\n`);
  }
});
