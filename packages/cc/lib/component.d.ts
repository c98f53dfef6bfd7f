/** The import module name the Preview 1 adapter provides. */
export declare const ADAPTER_MODULE: 'wasi_snapshot_preview1';
/** 'command' when the module exports _start (a program), 'reactor' otherwise. */
export declare function adapterKindFor(core: Uint8Array): 'command' | 'reactor';
/** The adapter file for 'command', 'reactor', 'auto' (by the _start export) or a path. */
export declare function adapterPath(choice: string, core: Uint8Array): string;
export interface ComponentizeOptions {
  /** 'auto' (default), 'command', 'reactor' or a path to a wasi_snapshot_preview1 adapter. */
  adapter?: string;
  /** Explicit [import module name, adapter bytes] pairs; replaces `adapter`. */
  adapters?: Array<[string, Uint8Array]>;
}
/** Wraps a core module into a Preview 2 component with jco's componentNew. */
export declare function componentize(core: Uint8Array, options?: ComponentizeOptions): Promise<Uint8Array>;
/** A temporary path in the same directory as `path`. */
export declare function tempPathFor(path: string): string;
/** Writes through a temporary file and a rename: never a partial file at `path`. */
export declare function writeFileAtomic(path: string, bytes: Uint8Array, mode?: number): void;
