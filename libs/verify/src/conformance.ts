// Our C and C++ conformance tests: each sysroots/tests/<suite>/NAME.c (or NAME.cc, with libc++
// from the triple's C++ package) is compiled against the built sysroot at -O0 and -O2 and run on a
// real host; stdout must equal NAME.expected exactly and the exit status must equal the declared one.
//
// Directives, as line comments at the top of NAME.c:
//   // args: a b c            argv[1..] (whitespace separated)
//   // env: NAME=value        one per line
//   // exit: 3                expected exit status (default 0)
//   // stdin: text            bytes on stdin (\n is a newline)
//   // preopen: /sandbox      a fresh empty host temp dir, preopened at that guest path
//   // flags: -lfoo           extra compile/link flags
//   // triples: t1 t2         only for these triples (default: every triple running the suite)
//   // skip: reason           listed as skipped with this reason
//   // variant: exceptions    (.cc) the C++ exceptions variant: -fwasm-exceptions, libunwind
//   // stderr: text           stderr must contain this text
import { mkdtempSync, readFileSync, readdirSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { test, describe, after } from 'node:test';
import assert from 'node:assert/strict';
import { SYSROOTS_DIR, getTriple, type TripleName } from '@wasi-sysroots/recipe';
import type { Toolchain } from '@wasi-sysroots/toolchain';
import { compileC } from './compile.ts';
import type { RunResult, RunSpec } from './hosts/p1.ts';

export interface CTestCase {
  name: string;
  source: string;
  expectedStdout: string;
  args: string[];
  env: Record<string, string>;
  exit: number;
  stdin?: string;
  preopen?: string;
  flags: string[];
  triples?: string[];
  skip?: string;
  /** A C++ test: 'default' or 'exceptions' variant; undefined for C. */
  cxx?: 'default' | 'exceptions';
  stderrContains?: string;
}

export function parseCTest(source: string): CTestCase {
  const text = readFileSync(source, 'utf8');
  const expectedPath = source.replace(/\.cc?$/, '.expected');
  const isCxx = source.endsWith('.cc');
  const c: CTestCase = {
    name: basename(source, isCxx ? '.cc' : '.c'),
    source,
    expectedStdout: existsSync(expectedPath) ? readFileSync(expectedPath, 'utf8') : '',
    args: [],
    env: {},
    exit: 0,
    flags: [],
    ...(isCxx ? { cxx: 'default' as const } : {}),
  };
  for (const line of text.split('\n')) {
    const m = /^\/\/\s*(args|env|exit|stdin|preopen|flags|triples|skip|variant|stderr):\s?(.*)$/.exec(line);
    if (!m) {
      if (line.trim() === '' || line.startsWith('//')) continue;
      break; // directives end at the first line of code
    }
    const [, key, value = ''] = m;
    switch (key) {
      case 'args': c.args = value.split(/\s+/).filter(Boolean); break;
      case 'env': { const i = value.indexOf('='); c.env[value.slice(0, i)] = value.slice(i + 1); break; }
      case 'exit': c.exit = Number(value); break;
      case 'stdin': c.stdin = (c.stdin ?? '') + value.replace(/\\n/g, '\n'); break;
      case 'preopen': c.preopen = value.trim(); break;
      case 'flags': c.flags.push(...value.split(/\s+/).filter(Boolean)); break;
      case 'triples': c.triples = value.split(/\s+/).filter(Boolean); break;
      case 'skip': c.skip = value.trim(); break;
      case 'variant': if (isCxx) c.cxx = value.trim() === 'exceptions' ? 'exceptions' : 'default'; break;
      case 'stderr': c.stderrContains = value; break;
    }
  }
  return c;
}

export function listCTests(suite: string): CTestCase[] {
  const dir = join(SYSROOTS_DIR, 'tests', suite);
  return readdirSync(dir)
    .filter((f) => f.endsWith('.c') || f.endsWith('.cc'))
    .sort()
    .map((f) => parseCTest(join(dir, f)));
}

/** How a triple's programs are linked and run. */
export interface ProgramHost {
  /** Extra link flags every program of this triple needs on this host. */
  linkFlags: string[];
  /** Runs a linked program (a core module; the host may wrap it into a component). */
  run(spec: RunSpec): Promise<RunResult>;
  /**
   * The status this host reports for a program that exits with `declared`. Default: the same.
   * (A Preview 2 component can only report success or failure: wasi:cli/exit has no code.)
   */
  exitStatus?(declared: number): number;
}

export interface SuiteOptions {
  triple: TripleName;
  sysroot: string;
  toolchain: Toolchain;
  host: ProgramHost;
  suites: string[];
  opts?: string[];
  /** The triple's C++ package sysroot tree (include/<triple>/c++/v1, lib/<triple>/{,eh/}), for .cc tests. */
  cxxSysroot?: string;
}

export function defineConformanceSuite(o: SuiteOptions): void {
  const work = mkdtempSync(join(tmpdir(), `ctests-${o.triple}-`));
  after(() => rmSync(work, { recursive: true, force: true }));
  for (const suite of o.suites) {
    describe(`${o.triple} ${suite.startsWith('cxx') ? 'C++' : 'C'} tests: ${suite}`, () => {
      for (const c of listCTests(suite)) {
        if (c.triples && !c.triples.includes(o.triple)) continue;
        for (const opt of o.opts ?? ['-O0', '-O2']) {
          const title = `${c.name} ${opt}`;
          if (c.skip) {
            test(title, { skip: c.skip }, () => {});
            continue;
          }
          test(title, async () => {
            assert.ok(
              existsSync(join(o.sysroot, 'lib', o.triple, 'libc.a')),
              `no built ${o.triple} sysroot at ${o.sysroot}: run "npx nx build ${getTriple(o.triple).nxProject}" first`,
            );
            const wasm = join(work, `${suite}-${c.name}${opt}.wasm`);
            if (c.cxx) {
              assert.ok(o.cxxSysroot && existsSync(join(o.cxxSysroot, 'lib', o.triple, 'libc++.a')), `no built ${o.triple} C++ libraries: run "npx nx build ${getTriple(o.triple).cxx.nxProject}" first`);
            }
            const built = compileC({
              toolchain: o.toolchain, triple: o.triple, sysroot: o.sysroot,
              sources: [c.source], output: wasm, opt, flags: [...c.flags, ...o.host.linkFlags],
              ...(c.cxx && o.cxxSysroot ? { cxx: { sysroot: o.cxxSysroot, exceptions: c.cxx === 'exceptions' } } : {}),
            });
            assert.ok(built.ok, `compile failed: ${built.command.join(' ')}\n${built.stderr}`);
            const preopens: Record<string, string> = {};
            let scratch: string | undefined;
            if (c.preopen) {
              scratch = mkdtempSync(join(work, 'preopen-'));
              preopens[c.preopen] = scratch;
            }
            try {
              const r = await o.host.run({ wasm, args: [c.name, ...c.args], env: c.env, preopens, stdin: c.stdin });
              assert.equal(r.stdout, c.expectedStdout, `stdout of ${c.name} ${opt} (stderr: ${r.stderr})`);
              const expectedExit = o.host.exitStatus ? o.host.exitStatus(c.exit) : c.exit;
              assert.equal(r.exitCode, expectedExit, `exit status of ${c.name} ${opt} (stderr: ${r.stderr})`);
              if (c.stderrContains !== undefined) assert.ok(r.stderr.includes(c.stderrContains), `stderr of ${c.name} ${opt} lacks ${JSON.stringify(c.stderrContains)}: ${r.stderr}`);
            } finally {
              if (scratch) rmSync(scratch, { recursive: true, force: true });
            }
          });
        }
      }
    });
  }
}
