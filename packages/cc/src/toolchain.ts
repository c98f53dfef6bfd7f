// Finds a clang/LLVM able to compile and link for WebAssembly: clang, llvm-ar, llvm-nm, wasm-ld
// and the wasm32 compiler-rt builtins, all of one LLVM (19 or later, 22 preferred).
//
// This file is the single copy of the finder: @wasi/cc uses it at run time, and the
// workspace's build stages (libs/toolchain) re-export it. No dependencies.
import { execFileSync } from 'node:child_process';
import { accessSync, constants, existsSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';

/** Oldest LLVM with the wasm32-wasip1/-wasip2 triples. */
export const MIN_LLVM_MAJOR = 19;
/** The LLVM we build and test with. */
export const PREFERRED_LLVM_MAJOR = 22;

/** The Debian packages that provide LLVM `major` for WebAssembly. */
export const DEBIAN_PACKAGES = (major: number): readonly [string, string, string, string] =>
  [`clang-${major}`, `lld-${major}`, `llvm-${major}`, `libclang-rt-${major}-dev-wasm32`] as const;

/** The exact command that installs them. */
export const INSTALL_COMMAND = (major: number = PREFERRED_LLVM_MAJOR): string =>
  `apt-get update && apt-get install -y ${DEBIAN_PACKAGES(major).join(' ')}`;

export interface Toolchain {
  clang: string;
  ar: string;
  nm: string;
  wasmLd: string;
  /** The wasm32 compiler-rt builtins archive clang links into every program. */
  builtins: string;
  /** LLVM major version, e.g. 22. */
  major: number;
  /** clang's full version line, e.g. "Debian clang version 22.1.8 (1~deb12u1)". */
  version: string;
  /** The directory holding the LLVM tools (wasm-ld must be on PATH for clang to find it). */
  binDir: string;
}

/** What is missing or too old, and the fix. */
export class ToolchainError extends Error {
  constructor(problem: string) {
    super(
      `${problem}\n` +
        `  Fix: install LLVM ${PREFERRED_LLVM_MAJOR} for WebAssembly (Debian packages ${DEBIAN_PACKAGES(PREFERRED_LLVM_MAJOR).join(', ')}):\n` +
        `    ${INSTALL_COMMAND()}\n` +
        `  or point WASI_CLANG / WASI_LLVM_AR / WASI_LLVM_NM / WASI_WASM_LD at LLVM ${MIN_LLVM_MAJOR}+ tools.`,
    );
    this.name = 'ToolchainError';
  }
}

export interface DetectOptions {
  env?: NodeJS.ProcessEnv;
}

export function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export function onPath(name: string, env: NodeJS.ProcessEnv): string | undefined {
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (dir && isExecutable(join(dir, name))) return join(dir, name);
  }
  return undefined;
}

/** Runs a tool and returns its output; a tool that fails gives a ToolchainError saying how. */
function run(cmd: string, args: string[], what: string): string {
  try {
    return execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
  } catch (err) {
    const r = err as { status?: number | null; signal?: string | null; stderr?: string; code?: string };
    const how = r.code && typeof r.code === 'string' ? r.code : r.signal ? `signal ${r.signal}` : `exit status ${r.status}`;
    const said = (r.stderr ?? '').split('\n').find((l) => l.trim() !== '')?.trim();
    throw new ToolchainError(`${what} "${cmd}" failed to run ${args.join(' ')} (${how})${said ? `: ${said}` : ''}.`);
  }
}

/** Candidate clang binaries, best first: an explicit override, then versioned LLVM prefixes. */
function clangCandidates(env: NodeJS.ProcessEnv): string[] {
  if (env.WASI_CLANG) return [env.WASI_CLANG];
  const found: string[] = [];
  for (let major = 30; major >= MIN_LLVM_MAJOR; major--) {
    const prefixed = `/usr/lib/llvm-${major}/bin/clang`;
    if (isExecutable(prefixed)) found.push(prefixed);
    const suffixed = onPath(`clang-${major}`, env);
    if (suffixed) found.push(suffixed);
  }
  const plain = onPath('clang', env);
  if (plain) found.push(plain);
  return found;
}

export function parseClangMajor(versionText: string): number | undefined {
  const m = /clang version (\d+)\./.exec(versionText);
  return m ? Number(m[1]) : undefined;
}

/**
 * Finds the toolchain. Environment overrides: WASI_CLANG, WASI_LLVM_AR, WASI_LLVM_NM,
 * WASI_WASM_LD. Throws ToolchainError naming what is missing or too old and the fix.
 */
export function detectToolchain(options: DetectOptions = {}): Toolchain {
  const env = options.env ?? process.env;
  const candidates = clangCandidates(env);
  if (candidates.length === 0) throw new ToolchainError('clang was not found (looked for WASI_CLANG, /usr/lib/llvm-N/bin/clang, clang-N and clang on PATH).');

  let firstProblem: string | undefined;
  for (const clang of candidates) {
    if (!isExecutable(clang)) {
      throw new ToolchainError(`clang "${clang}" (from WASI_CLANG) does not exist or is not executable.`);
    }
    let version: string;
    try {
      version = run(clang, ['--version'], 'clang').split('\n')[0] ?? '';
    } catch (err) {
      // A broken clang found on the system: try the next one; the user's own choice: say so.
      if (env.WASI_CLANG) throw err;
      firstProblem ??= (err as Error).message.split('\n')[0];
      continue;
    }
    const major = parseClangMajor(version);
    if (major === undefined || major < MIN_LLVM_MAJOR) {
      firstProblem ??= `clang "${clang}" is too old: "${version}"; WebAssembly targets wasm32-wasip1/-wasip2 need LLVM ${MIN_LLVM_MAJOR} or later.`;
      if (env.WASI_CLANG) throw new ToolchainError(firstProblem);
      continue;
    }
    const binDir = dirname(clang);
    const sibling = (envName: string, names: string[], what: string): string => {
      const override = env[envName];
      if (override) {
        if (!isExecutable(override)) throw new ToolchainError(`${what} "${override}" (from ${envName}) does not exist or is not executable.`);
        return override;
      }
      for (const name of names) {
        const inBin = join(binDir, name);
        if (isExecutable(inBin)) return inBin;
      }
      for (const name of names) {
        const p = onPath(name, env);
        if (p) return p;
      }
      throw new ToolchainError(`${what} was not found next to ${clang} (looked for ${names.join(', ')} in ${binDir} and on PATH).`);
    };
    const ar = sibling('WASI_LLVM_AR', ['llvm-ar', `llvm-ar-${major}`], 'llvm-ar');
    const nm = sibling('WASI_LLVM_NM', ['llvm-nm', `llvm-nm-${major}`], 'llvm-nm');
    const wasmLd = sibling('WASI_WASM_LD', ['wasm-ld', `wasm-ld-${major}`], 'wasm-ld (from lld)');
    const builtins = run(clang, ['--target=wasm32-wasip1', '--print-libgcc-file-name'], 'clang');
    if (!existsSync(builtins)) {
      throw new ToolchainError(`the wasm32 compiler-rt builtins are missing: clang expects ${builtins}.`);
    }
    return { clang, ar, nm, wasmLd, builtins, major, version, binDir };
  }
  throw new ToolchainError(firstProblem ?? 'no usable clang was found.');
}

/** A short stable description of the toolchain, used as an Nx runtime cache input. */
export function toolchainFingerprint(tc: Toolchain): string {
  return `${tc.version} | builtins ${tc.builtins}`;
}
