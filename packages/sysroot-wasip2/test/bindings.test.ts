// The C bindings (sysroots/p2/src/wasip2.h, wasip2-filesystem.h) and libc's component-type section
// agree with the WIT (sysroots/p2/wit).
//
// The WIT tooling's dummy module for the world imports every function of the
// world with its core signature under the canonical ABI. That is compared with:
//  - every declaration in the headers (compiled into an object that references
//    them all): same set of functions, same module/name, same core signature;
//  - every Preview 2 import in the objects of the built libc.a.
// And the component-type section in libc.a must be what the WIT encodes to
// today, must reach programs that use sockets only, and must let jco make a
// component without any WIT from the user.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { _setPreopens } from '@bytecodealliance/preview2-shim/filesystem';
import { componentEmbed, componentNew, componentWit } from '@bytecodealliance/jco';
import { SYSROOTS_DIR } from '@wasi-sysroots/recipe';
import { detectToolchain } from '@wasi-sysroots/toolchain';
import { compileC } from '@wasi-sysroots/verify';
import { classicImportName, customSections, functionImports, type FuncImport } from './wasm-imports.ts';

const sysroot = join(import.meta.dirname, '..', 'sysroot');
const libDir = join(sysroot, 'lib', 'wasm32-wasip2');
const P2 = join(SYSROOTS_DIR, 'p2');
const WIT_DIR = join(P2, 'wit');
const WORLD = 'imports';
const SECTION = 'component-type:wasi-sysroots-libc';
const WIT_VERSION = '0.2.0';
const toolchain = detectToolchain();
const work = mkdtempSync(join(tmpdir(), 'p2-bindings-'));
after(() => rmSync(work, { recursive: true, force: true }));

const key = (i: { module: string; name: string }) => `${i.module} ${i.name}`;

/** The world's functions, by classic import name, with their core signatures. */
let witFunctions: Map<string, FuncImport>;

before(async () => {
  // The WIT encoder reads the files through preview2-shim's filesystem. (The
  // package's type declarations are the browser ones; on Node the preopens map
  // guest paths to host paths.)
  (_setPreopens as (preopens: Record<string, string>) => void)({ '/': '/' });
  const dummy = await componentEmbed({ dummy: true, witPath: WIT_DIR, world: WORLD });
  witFunctions = new Map();
  for (const imp of functionImports(dummy)) {
    const classic = classicImportName(imp.module, imp.name, WIT_VERSION);
    witFunctions.set(key(classic), { ...classic, signature: imp.signature });
  }
});

/** The headers with the C bindings, each declaring its imports with WASIP2_IMPORT. */
const HEADERS = ['wasip2.h', 'wasip2-filesystem.h'];

/** Shorthand macros of the headers: macro name, module, import name prefix. */
const SHORTHANDS: Record<string, { module: string; prefix: string }> = {
  TCP: { module: 'wasi:sockets/tcp@0.2.0', prefix: '[method]tcp-socket.' },
  UDP: { module: 'wasi:sockets/udp@0.2.0', prefix: '[method]udp-socket.' },
  FS: { module: 'wasi:filesystem/types@0.2.0', prefix: '[method]descriptor.' },
};

/** The import declarations of the headers: C function name, module, import name. */
function headerDeclarations(): Array<{ cName: string; module: string; name: string }> {
  const decls: Array<{ cName: string; module: string; name: string }> = [];
  const re = /\bWASIP2_(?:IMPORT\("([^"]+)",\s*"([^"]+)"\)|(TCP|UDP|FS)\("([^"]+)"\))\s*\n[^;(]*?\b(__wasip2_\w+)\s*\(/g;
  for (const header of HEADERS) {
    const text = readFileSync(join(P2, 'src', header), 'utf8');
    for (const m of text.matchAll(re)) {
      const [, module, name, macro, method, cName] = m;
      if (module) decls.push({ cName: cName!, module, name: name! });
      else {
        const { module: m2, prefix } = SHORTHANDS[macro!]!;
        decls.push({ cName: cName!, module: m2, name: prefix + method! });
      }
    }
  }
  return decls;
}

describe('wasm32-wasip2 bindings and WIT', () => {
  test('the WIT world has the interfaces libc imports', () => {
    const modules = new Set([...witFunctions.values()].map((f) => f.module));
    assert.deepEqual([...modules].sort(), [
      'wasi:cli/environment@0.2.0',
      'wasi:cli/exit@0.2.0',
      'wasi:cli/stderr@0.2.0',
      'wasi:cli/stdin@0.2.0',
      'wasi:cli/stdout@0.2.0',
      'wasi:cli/terminal-input@0.2.0',
      'wasi:cli/terminal-output@0.2.0',
      'wasi:cli/terminal-stderr@0.2.0',
      'wasi:cli/terminal-stdin@0.2.0',
      'wasi:cli/terminal-stdout@0.2.0',
      'wasi:clocks/monotonic-clock@0.2.0',
      'wasi:clocks/wall-clock@0.2.0',
      'wasi:filesystem/preopens@0.2.0',
      'wasi:filesystem/types@0.2.0',
      'wasi:io/error@0.2.0',
      'wasi:io/poll@0.2.0',
      'wasi:io/streams@0.2.0',
      'wasi:random/random@0.2.0',
      'wasi:sockets/instance-network@0.2.0',
      'wasi:sockets/ip-name-lookup@0.2.0',
      'wasi:sockets/network@0.2.0',
      'wasi:sockets/tcp-create-socket@0.2.0',
      'wasi:sockets/tcp@0.2.0',
      'wasi:sockets/udp-create-socket@0.2.0',
      'wasi:sockets/udp@0.2.0',
    ]);
  });

  test('the headers declare every WIT function, with the canonical ABI signature', () => {
    const decls = headerDeclarations();
    assert.ok(decls.length > 100, `only ${decls.length} declarations found in ${HEADERS.join(', ')}`);
    const src = join(work, 'refs.c');
    writeFileSync(
      src,
      `${HEADERS.map((h) => `#include "${h}"\n`).join('')}void *const wasip2_refs[] = {\n${decls.map((d) => `  (void *)&${d.cName},`).join('\n')}\n};\n`,
    );
    const obj = join(work, 'refs.o');
    const built = compileC({
      toolchain, triple: 'wasm32-wasip2', sysroot, sources: [src], output: obj, opt: '-O2',
      compileOnly: true, flags: [`-I${join(P2, 'src')}`],
    });
    assert.ok(built.ok, built.stderr);
    const imports = functionImports(readFileSync(obj));
    const declared = new Map(imports.map((i) => [key(i), i]));
    assert.equal(declared.size, decls.length, 'each declaration is a distinct import');

    const problems: string[] = [];
    for (const imp of declared.values()) {
      const wit = witFunctions.get(key(imp));
      if (!wit) problems.push(`declared but not in the WIT: ${key(imp)}`);
      else if (wit.signature !== imp.signature)
        problems.push(`${key(imp)}: C ${imp.signature}, WIT ${wit.signature}`);
    }
    for (const k of witFunctions.keys()) if (!declared.has(k)) problems.push(`in the WIT but not declared: ${k}`);
    assert.deepEqual(problems, []);
  });

  test('no object of libc.a, and no startup file but adapter-reserve.o, imports Preview 1', () => {
    const dir = join(work, 'p1-free');
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const x = spawnSync(toolchain.ar, ['x', join(libDir, 'libc.a')], { cwd: dir, encoding: 'utf8' });
    assert.equal(x.status, 0, x.stderr);
    const p1 = (path: string) => functionImports(readFileSync(path)).filter((i) => i.module === 'wasi_snapshot_preview1').map(key);
    const offenders = readdirSync(dir).filter((n) => n.endsWith('.o')).flatMap((f) => p1(join(dir, f)).map((k) => `${f}: ${k}`));
    assert.deepEqual(offenders, []);
    for (const crt of ['crt1.o', 'crt1-command.o', 'crt1-reactor.o']) assert.deepEqual(p1(join(libDir, crt)), [], crt);
    // The ABI snapshot of libc names no Preview 1 function either.
    const undefinedSymbols = readFileSync(join(SYSROOTS_DIR, 'abi', 'wasm32-wasip2', 'undefined-symbols.txt'), 'utf8');
    assert.deepEqual(undefinedSymbols.split('\n').filter((l) => /preview1|badfd/i.test(l)), []);
    // The one that does, for mixed links only: the adapter's placeholders.
    assert.deepEqual(p1(join(libDir, 'adapter-reserve.o')), ['wasi_snapshot_preview1 adapter_open_badfd']);
  });

  test('every Preview 2 import in libc.a matches the WIT', () => {
    const dir = join(work, 'libc');
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const x = spawnSync(toolchain.ar, ['x', join(libDir, 'libc.a')], { cwd: dir, encoding: 'utf8' });
    assert.equal(x.status, 0, x.stderr);
    const seen = new Set<string>();
    const problems: string[] = [];
    for (const f of readdirSync(dir).filter((n) => n.endsWith('.o'))) {
      for (const imp of functionImports(readFileSync(join(dir, f)))) {
        if (!imp.module.startsWith('wasi:')) continue;
        seen.add(key(imp));
        const wit = witFunctions.get(key(imp));
        if (!wit) problems.push(`${f}: ${key(imp)} is not in the WIT`);
        else if (wit.signature !== imp.signature) problems.push(`${f}: ${key(imp)}: ${imp.signature} vs ${wit.signature}`);
      }
    }
    assert.deepEqual(problems, []);
    // The socket code really goes through these interfaces.
    for (const k of [
      'wasi:sockets/tcp@0.2.0 [method]tcp-socket.start-connect',
      'wasi:sockets/udp@0.2.0 [method]udp-socket.stream',
      'wasi:io/streams@0.2.0 [method]input-stream.blocking-read',
      'wasi:io/poll@0.2.0 poll',
      'wasi:sockets/ip-name-lookup@0.2.0 resolve-addresses',
    ])
      assert.ok(seen.has(k), `libc.a does not import ${k}`);
  });
});

describe('wasm32-wasip2 component-type section', () => {
  test('libc.a carries the WIT world as encoded from the WIT files today', async () => {
    const dir = join(work, 'ct');
    mkdirSync(dir, { recursive: true });
    const x = spawnSync(toolchain.ar, ['x', join(libDir, 'libc.a'), 'component-type.o'], { cwd: dir, encoding: 'utf8' });
    assert.equal(x.status, 0, x.stderr);
    const inLibc = customSections(readFileSync(join(dir, 'component-type.o'))).filter((s) => s.name === SECTION);
    assert.equal(inLibc.length, 1);
    const fresh = await componentEmbed({
      binary: new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]), witPath: WIT_DIR, world: WORLD,
    });
    const expected = customSections(fresh).filter((s) => s.name.startsWith('component-type'));
    assert.equal(expected.length, 1);
    assert.ok(Buffer.from(inLibc[0]!.payload).equals(Buffer.from(expected[0]!.payload)),
      'the section in libc.a differs from the WIT: rebuild the sysroot');
  });

  test('a program using sockets carries the section and becomes a component without user WIT', async () => {
    const src = join(work, 'uses-sockets.c');
    writeFileSync(src, '#include <sys/socket.h>\nint main(void) { return socket(AF_INET, SOCK_STREAM, 0) < 0; }\n');
    const core = join(work, 'uses-sockets.wasm');
    const built = compileC({ toolchain, triple: 'wasm32-wasip2', sysroot, sources: [src], output: core, opt: '-O2', flags: ['-fuse-ld=lld'] });
    assert.ok(built.ok, built.stderr);
    const bytes = readFileSync(core);
    assert.deepEqual(customSections(bytes).filter((s) => s.name.startsWith('component-type')).map((s) => s.name).sort(),
      ['component-type:wasi-sysroots-command', SECTION]);
    const component = await componentNew(bytes, []);
    const wit = await componentWit(component);
    assert.match(wit, /import wasi:sockets\/tcp-create-socket@0\.2\.\d+;/);
    assert.match(wit, /import wasi:sockets\/tcp@0\.2\.\d+;/);
    assert.match(wit, /export wasi:cli\/run@0\.2\.\d+;/);
  });

  test('clocks, random numbers and sched_yield come from Preview 2, not from the adapter', async () => {
    const src = join(work, 'clocks.c');
    writeFileSync(src, [
      '#include <sched.h>', '#include <stdio.h>', '#include <time.h>', '#include <unistd.h>',
      'int main(void) {',
      '  struct timespec r, m; unsigned char b[40] = {0}; int nz = 0;',
      '  clock_gettime(CLOCK_REALTIME, &r); clock_gettime(CLOCK_MONOTONIC, &m);',
      '  if (getentropy(b, sizeof b) != 0) return 2;',
      '  for (unsigned i = 0; i < sizeof b; i++) nz += b[i] != 0;',
      '  return (r.tv_sec > 1700000000 && nz > 20 && sched_yield() == 0) ? 0 : 3;',
      '}', '',
    ].join('\n'));
    const core = join(work, 'clocks.wasm');
    const built = compileC({ toolchain, triple: 'wasm32-wasip2', sysroot, sources: [src], output: core, opt: '-O2', flags: ['-fuse-ld=lld'] });
    assert.ok(built.ok, built.stderr);
    const bytes = readFileSync(core);
    const imports = functionImports(bytes).map(key);
    for (const k of ['wasi:clocks/wall-clock@0.2.0 now', 'wasi:clocks/monotonic-clock@0.2.0 now', 'wasi:random/random@0.2.0 get-random-u64'])
      assert.ok(imports.includes(k), `${k} is not imported`);
    const fromAdapter = imports.filter((k) => /^wasi_snapshot_preview1 (clock_|random_get|sched_yield)/.test(k));
    assert.deepEqual(fromAdapter, []);
    const component = await componentNew(bytes, []);
    const wit = await componentWit(component);
    assert.match(wit, /import wasi:clocks\/wall-clock@0\.2\.\d+;/);
    assert.match(wit, /import wasi:random\/random@0\.2\.\d+;/);
  });

  test('a hello-world component imports only wasi:*@0.2.* interfaces and has no adapter', async () => {
    const src = join(work, 'hello.c');
    writeFileSync(src, '#include <stdio.h>\nint main(void) { puts("hello"); return 0; }\n');
    const core = join(work, 'hello.wasm');
    const built = compileC({ toolchain, triple: 'wasm32-wasip2', sysroot, sources: [src], output: core, opt: '-O2', flags: ['-fuse-ld=lld'] });
    assert.ok(built.ok, built.stderr);
    const bytes = readFileSync(core);
    const modules = [...new Set(functionImports(bytes).map((i) => i.module))];
    assert.deepEqual(modules.filter((m) => !/^wasi:[a-z-]+\/[a-z-]+@0\.2\.\d+$/.test(m)), []);
    assert.deepEqual(customSections(bytes).filter((s) => s.name.startsWith('component-type')).map((s) => s.name).sort(),
      ['component-type:wasi-sysroots-command', SECTION]);
    const component = await componentNew(bytes, []);
    const wit = await componentWit(component);
    const imports = [...wit.matchAll(/^\s*import (\S+);/gm)].map((m) => m[1]!);
    assert.ok(imports.includes('wasi:cli/stdout@0.2.0'), wit);
    assert.deepEqual(imports.filter((i) => !/^wasi:[a-z-]+\/[a-z-]+@0\.2\.\d+$/.test(i)), []);
    assert.deepEqual([...wit.matchAll(/^\s*export (\S+);/gm)].map((m) => m[1]), ['wasi:cli/run@0.2.0']);
  });
});
