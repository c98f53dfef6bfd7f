/** Path of the command adapter: for programs that export _start. */
export declare const commandAdapterPath: string;
/** Path of the reactor adapter: for libraries and programs without _start. */
export declare const reactorAdapterPath: string;
export declare function readCommandAdapter(): Uint8Array;
export declare function readReactorAdapter(): Uint8Array;
export interface AdapterProvenance {
  /** The npm package the adapters were taken from, e.g. "@bytecodealliance/jco". */
  sourcePackage: string;
  sourceVersion: string;
  /** The WASI version the adapters import, read from the wasi:cli interfaces they import, e.g. "0.2.12". */
  wasiVersion: string;
  files: { command: { path: string; sha256: string }; reactor: { path: string; sha256: string } };
}
export declare const provenance: AdapterProvenance;
/** This package's version. */
export declare const version: string;
