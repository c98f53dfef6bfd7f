// C++ through wasi-cc and wasi-c++: a C++ input without the triple's C++ package installed is one
// clear error naming the package, and C programs still need nothing of it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { CC_DIR, makeProject, output } from './helpers.ts';

const WASI_CXX = join(CC_DIR, 'dist', 'bin', 'wasi-c++.js');

test('a missing C++ package is one clear error naming the package', () => {
  const p = makeProject(['wasm32-wasip1', 'wasm32-wasip1-threads']);
  try {
    p.write('hello.cc', '#include <iostream>\nint main() { std::cout << "hi" << std::endl; return 0; }\n');
    p.write('hello.cpp', '#include <iostream>\nint main() { std::cout << "hi" << std::endl; return 0; }\n');
    const r = p.wasiCc(['--target=wasm32-wasip1', 'hello.cc', '-o', 'a.wasm']);
    assert.equal(r.status, 1, output(r));
    assert.equal(
      r.stderr,
      `wasi-cc: error: no C++ libraries for wasm32-wasip1: the package @wasi/cxx-wasip1 is not installed in ${p.dir} or any parent directory.\n` +
        `  Fix: npm i -D @wasi/cxx-wasip1   (C programs do not need it)\n`,
    );
    // wasi-c++ is C++ whatever the input; the exceptions variant needs the same package.
    const x = spawnSync(process.execPath, [WASI_CXX, '--target=wasm32-wasip1-threads', '-fwasm-exceptions', 'hello.cpp', '-o', 'b.wasm'], { cwd: p.dir, encoding: 'utf8' });
    assert.equal(x.status, 1, output(x));
    assert.match(x.stderr, /^wasi-cc: error: no C\+\+ libraries for wasm32-wasip1-threads: the package @wasi\/cxx-wasip1-threads is not installed/);
    p.write('hello.c', '#include <stdio.h>\nint main(void) { puts("c"); return 0; }\n');
    const c = p.wasiCc(['--target=wasm32-wasip1', 'hello.c', '-o', 'c.wasm']);
    assert.equal(c.status, 0, output(c));
    const run = p.wasiCc(['run', 'c.wasm']);
    assert.equal(run.stdout, 'c\n', output(run));
  } finally {
    p.remove();
  }
});
