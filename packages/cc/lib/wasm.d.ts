export interface Limits {
  min: number;
  max: number | undefined;
  shared: boolean;
  memory64: boolean;
}
export interface WasmImport {
  module: string;
  name: string;
  kind: string;
  /** For memory imports. */
  memory?: Limits;
}
export interface WasmExport {
  name: string;
  kind: string;
}
export interface ModuleInterface {
  imports: WasmImport[];
  exports: WasmExport[];
}
/** 'core', 'component', or undefined when the bytes are not WebAssembly. */
export declare function wasmKind(bytes: Uint8Array): 'core' | 'component' | undefined;
/** Imports and exports of a core module (throws for anything else). */
export declare function moduleInterface(bytes: Uint8Array): ModuleInterface;
/** 'threads' when the module imports a shared memory or wasi.thread-spawn, otherwise 'p1'. */
export declare function coreFlavor(iface: ModuleInterface): 'p1' | 'threads';
