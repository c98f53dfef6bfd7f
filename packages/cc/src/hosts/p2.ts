// Preview 2 components on @bytecodealliance/preview2-shim: jco transpiles the component to an ES
// module (cached by content), and the shim provides wasi:cli, wasi:filesystem, wasi:sockets...
// with this run's arguments, environment and preopens.
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { dependencyVersion } from '../version.js';
import { standInComponent, standInIndex } from '../wasm.js';
import { fixedImports } from './p2-fixes.js';
import { isTrap, trapMessage, TRAP_STATUS } from './quiet.js';
import type { HostSpec } from './spec.js';

/** The component cache: WASI_CC_CACHE, else $XDG_CACHE_HOME/wasi-cc, else ~/.cache/wasi-cc. */
export function cacheDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.WASI_CC_CACHE) return env.WASI_CC_CACHE;
  return join(env.XDG_CACHE_HOME || join(homedir() || tmpdir(), '.cache'), 'wasi-cc');
}

/**
 * Workaround for a bug of the generated bindings (jco-transpile 0.15): an empty string goes to the
 * guest without a call to its realloc, which the canonical ABI requires. The Preview 1 adapter lays
 * out the environment with one allocation per string, so a variable with an empty value loses its
 * terminating NUL and runs into the next one ("A=" then "B=x" reads as "A=B=x"). Without the
 * shortcut an empty string is allocated like any other.
 */
export function allocateEmptyStrings(js: string): string {
  return js.replace(/^([ \t]*)if \(s\.length === 0\) \{ return \{ ptr: 1, len: 0 \}; \}$/gm, '$1// (wasi-cc: empty strings are allocated too)');
}

/**
 * Workaround for a bug of the generated bindings (jco-transpile 0.15): a list the guest passes
 * to the host (the bytes of a write or send) is copied out of memory with ArrayBuffer.slice,
 * which cuts a range that runs past the end of memory short without a word: a send from a bad
 * pointer reported every byte sent and sent fewer. Read through a view of exactly that range, it
 * fails as every other access of the bindings to guest memory does (a RangeError, which
 * runComponent reports as the trap it is).
 */
export function checkListBounds(js: string): string {
  return js.replace(
    /new (\w+Array)\((memory\d*)\.buffer\.slice\((\w+), \3 \+ (\w+) \* (\d+)\)\)/g,
    'new $1(new Uint8Array($2.buffer, $3, $4 * $5).slice().buffer)',
  );
}

/** Part of the cache key: changes whenever the post-processing of the bindings changes. */
const BINDINGS_FIXES = 'empty-strings-1 list-bounds-1 stand-ins-1';

/**
 * jco-transpile 0.15 validates the component's core modules with the exception-handling
 * proposal off, and refuses any that throws or catches ("exceptions proposal not enabled"; with
 * bindgenEnableWasmExnref, "legacy_exceptions feature required for try instruction"), though
 * V8 runs them. The bindings need only the modules' imports and exports, so jco transpiles the
 * component with stand-ins for all of them (wasm.ts: the same interface, no code, each marked
 * with its index), and each stand-in it writes out is replaced by the real module. Modules are
 * compiled from those files at run time, so V8 validates the real code.
 */
async function transpileWithStandIns(bytes: Uint8Array): Promise<Record<string, Uint8Array>> {
  const { component, modules } = standInComponent(bytes);
  const { transpileBytes } = await import('@bytecodealliance/jco-transpile');
  const { files } = await transpileBytes(component, { name: 'component', instantiation: 'async', emitTypescriptDeclarations: false });
  const out: Record<string, Uint8Array> = {};
  const placed = new Set<number>();
  for (const [name, content] of Object.entries(files)) {
    const index = name.endsWith('.wasm') ? standInIndex(content) : undefined;
    const real = index === undefined ? undefined : modules[index];
    if (index !== undefined && real) placed.add(index);
    out[name] = real ?? content;
  }
  if (placed.size !== modules.length) throw new Error(`jco-transpile wrote ${placed.size} of the component's ${modules.length} core modules`);
  return out;
}

/** The directory holding the transpiled component (component.js and its core modules). */
export async function transpiled(bytes: Uint8Array): Promise<string> {
  const key = createHash('sha256')
    .update(bytes)
    .update(`jco-transpile ${dependencyVersion('@bytecodealliance/jco-transpile')} ${BINDINGS_FIXES}`)
    .digest('hex')
    .slice(0, 32);
  const dir = join(cacheDir(), 'components', key);
  if (existsSync(join(dir, 'component.js'))) return dir;
  const files = await transpileWithStandIns(bytes);
  const tmp = `${dir}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    for (const [name, content] of Object.entries(files)) {
      mkdirSync(dirname(join(tmp, name)), { recursive: true });
      writeFileSync(join(tmp, name), name === 'component.js' ? checkListBounds(allocateEmptyStrings(new TextDecoder().decode(content))) : content);
    }
    mkdirSync(dirname(dir), { recursive: true });
    try {
      renameSync(tmp, dir);
    } catch (err) {
      // Another run put the same content there first.
      if (!existsSync(join(dir, 'component.js'))) throw err;
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  return dir;
}

/** What jco's generated component.js exports (instantiation: 'async'). */
interface TranspiledComponent {
  instantiate(getCoreModule: (name: string) => Promise<WebAssembly.Module>, imports: object): Promise<Record<string, unknown>>;
}

/** wasi:cli/run as the bindings export it. */
interface CliRun {
  run(): void;
}

function isCliRun(value: unknown): value is CliRun {
  return typeof value === 'object' && value !== null && typeof (value as { run?: unknown }).run === 'function';
}

/**
 * Runs a component; resolves to 0, 1 when wasi:cli/run returns its error, or the trap status.
 * (wasi:cli/exit ends the process itself: with 0 or 1 for `exit`, the code for `exit-with-code`.)
 */
export async function runComponent(spec: HostSpec): Promise<number> {
  const dir = await transpiled(spec.bytes);
  const { instantiate } = (await import(pathToFileURL(join(dir, 'component.js')).href)) as TranspiledComponent;
  const { WASIShim } = await import('@bytecodealliance/preview2-shim/instantiation');
  const shim = new WASIShim({ sandbox: { preopens: spec.preopens, env: spec.env, args: spec.args } });
  const exports = await instantiate(
    (name) => WebAssembly.compile(readFileSync(join(dir, name))),
    fixedImports(shim.getImportObject()),
  );
  const run = exports.run ?? Object.entries(exports).find(([k]) => k.startsWith('wasi:cli/run@'))?.[1];
  if (!isCliRun(run)) {
    process.stderr.write(`wasi-cc: error: ${spec.args[0]} exports no wasi:cli/run: it is a library component, not a program\n`);
    return 1;
  }
  try {
    run.run();
    return 0;
  } catch (err) {
    if (isTrap(err)) {
      process.stderr.write(trapMessage(spec.args[0], err));
      return TRAP_STATUS;
    }
    // wasi:cli/run returned its error case.
    if (err && typeof err === 'object' && 'payload' in err) return 1;
    throw err;
  }
}
