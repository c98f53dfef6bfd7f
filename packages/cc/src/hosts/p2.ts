// Preview 2 components on @bytecodealliance/preview2-shim: jco transpiles the component to an ES
// module (cached by content), and the shim provides wasi:cli, wasi:filesystem, wasi:sockets...
// with this run's arguments, environment and preopens.
import { standInComponent, standInIndex } from '../wasm.js';
import { bindingsUrl, transpiledComponent } from './component-cache.js';
import { writeFileSync } from 'node:fs';
import { countHostCalls } from './call-count.js';
import { fixedImports } from './p2-fixes.js';
import { isTrap, trapMessage, TRAP_STATUS } from './quiet.js';
import type { HostSpec } from './spec.js';

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

/**
 * Workaround for a cost of the generated bindings (jco-transpile 0.15): every host call logs
 * through a function that first reads process.env.JCO_DEBUG, and Node answers each read of
 * process.env from the real environment, a few of them per call. The variable is read once.
 */
export function readDebugFlagOnce(js: string): string {
  return js.replace(
    /^([ \t]*)const _debugLog = \(\.\.\.args\) => \{\n[ \t]*if \(!globalThis\?\.process\?\.env\?\.JCO_DEBUG\) \{ return; \}$/m,
    '$1const _jcoDebug = !!globalThis?.process?.env?.JCO_DEBUG; // (wasi-cc: read once)\n$1const _debugLog = (...args) => {\n$1  if (!_jcoDebug) { return; }',
  );
}

/**
 * Transpiled with importBindings 'hybrid', the bindings give the core module an import's own
 * Symbol.for('cabiLower') function where it has one, in place of the generated binding (see
 * p2-lowered.ts). Ours answer some objects only; for the others they need that binding, which
 * the bindings then no longer use: they get it as `fallback`.
 */
export function passFallbacks(js: string): string {
  return js.replace(/^([ \t]*)(trampoline\d+) = ([\w$.]+)\[symbolCabiLower\]\(\{/gm, '$1$2 = $3[symbolCabiLower]({ fallback: $2,');
}

/** Part of the cache key (component-cache.ts): changes whenever the transpiling or the post-processing of the bindings changes. */
const BINDINGS_FIXES = 'empty-strings-1 list-bounds-1 stand-ins-1 debug-flag-1 hybrid-fallbacks-1';

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
  const { files } = await transpileBytes(component, { name: 'component', instantiation: 'async', importBindings: 'hybrid', emitTypescriptDeclarations: false });
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

/** The files of the transpiled component, with our fixes to the bindings (component.js). */
async function transpile(bytes: Uint8Array): Promise<Map<string, Uint8Array>> {
  const files = new Map<string, Uint8Array>();
  for (const [name, content] of Object.entries(await transpileWithStandIns(bytes))) {
    files.set(name, name === 'component.js' ? new TextEncoder().encode(passFallbacks(readDebugFlagOnce(checkListBounds(allocateEmptyStrings(new TextDecoder().decode(content)))))) : content);
  }
  return files;
}

/** What jco's generated component.js exports (instantiation: 'async'). */
interface TranspiledBindings {
  instantiate(getCoreModule: (name: string) => Promise<WebAssembly.Module>, imports: object): Promise<Record<string, unknown>>;
}

/** wasi:cli/run as the bindings export it. */
interface CliRun {
  run(): void;
}

function isCliRun(value: unknown): value is CliRun {
  return typeof value === 'object' && value !== null && typeof (value as { run?: unknown }).run === 'function';
}

/** WASI_CC_HOST_CALLS=<file>: count the component's host calls into <file> (for the benchmarks). */
function withCallCount<T extends object>(imports: T): T {
  const file = process.env.WASI_CC_HOST_CALLS;
  return file ? countHostCalls(imports, file, (f, text) => writeFileSync(f, text)) : imports;
}

/**
 * Runs a component; resolves to 0, 1 when wasi:cli/run returns its error, or the trap status.
 * (wasi:cli/exit ends the process itself: with 0 or 1 for `exit`, the code for `exit-with-code`.)
 */
export async function runComponent(spec: HostSpec): Promise<number> {
  const component = await transpiledComponent(spec.bytes, { transpile, version: BINDINGS_FIXES });
  const { instantiate } = (await import(bindingsUrl(component))) as TranspiledBindings;
  const { WASIShim } = await import('@bytecodealliance/preview2-shim/instantiation');
  const shim = new WASIShim({ sandbox: { preopens: spec.preopens, env: spec.env, args: spec.args } });
  const exports = await instantiate(
    (name) => {
      const core = component.coreModules.get(name);
      if (!core) throw new Error(`the transpiled component has no core module ${name}`);
      return WebAssembly.compile(core as BufferSource);
    },
    withCallCount(fixedImports(shim.getImportObject())),
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
