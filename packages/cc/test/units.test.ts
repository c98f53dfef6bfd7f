// The parts of @wasi/cc that need no toolchain: argument handling, the wasm header and import
// reader, and the data that must agree with the rest of the workspace.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { constants as fsConstants, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ADAPTER, TRIPLES as RECIPE_TRIPLES, WORKSPACE_ROOT } from '@wasi-sysroots/recipe';
import { TARGETS, THREADS_LINK_FLAGS, clangArgs, parseDriverArgs, COMPONENT_LD as DRIVER_LD } from '../src/index.ts';
import { parseLinkerArgs } from '../src/component-ld.ts';
import { expandResponseFiles, quoteForResponseFile, splitResponseFile } from '../src/args.ts';
import { coreFlavor, moduleInterface, standInComponent, standInIndex, standInModule, wasmKind } from '../src/wasm.ts';
import { parseRunArgs, runArgv } from '../src/run.ts';
import { wasiFdflags } from '../src/hosts/p1-fixes.ts';
import { countHostCalls } from '../src/hosts/call-count.ts';
import { passFallbacks, readDebugFlagOnce } from '../src/hosts/p2.ts';
import { packPackage } from '@wasi-sysroots/pack';
import { CC_DIR, CMAKE_TEMPLATE, WASI_CC, makeProject } from './helpers.ts';

const manifest = (dir: string) => JSON.parse(readFileSync(join(WORKSPACE_ROOT, dir, 'package.json'), 'utf8'));

test('TARGETS agrees with the recipe', () => {
  assert.deepEqual(
    Object.values(TARGETS).map((t) => ({ ...t })),
    RECIPE_TRIPLES.map((t) => ({ triple: t.triple, packageName: t.packageName, cxxPackageName: t.cxx.packageName, threads: t.threads, component: t.component })),
  );
});

test('the package: lockstep version, exact adapter dependency, executable bins, pinned host packages', () => {
  const cc = manifest('packages/cc');
  const adapter = manifest(ADAPTER.packageDir);
  const root = manifest('.');
  assert.equal(cc.name, '@wasi/cc');
  assert.equal(cc.type, 'module');
  assert.equal(cc.version, adapter.version);
  assert.equal(cc.dependencies['@wasi/preview1-adapter'], adapter.version);
  assert.equal(cc.dependencies['@bytecodealliance/preview2-shim'], root.devDependencies['@bytecodealliance/preview2-shim']);
  assert.equal(cc.dependencies['@bytecodealliance/jco-transpile'], '0.15.0');
  for (const [name, file] of Object.entries<string>(cc.bin)) {
    assert.ok(['wasi-cc', 'wasi-c++', 'wasm-component-ld'].includes(name), name);
    assert.ok(statSync(join(CC_DIR, file)).mode & 0o111, `${file} is not executable`);
    assert.match(readFileSync(join(CC_DIR, file), 'utf8'), /^#!\/usr\/bin\/env node\n/);
  }
  assert.equal(DRIVER_LD, join(CC_DIR, cc.bin['wasm-component-ld']));
});

test('the published package is the compiled TypeScript: JS and generated .d.ts for every export, bin and worker entry, no sources', () => {
  const cc = manifest('packages/cc');
  const scratch = mkdtempSync(join(tmpdir(), 'wasi-cc-pack-'));
  try {
    const { files } = packPackage(CC_DIR, scratch);
    const expected: string[] = ['package.json', 'README.md'];
    for (const [subpath, target] of Object.entries<string | { types: string; default: string }>(cc.exports)) {
      if (typeof target === 'string') continue;
      assert.match(target.default, /^\.\/dist\/.*\.js$/, subpath);
      assert.equal(target.types, target.default.replace(/\.js$/, '.d.ts'), subpath);
      expected.push(target.default.slice(2), target.types.slice(2));
    }
    expected.push(...Object.values<string>(cc.bin), 'dist/hosts/threads-worker.js', 'dist/hosts/p2.js', 'dist/hosts/p1.js');
    for (const file of expected) assert.ok(files.includes(file), `${file} is not in the tarball`);
    assert.deepEqual(files.filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts')), []);
    // Every source module has its compiled file in the tarball.
    const sources = readdirSync(join(CC_DIR, 'src'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
    for (const f of sources) assert.ok(files.includes(`dist/${f.replace(/\.ts$/, '.js')}`), `dist/${f} is missing`);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
});

test('the threads link flags of wasi-cc and of the CMake toolchain template are the same', () => {
  const template = readFileSync(CMAKE_TEMPLATE, 'utf8');
  const m = /wasm32-wasip1-threads"\)\n(?:\s*#.*\n)*\s*set\(_wasi_link_flags "([^"]+)"\)/.exec(template);
  assert.ok(m, 'no threads link flags in the template');
  assert.deepEqual(m[1]!.split(' '), [...THREADS_LINK_FLAGS]);
});

test('parseDriverArgs: the target in every spelling, link or not, the user\'s sysroot and linker', () => {
  for (const argv of [['--target=wasm32-wasip2', 'a.c'], ['-target', 'wasm32-wasip2', 'a.c'], ['--target', 'wasm32-wasip2', 'a.c']]) {
    const p = parseDriverArgs(argv);
    assert.equal(p.target, 'wasm32-wasip2');
    assert.deepEqual(p.rest, ['a.c']);
  }
  for (const flag of ['-c', '-S', '-E', '-fsyntax-only', '-M', '-MM']) assert.equal(parseDriverArgs([flag, 'a.c']).link, false, flag);
  assert.equal(parseDriverArgs(['a.c', '-MD', '-MF', 'a.d', '-o', 'a.wasm']).link, true);
  assert.equal(parseDriverArgs(['--sysroot=/x', 'a.c']).hasSysroot, true);
  assert.equal(parseDriverArgs(['--sysroot', '/x', 'a.c']).hasSysroot, true);
  assert.equal(parseDriverArgs(['-fuse-ld=lld', 'a.c']).hasLinker, true);
  assert.deepEqual(parseDriverArgs(['-fsetjmp', 'a.c']), { ...parseDriverArgs(['a.c']), setjmp: true });
  // C++ inputs by suffix or -x c++ (an -o name is no input), and the exceptions variant.
  for (const input of ['a.cc', 'a.cpp', 'a.cxx', 'a.c++', 'a.C']) assert.equal(parseDriverArgs([input]).cxxInput, true, input);
  assert.equal(parseDriverArgs(['a.c', '-o', 'x.cc']).cxxInput, false);
  assert.equal(parseDriverArgs(['-x', 'c++', 'a.c']).cxxInput, true);
  assert.equal(parseDriverArgs(['-xc++', 'a.c']).cxxInput, true);
  assert.deepEqual(parseDriverArgs(['-fwasm-exceptions', 'a.cc']), { ...parseDriverArgs(['a.cc']), exceptions: true, rest: ['-fwasm-exceptions', 'a.cc'] });
  assert.equal(parseDriverArgs(['-fwasm-exceptions', '-fno-wasm-exceptions', 'a.cc']).exceptions, false);
});

test('clangArgs: package flags, link flags only when linking, the user\'s choices respected', async () => {
  const p = makeProject([]);
  try {
    const env = { ...process.env, WASI_CC_TARGET: undefined };
    const args = async (argv: string[]) => (await clangArgs(argv, { cwd: p.dir, env })).args;
    assert.deepEqual(await args(['--target=wasm32-wasip2', '--sysroot=/s', 'a.c']), ['--target=wasm32-wasip2', `-fuse-ld=${DRIVER_LD}`, '--sysroot=/s', 'a.c']);
    assert.deepEqual(await args(['--target=wasm32-wasip2', '--sysroot=/s', '-c', 'a.c']), ['--target=wasm32-wasip2', '--sysroot=/s', '-c', 'a.c']);
    assert.deepEqual(await args(['--target=wasm32-wasip2', '--sysroot=/s', '-fuse-ld=lld', 'a.c']), ['--target=wasm32-wasip2', '--sysroot=/s', '-fuse-ld=lld', 'a.c']);
    assert.deepEqual(await args(['--target=wasm32-wasip1-threads', '--sysroot=/s', 'a.c']), ['--target=wasm32-wasip1-threads', '-pthread', ...THREADS_LINK_FLAGS, '--sysroot=/s', 'a.c']);
    assert.deepEqual(await args(['--target=wasm32-wasip1-threads', '--sysroot=/s', '-c', 'a.c']), ['--target=wasm32-wasip1-threads', '-pthread', '--sysroot=/s', '-c', 'a.c']);
    assert.deepEqual(await args(['--sysroot=/s', 'a.c']), ['--target=wasm32-wasip1', '--sysroot=/s', 'a.c']);
    // -pthread: kept for the threads triple, dropped (the single-threaded pthread API) elsewhere.
    assert.deepEqual(await args(['--target=wasm32-wasip1-threads', '--sysroot=/s', '-pthread', '-c', 'a.c']), ['--target=wasm32-wasip1-threads', '-pthread', '--sysroot=/s', '-pthread', '-c', 'a.c']);
    assert.deepEqual(await args(['--target=wasm32-wasip2', '--sysroot=/s', '-pthread', 'a.c']), ['--target=wasm32-wasip2', `-fuse-ld=${DRIVER_LD}`, '--sysroot=/s', 'a.c']);
    assert.deepEqual(await args(['--sysroot=/s', '-pthread', '-c', 'a.c']), ['--target=wasm32-wasip1', '--sysroot=/s', '-c', 'a.c']);
    assert.deepEqual(
      (await clangArgs(['--sysroot=/s', 'a.c'], { cwd: p.dir, env: { ...env, WASI_CC_TARGET: 'wasm32-wasip2' } })).args[0],
      '--target=wasm32-wasip2',
    );
    const withMajor = async (argv: string[], llvmMajor: number) => (await clangArgs(argv, { cwd: p.dir, env, llvmMajor })).args;
    assert.deepEqual(await withMajor(['--sysroot=/s', 'a.c'], 22), ['--target=wasm32-wasip1', '--no-wasm-opt', '--sysroot=/s', 'a.c']);
    assert.deepEqual(await withMajor(['--sysroot=/s', 'a.c'], 19), ['--target=wasm32-wasip1', '--sysroot=/s', 'a.c']);
    assert.deepEqual(await withMajor(['--sysroot=/s', '-c', 'a.c'], 22), ['--target=wasm32-wasip1', '--sysroot=/s', '-c', 'a.c']);
    assert.deepEqual(await withMajor(['--sysroot=/s', '--wasm-opt', 'a.c'], 22), ['--target=wasm32-wasip1', '--sysroot=/s', '--wasm-opt', 'a.c']);
    // -fsetjmp: the lowering flag always, -lsetjmp last when linking.
    assert.deepEqual(await args(['--sysroot=/s', '-fsetjmp', 'a.c', '-lm']), ['--target=wasm32-wasip1', '-mllvm', '-wasm-enable-sjlj', '--sysroot=/s', 'a.c', '-lm', '-lsetjmp']);
    assert.deepEqual(await args(['--sysroot=/s', '-fsetjmp', '-c', 'a.c']), ['--target=wasm32-wasip1', '-mllvm', '-wasm-enable-sjlj', '--sysroot=/s', '-c', 'a.c']);
    const unknown = await clangArgs(['-target', 'x86_64-linux-gnu', 'a.c'], { cwd: p.dir, env });
    assert.deepEqual(unknown, { args: ['--target=x86_64-linux-gnu', 'a.c'], target: 'x86_64-linux-gnu', known: false, cxx: false });
    // C++ with the user's own sysroot (the C++ files installed into its layout): clang++ finds
    // libc++ there itself; -fwasm-exceptions adds libunwind, which clang does not.
    const cxx = await clangArgs(['--sysroot=/s', 'a.cc'], { cwd: p.dir, env });
    assert.deepEqual(cxx, { args: ['--target=wasm32-wasip1', '--sysroot=/s', 'a.cc'], target: 'wasm32-wasip1', known: true, cxx: true });
    assert.deepEqual(await args(['--sysroot=/s', '-fwasm-exceptions', 'a.cpp']), ['--target=wasm32-wasip1', '--sysroot=/s', '-fwasm-exceptions', 'a.cpp', '-lunwind']);
    assert.deepEqual(await args(['--sysroot=/s', '-fwasm-exceptions', '-c', 'a.cpp']), ['--target=wasm32-wasip1', '--sysroot=/s', '-fwasm-exceptions', '-c', 'a.cpp']);
    assert.equal((await clangArgs(['--sysroot=/s', 'a.o'], { cwd: p.dir, env, cxx: true })).cxx, true);
    await assert.rejects(clangArgs(['--target=wasm32-wasip2', 'a.c'], { cwd: p.dir, env }), /npm i -D @wasi\/sysroot-wasip2/);
  } finally {
    p.remove();
  }
});

test('parseLinkerArgs: our options come out, the output is found in every spelling', () => {
  const base = ['-m', 'wasm32', 'crt1.o', 'a.o', '-lc'];
  const cases: Array<[string[], string]> = [
    [[...base, '-o', 'x.wasm'], 'x.wasm'],
    [[...base, '-ox.wasm'], 'x.wasm'],
    [[...base, '--output=x.wasm'], 'x.wasm'],
    [[...base, '--output', 'x.wasm'], 'x.wasm'],
    [base, 'a.out'],
  ];
  for (const [argv, output] of cases) {
    const o = parseLinkerArgs(['--wasm-ld-path', '/ld', '--adapter=reactor', ...argv], {});
    assert.equal(o.output, output, argv.join(' '));
    assert.equal(o.wasmLdPath, '/ld');
    assert.equal(o.adapter, 'reactor');
    assert.deepEqual(o.wasmLdArgs.slice(0, base.length), base);
    if (o.outputIndex >= 0) assert.equal(o.wasmLdArgs[o.outputIndex], output);
  }
  const adapt = parseLinkerArgs(['--adapt', 'x.wasm', '--adapt=wasi_snapshot_preview1=y.wasm', 'a.o'], {});
  assert.deepEqual(adapt.adapt, [['wasi_snapshot_preview1', 'x.wasm'], ['wasi_snapshot_preview1', 'y.wasm']]);
  assert.deepEqual(adapt.wasmLdArgs, ['a.o']);
  for (const flag of ['--skip-wit-component', '-r', '--relocatable', '-shared', '--shared']) {
    assert.equal(parseLinkerArgs(['a.o', flag], {}).skipComponent, true, flag);
  }
  assert.equal(parseLinkerArgs(['a.o'], { WASM_COMPONENT_LD_SKIP: '1' }).skipComponent, true);
  assert.equal(parseLinkerArgs(['a.o'], {}).skipComponent, false);
  assert.throws(() => parseLinkerArgs(['--component-type', 'x.wit', 'a.o'], {}), /not supported/);
});

test('response files: split, expanded recursively, and quoted back', () => {
  assert.deepEqual(splitResponseFile(`a "b c" 'd e' f\\ g\n  "h\\"i"  `), ['a', 'b c', 'd e', 'f g', 'h"i']);
  const dir = mkdtempSync(join(tmpdir(), 'rsp-'));
  try {
    writeFileSync(join(dir, 'inner.rsp'), '-o "out dir/x.wasm"');
    writeFileSync(join(dir, 'outer.rsp'), `a.o @${join(dir, 'inner.rsp')} -lc`);
    const { args, usedResponseFile } = expandResponseFiles(['-m', 'wasm32', `@${join(dir, 'outer.rsp')}`]);
    assert.equal(usedResponseFile, true);
    assert.deepEqual(args, ['-m', 'wasm32', 'a.o', '-o', 'out dir/x.wasm', '-lc']);
    assert.equal(parseLinkerArgs([`@${join(dir, 'outer.rsp')}`], {}).output, 'out dir/x.wasm');
    for (const a of ['plain', 'with space', 'quo"te', 'back\\slash']) assert.deepEqual(splitResponseFile(quoteForResponseFile(a)), [a]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('parseRunArgs: --dir, --env, --argv0, --, and the program\'s own arguments', () => {
  const spec = parseRunArgs(['--dir', '/tmp::/data', '--dir=.', '--env', 'A=1', '--env', 'HOME', '--argv0', 'prog', 'x.wasm', '--dir', 'y'], { HOME: '/root' });
  assert.deepEqual(spec.preopens, { '/data': '/tmp', '.': process.cwd() });
  assert.deepEqual(spec.env, { A: '1', HOME: '/root' });
  assert.deepEqual(spec.args, ['prog', '--dir', 'y']);
  assert.equal(spec.wasm, 'x.wasm');
  assert.deepEqual(parseRunArgs(['--', '--odd.wasm', 'a']).args, ['--odd.wasm', 'a']);
  assert.equal(parseRunArgs(['--max-threads', '4', 'x.wasm']).maxThreads, 4);
  assert.throws(() => parseRunArgs(['--max-threads', 'many', 'x.wasm']), /needs a number/);
  assert.throws(() => parseRunArgs([]), /no program given/);
});

test('the wasm reader: core module or component, imports with memory limits, exports', () => {
  const core = Uint8Array.from([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    // type section: one type () -> ()
    0x01, 0x04, 0x01, 0x60, 0x00, 0x00,
    // import section: env.memory (shared, min 2, max 16), wasi.thread-spawn (func 0)
    0x02, 0x22, 0x02,
    0x03, 0x65, 0x6e, 0x76, 0x06, 0x6d, 0x65, 0x6d, 0x6f, 0x72, 0x79, 0x02, 0x03, 0x02, 0x10,
    0x04, 0x77, 0x61, 0x73, 0x69, 0x0c, 0x74, 0x68, 0x72, 0x65, 0x61, 0x64, 0x2d, 0x73, 0x70, 0x61, 0x77, 0x6e, 0x00, 0x00,
    // export section: _start (func 0)
    0x07, 0x0a, 0x01, 0x06, 0x5f, 0x73, 0x74, 0x61, 0x72, 0x74, 0x00, 0x00,
  ]);
  assert.equal(wasmKind(core), 'core');
  const iface = moduleInterface(core);
  assert.deepEqual(iface.imports, [
    { module: 'env', name: 'memory', kind: 'memory', memory: { min: 2, max: 16, shared: true, memory64: false } },
    { module: 'wasi', name: 'thread-spawn', kind: 'func' },
  ]);
  assert.deepEqual(iface.exports, [{ name: '_start', kind: 'func' }]);
  assert.equal(coreFlavor(iface), 'threads');
  assert.equal(wasmKind(Uint8Array.from([0x00, 0x61, 0x73, 0x6d, 0x0d, 0x00, 0x01, 0x00])), 'component');
  assert.equal(wasmKind(new TextEncoder().encode('not wasm')), undefined);

  // A child `wasi-cc run` of a threads module starts with V8's dynamic tiering off; every
  // Preview 1 module (threads too) with V8's fast API calls off (node:wasi crashes at exit with
  // them); components with neither.
  const dir = mkdtempSync(join(tmpdir(), 'run-argv-'));
  try {
    writeFileSync(join(dir, 'threads.wasm'), core);
    writeFileSync(join(dir, 'p1.wasm'), core.subarray(0, 8));
    assert.deepEqual(runArgv({ wasm: 'threads.wasm', cwd: dir }).slice(0, 4), [
      '--no-wasm-dynamic-tiering', '--no-turbo-fast-api-calls', WASI_CC, 'run',
    ]);
    assert.deepEqual(runArgv({ wasm: join(dir, 'p1.wasm') }).slice(0, 3), ['--no-turbo-fast-api-calls', WASI_CC, 'run']);
    assert.deepEqual(runArgv({ wasm: join(dir, 'missing.wasm') }).slice(0, 2), [WASI_CC, 'run']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('stand-ins: the same imports and exports (but tags), no code, no tags or data, valid without exception handling', async () => {
  const { parse } = await import('@bytecodealliance/jco-transpile/wasm-tools');
  const real = (await parse(`(module
    (import "env" "log" (func $log (param i32)))
    (memory (export "memory") 1)
    (tag $oops (export "oops") (param i32))
    (global (export "answer") i32 (i32.const 42))
    (func (export "run") (param i32) (result i32)
      try (result i32)
        local.get 0
        throw $oops
      catch $oops
        i32.const 1
        i32.add
      end)
    (data (i32.const 0) "data"))`)) as Uint8Array<ArrayBuffer>;
  assert.ok(WebAssembly.validate(real), 'V8 runs legacy exception handling');
  const standIn = standInModule(real, 3);
  const module = new WebAssembly.Module(standIn);
  assert.deepEqual(WebAssembly.Module.imports(module), WebAssembly.Module.imports(new WebAssembly.Module(real)));
  assert.deepEqual(WebAssembly.Module.exports(module), [
    { name: 'memory', kind: 'memory' },
    { name: 'answer', kind: 'global' },
    { name: 'run', kind: 'function' },
  ]);
  assert.equal(standInIndex(standIn), 3);
  assert.equal(standInIndex(real), undefined);
  // No tag section (13) nor data (11): what validation without exception handling needs.
  const { print } = await import('@bytecodealliance/jco-transpile/wasm-tools');
  const text = await print(standIn);
  assert.doesNotMatch(text, /\(tag|\(data|try/);
  assert.match(text, /unreachable/);

  // In a component, every core module is replaced, in order.
  const component = Uint8Array.from([0x00, 0x61, 0x73, 0x6d, 0x0d, 0x00, 0x01, 0x00, 0x01, ...leb(real.length), ...real, 0x01, ...leb(real.length), ...real]);
  const { component: rewritten, modules } = standInComponent(component);
  assert.equal(modules.length, 2);
  assert.ok(modules.every((m) => Buffer.from(m).equals(Buffer.from(real))));
  assert.equal(wasmKind(rewritten), 'component');
  assert.ok(Buffer.from(rewritten).includes(Buffer.from(standInModule(real, 1))));
});

function leb(n: number): number[] {
  const out: number[] = [];
  do {
    out.push((n & 0x7f) | (n >= 0x80 ? 0x80 : 0));
    n >>>= 7;
  } while (n);
  return out;
}

test("node:wasi's fdstat flags are its host's F_GETFL bits: our host layer turns them into WASI's", () => {
  const { O_APPEND, O_NONBLOCK, O_DSYNC, O_SYNC } = fsConstants;
  assert.equal(wasiFdflags(0x8002), 0); // O_RDWR | O_LARGEFILE on Linux: no WASI flag
  assert.equal(wasiFdflags(0x8001 | O_APPEND), 1);
  assert.equal(wasiFdflags(O_NONBLOCK), 4);
  assert.equal(wasiFdflags(O_APPEND | O_NONBLOCK), 5);
  assert.equal(wasiFdflags(O_DSYNC), 2);
  assert.equal(wasiFdflags(O_SYNC), 16);
});

test('countHostCalls counts calls of plain functions and of resource methods, and writes the count at exit', () => {
  class Stream {
    write(n: number) { return n * 2; }
  }
  const imports = { 'wasi:io/streams': { OutputStream: Stream }, 'wasi:cli/stdout': { getStdout: () => new Stream() } };
  const written: Array<[string, string]> = [];
  const before = process.listenerCount('exit');
  countHostCalls(imports, '/counts', (f, text) => written.push([f, text]));
  const out = imports['wasi:cli/stdout'].getStdout();
  assert.equal(out.write(21), 42);
  out.write(1);
  const listeners = process.listeners('exit');
  assert.equal(listeners.length, before + 1);
  const mine = listeners.at(-1)!;
  mine(0);
  process.removeListener('exit', mine);
  assert.deepEqual(written, [['/counts', '3\n']]);
});

test('countHostCalls keeps a method\'s own lowering (cabiLower) and counts the calls made through it', () => {
  const CABI_LOWER = Symbol.for('cabiLower');
  class Stream {
    read(n: number) { return n; }
  }
  Object.defineProperty(Stream.prototype.read, CABI_LOWER, { value: (ctx: { k: number }) => (n: number) => n + ctx.k });
  const imports = { 'wasi:io/streams': { InputStream: Stream } };
  const written: Array<[string, string]> = [];
  countHostCalls(imports, '/counts', (f, text) => written.push([f, text]));
  const lower = (Stream.prototype.read as unknown as Record<symbol, (ctx: { k: number }) => (n: number) => number>)[CABI_LOWER];
  assert.ok(lower, 'the counting wrapper lost the lowering');
  const lowered = lower({ k: 1 });
  assert.equal(lowered(1), 2);
  assert.equal(lowered(2), 3);
  assert.equal(new Stream().read(5), 5);
  const mine = process.listeners('exit').at(-1)!;
  mine(0);
  process.removeListener('exit', mine);
  assert.deepEqual(written, [['/counts', '3\n']]);
});

test('the bindings fixes: JCO_DEBUG is read once, and each lowering gets the generated binding as its fallback', () => {
  const debug = ['  const _debugLog = (...args) => {', '    if (!globalThis?.process?.env?.JCO_DEBUG) { return; }', '    console.debug(...args);', '  };'].join('\n');
  assert.equal(
    readDebugFlagOnce(debug),
    ['  const _jcoDebug = !!globalThis?.process?.env?.JCO_DEBUG; // (wasi-cc: read once)', '  const _debugLog = (...args) => {', '    if (!_jcoDebug) { return; }', '    console.debug(...args);', '  };'].join('\n'),
  );
  const hybrid = [
    '  if (InputStream.prototype.read[symbolCabiLower]) {',
    '    trampoline39 = InputStream.prototype.read[symbolCabiLower]({ memory: memory0, realloc: realloc0, resourceTables: [handleTable0, handleTable2],});',
    '  }',
    '  if (now$1[symbolCabiLower]) {',
    '    trampoline13 = now$1[symbolCabiLower]({ memory: memory0,});',
  ].join('\n');
  assert.equal(
    passFallbacks(hybrid),
    [
      '  if (InputStream.prototype.read[symbolCabiLower]) {',
      '    trampoline39 = InputStream.prototype.read[symbolCabiLower]({ fallback: trampoline39, memory: memory0, realloc: realloc0, resourceTables: [handleTable0, handleTable2],});',
      '  }',
      '  if (now$1[symbolCabiLower]) {',
      '    trampoline13 = now$1[symbolCabiLower]({ fallback: trampoline13, memory: memory0,});',
    ].join('\n'),
  );
});
