// Compiles C programs against a built sysroot with the detected toolchain.
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import type { TripleName } from '@wasi-sysroots/recipe';
import { getTriple } from '@wasi-sysroots/recipe';
import type { Toolchain } from '@wasi-sysroots/toolchain';

export interface CompileRequest {
  toolchain: Toolchain;
  triple: TripleName;
  sysroot: string;
  sources: string[];
  output: string;
  /** e.g. '-O0' or '-O2'. */
  opt: string;
  /** Extra compile/link flags (for example -lwasi-emulated-mman, or linker flags). */
  flags?: string[];
  /** Only compile (-c). */
  compileOnly?: boolean;
  /** C++: clang++ with libc++ from this C++ package tree, in the default or the exceptions variant. */
  cxx?: { sysroot: string; exceptions: boolean };
}

export interface CompileResult {
  ok: boolean;
  command: string[];
  stderr: string;
}

/** The flags a user passes to clang for a triple (besides sources and -o). */
export function userFlags(triple: TripleName, sysroot: string): string[] {
  return [`--target=${triple}`, `--sysroot=${sysroot}`, ...getTriple(triple).userCflags];
}

export function compileC(req: CompileRequest): CompileResult {
  mkdirSync(dirname(req.output), { recursive: true });
  const cxx = req.cxx
    ? [
        '-nostdinc++',
        '-isystem', join(req.cxx.sysroot, 'include', req.triple, 'c++', 'v1'),
        `-L${join(req.cxx.sysroot, 'lib', req.triple, ...(req.cxx.exceptions ? ['eh'] : []))}`,
        ...(req.cxx.exceptions ? ['-fwasm-exceptions'] : []),
      ]
    : [];
  const args = [
    ...userFlags(req.triple, req.sysroot),
    ...cxx,
    req.opt,
    '-Wall',
    '-Werror',
    ...(req.compileOnly ? ['-c'] : []),
    ...req.sources,
    ...(req.flags ?? []),
    ...(req.cxx?.exceptions && !req.compileOnly ? ['-lunwind'] : []),
    '-o',
    req.output,
  ];
  // clang finds wasm-ld through PATH, so the toolchain's own comes first. At -O2 clang
  // also runs any wasm-opt it finds there; the one in node_modules/.bin (binaryen, a jco
  // dependency) is not ours to test, and it rejects the exception-handling instructions
  // that pthread_exit uses unless told to accept them.
  const userPath = (process.env.PATH ?? '').split(delimiter).filter((dir) => !dir.includes('node_modules'));
  const env = { ...process.env, PATH: [req.toolchain.binDir, ...userPath].join(delimiter) };
  const compiler = req.cxx ? req.toolchain.clang.replace(/clang(-\d+)?$/, 'clang++$1') : req.toolchain.clang;
  const r = spawnSync(compiler, args, { encoding: 'utf8', env });
  return { ok: r.status === 0, command: [compiler, ...args], stderr: (r.stderr ?? '') + (r.error ? String(r.error) : '') };
}
