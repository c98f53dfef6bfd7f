// Core module → Preview 2 component: jco's componentNew (wasm-tools' wit-component), with the
// wasi_snapshot_preview1 adapter from @wasi/preview1-adapter only when the module imports
// Preview 1 (wasm32-wasip2's libc does not; an object from another toolchain may).
import { readFileSync } from 'node:fs';
import { commandAdapterPath, reactorAdapterPath } from '@wasi/preview1-adapter';
import { moduleInterface } from './wasm.js';

export { tempPathFor, writeFileAtomic } from './write.js';

/** The import module name the Preview 1 adapter provides. */
export const ADAPTER_MODULE = 'wasi_snapshot_preview1';

/** 'command' when the module exports _start (a program), 'reactor' otherwise (a library). */
export function adapterKindFor(core: Uint8Array): 'command' | 'reactor' {
  return moduleInterface(core).exports.some((e) => e.name === '_start' && e.kind === 'func') ? 'command' : 'reactor';
}

/**
 * The adapter file for `choice`: 'command', 'reactor', 'auto' (by the module's _start export)
 * or a path to an adapter module.
 */
export function adapterPath(choice: string, core: Uint8Array): string {
  const kind = choice === 'auto' ? adapterKindFor(core) : choice;
  if (kind === 'command') return commandAdapterPath;
  if (kind === 'reactor') return reactorAdapterPath;
  return kind;
}

export interface ComponentizeOptions {
  /** 'auto' (default), 'command', 'reactor' or a path to a wasi_snapshot_preview1 adapter. */
  adapter?: string;
  /** Explicit [import module name, adapter bytes] pairs; replaces `adapter`. */
  adapters?: Array<[string, Uint8Array]>;
}

/**
 * V8 flags of the wasm-component-ld process. A link makes one component, so jco's wasm-tools
 * module (2.4 MB) runs once, cold: V8's default tiering compiles its hot functions again with
 * TurboFan while the link waits, which costs more than it saves. Baseline code only makes a
 * component with about a third of the CPU time (0.35 s instead of 1.1 s per link, measured on
 * Node 20 for a hello program and for libcurl's 390 KB module), byte-identical. Configure scripts
 * link hundreds of test programs. Set before the module is compiled.
 */
export const COMPONENT_LD_V8_FLAGS: readonly string[] = Object.freeze(['--liftoff-only']);

type WasmTools = typeof import('@bytecodealliance/jco-transpile/wasm-tools');
let wasmTools: Promise<WasmTools> | undefined;

/** Whether the core module imports anything from Preview 1 (and so needs the adapter). */
export function importsPreview1(core: Uint8Array): boolean {
  return moduleInterface(core).imports.some((i) => i.module === ADAPTER_MODULE);
}

/**
 * Wraps a core module into a component. `adapters` are [import module name, adapter bytes]
 * pairs; by default the wasi_snapshot_preview1 adapter chosen by adapterKindFor. An adapter
 * is used only if the module imports its module name.
 */
export async function componentize(core: Uint8Array, options: ComponentizeOptions = {}): Promise<Uint8Array> {
  const imported = new Set(moduleInterface(core).imports.map((i) => i.module));
  const adapters = (
    options.adapters ??
    (imported.has(ADAPTER_MODULE) ? [[ADAPTER_MODULE, readFileSync(adapterPath(options.adapter ?? 'auto', core))]] : [])
  ).filter(([name]) => imported.has(name));
  wasmTools ??= import('@bytecodealliance/jco-transpile/wasm-tools');
  const { componentNew } = await wasmTools;
  return componentNew(core, adapters);
}
