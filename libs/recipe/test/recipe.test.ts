// The recipe: triple lookup and its message for names it does not know.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { getTriple, UnknownTripleError } from '../src/index.ts';

test('a triple is found by its name or its Nx project', () => {
  assert.equal(getTriple('wasm32-wasip2').nxProject, 'sysroot-p2');
  assert.equal(getTriple('sysroot-p1-threads').triple, 'wasm32-wasip1-threads');
});

test('an unknown triple lists the known names and suggests no flag that does not exist', () => {
  assert.throws(
    () => getTriple('wasm32-wasi'),
    (e: Error) => {
      assert.ok(e instanceof UnknownTripleError);
      assert.equal(
        e.message,
        'unknown target triple "wasm32-wasi". Known triples: wasm32-wasip1, wasm32-wasip1-threads, wasm32-wasip2 ' +
          '(or their Nx projects: sysroot-p1, sysroot-p1-threads, sysroot-p2). Name one of them instead.',
      );
      assert.doesNotMatch(e.message, /--/);
      return true;
    },
  );
});
