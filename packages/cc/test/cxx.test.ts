// C++ through wasi-c++ / wasi-cc, the CMake toolchain files and plain clang++, for every triple:
// the default variant, the exceptions variant (-fwasm-exceptions), and a missing C++ package.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getTriple, WORKSPACE_ROOT } from '@wasi-sysroots/recipe';
import { detectToolchain } from '@wasi-sysroots/toolchain';
import { CC_DIR, TRIPLES, makeProject, output } from './helpers.ts';

const WASI_CXX = join(CC_DIR, 'dist', 'bin', 'wasi-c++.js');

const HELLO = `#include <iostream>
#include <string>
#include <vector>
int main(int argc, char **argv) {
  std::vector<std::string> words(argv + 1, argv + argc);
  std::string all;
  for (auto &w : words) all += w + ";";
  std::cout << "hello " << all << std::endl;
  return 0;
}
`;
const THROWS = `#include <iostream>
#include <stdexcept>
struct G { ~G() { std::cout << "unwound" << std::endl; } };
static void f() { G g; throw std::runtime_error("thrown"); }
int main() {
  try { f(); } catch (const std::exception &e) { std::cout << "caught " << e.what() << std::endl; }
  return 0;
}
`;

for (const triple of TRIPLES) {
  test(`wasi-c++ and wasi-cc on .cc compile C++ for ${triple}, in both variants`, () => {
    const p = makeProject([triple], { cxx: true });
    try {
      p.write('hello.cc', HELLO);
      p.write('throws.cpp', THROWS);
      const a = spawnSync(process.execPath, [WASI_CXX, `--target=${triple}`, '-O2', 'hello.cc', '-o', 'a.wasm'], { cwd: p.dir, encoding: 'utf8' });
      assert.equal(a.status, 0, output(a));
      const runA = p.wasiCc(['run', 'a.wasm', 'x', 'y']);
      assert.equal(runA.stdout, 'hello x;y;\n', output(runA));
      assert.equal(runA.status, 0);
      // wasi-cc picks C++ from the input's suffix; -fwasm-exceptions picks the exceptions variant.
      const b = p.wasiCc([`--target=${triple}`, '-O0', '-fwasm-exceptions', 'throws.cpp', '-o', 'b.wasm']);
      assert.equal(b.status, 0, output(b));
      const runB = p.wasiCc(['run', 'b.wasm']);
      assert.equal(runB.stdout, 'unwound\ncaught thrown\n', output(runB));
      assert.equal(runB.status, 0);
      // The default variant: the same program links, and its throw ends it with 134 and a message.
      const c = p.wasiCc([`--target=${triple}`, '-O2', 'throws.cpp', '-o', 'c.wasm']);
      assert.equal(c.status, 0, output(c));
      const runC = p.wasiCc(['run', 'c.wasm']);
      assert.equal(runC.status, 134, output(runC));
      assert.match(runC.stderr, /a C\+\+ exception of type std::runtime_error was thrown, but this program was built without exception support/);
    } finally {
      p.remove();
    }
  });

  test(`CMake builds a C++ project for ${triple} with the shipped toolchain file`, () => {
    const p = makeProject([triple], { cxx: true });
    try {
      const threads = getTriple(triple).threads;
      p.write('src/CMakeLists.txt', `cmake_minimum_required(VERSION 3.21)
project(cxxdemo CXX)
set(CMAKE_CXX_STANDARD 20)
add_executable(hello hello.cc)
${threads ? 'find_package(Threads REQUIRED)\ntarget_link_libraries(hello Threads::Threads)\n' : ''}`);
      p.write('src/hello.cc', threads
        ? `#include <iostream>\n#include <thread>\nint main(int argc, char **argv) { std::thread t([&] { std::cout << "hello from a thread, " << argv[1] << std::endl; }); t.join(); return 0; }\n`
        : HELLO);
      const toolchain = p.path(`node_modules/${getTriple(triple).packageName}/cmake/${triple}.cmake`);
      const configure = spawnSync('cmake', ['-S', p.path('src'), '-B', p.path('build'), `-DCMAKE_TOOLCHAIN_FILE=${toolchain}`, '-DCMAKE_BUILD_TYPE=Release'], { encoding: 'utf8', cwd: p.dir });
      assert.equal(configure.status, 0, output(configure));
      const make = spawnSync('cmake', ['--build', p.path('build'), '--verbose'], { encoding: 'utf8', cwd: p.dir });
      assert.equal(make.status, 0, output(make));
      assert.match(make.stdout, /clang\+\+/);
      const run = p.wasiCc(['run', p.path('build/hello.wasm'), 'cmake']);
      assert.equal(run.stdout, threads ? 'hello from a thread, cmake\n' : 'hello cmake;\n', output(run));
      assert.equal(run.status, 0);
    } finally {
      p.remove();
    }
  });
}

test('a missing C++ package is one clear error naming the package', () => {
  const p = makeProject(['wasm32-wasip1']);
  try {
    p.write('hello.cc', HELLO);
    const r = p.wasiCc(['--target=wasm32-wasip1', 'hello.cc', '-o', 'a.wasm']);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /^wasi-cc: error: no C\+\+ libraries for wasm32-wasip1: the package @wasi\/cxx-wasip1 is not installed/);
    assert.match(r.stderr, /Fix: npm i -D @wasi\/cxx-wasip1/);
    // C alone still needs nothing of it.
    p.write('hello.c', '#include <stdio.h>\nint main(void) { puts("c"); return 0; }\n');
    const c = p.wasiCc(['--target=wasm32-wasip1', 'hello.c', '-o', 'c.wasm']);
    assert.equal(c.status, 0, output(c));
  } finally {
    p.remove();
  }
});

test('plain clang++ --target --sysroot works once the C++ files are installed into the sysroot layout', () => {
  const tc = detectToolchain();
  const dir = mkdtempSync(join(tmpdir(), 'cxx-layout-'));
  try {
    const triple = 'wasm32-wasip1';
    const sysroot = join(dir, 'sysroot');
    cpSync(join(WORKSPACE_ROOT, getTriple(triple).packageDir, 'sysroot'), sysroot, { recursive: true });
    cpSync(join(WORKSPACE_ROOT, getTriple(triple).cxx.packageDir, 'sysroot'), sysroot, { recursive: true });
    writeFileSync(join(dir, 'hello.cc'), HELLO);
    const clangxx = tc.clang.replace(/clang(-\d+)?$/, 'clang++$1');
    const r = spawnSync(clangxx, [`--target=${triple}`, `--sysroot=${sysroot}`, '-O2', join(dir, 'hello.cc'), '-o', join(dir, 'a.wasm')], {
      encoding: 'utf8',
      env: { ...process.env, PATH: `${tc.binDir}:${process.env.PATH}` },
    });
    assert.equal(r.status, 0, output(r));
    assert.ok(existsSync(join(dir, 'a.wasm')));
    const p = makeProject([triple]);
    try {
      const run = p.wasiCc(['run', join(dir, 'a.wasm'), 'plain']);
      assert.equal(run.stdout, 'hello plain;\n', output(run));
    } finally {
      p.remove();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
