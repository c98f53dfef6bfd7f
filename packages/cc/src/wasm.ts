// Just enough of the WebAssembly binary format to tell what a .wasm file is: a core module
// or a component (the layer field of the header), and a core module's imports and exports.
// It never instantiates or validates anything.

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

const MAGIC = [0x00, 0x61, 0x73, 0x6d];

/**
 * 'core' for a core module, 'component' for a component (layer 1), or undefined when the
 * bytes are not WebAssembly at all.
 */
export function wasmKind(bytes: Uint8Array): 'core' | 'component' | undefined {
  if (bytes.length < 8 || MAGIC.some((b, i) => bytes[i] !== b)) return undefined;
  const layer = (bytes[6] ?? 0) | ((bytes[7] ?? 0) << 8);
  if (layer === 0 && bytes[4] === 1 && bytes[5] === 0) return 'core';
  if (layer === 1) return 'component';
  return undefined;
}

const KIND_NAMES = ['func', 'table', 'memory', 'global', 'tag'];

/** Imports and exports of a core module (throws for anything else). */
export function moduleInterface(bytes: Uint8Array): ModuleInterface {
  if (wasmKind(bytes) !== 'core') throw new Error('not a core WebAssembly module');
  let p = 8;
  const byte = (): number => {
    if (p >= bytes.length) throw new Error('truncated WebAssembly module');
    return bytes[p++] as number;
  };
  const u32 = (): number => {
    let result = 0;
    let shift = 0;
    for (;;) {
      const b = byte();
      result += (b & 0x7f) * 2 ** shift;
      if (!(b & 0x80)) return result;
      shift += 7;
    }
  };
  const name = (): string => {
    const len = u32();
    if (p + len > bytes.length) throw new Error('truncated WebAssembly module');
    const s = new TextDecoder().decode(bytes.subarray(p, p + len));
    p += len;
    return s;
  };
  const limits = (): Limits => {
    const flags = byte();
    const min = u32();
    const max = flags & 1 ? u32() : undefined;
    return { min, max, shared: Boolean(flags & 2), memory64: Boolean(flags & 4) };
  };
  const imports: WasmImport[] = [];
  const exports: WasmExport[] = [];
  while (p < bytes.length) {
    const id = byte();
    const size = u32();
    const end = p + size;
    if (id === 2) {
      const count = u32();
      for (let i = 0; i < count; i++) {
        const module = name();
        const field = name();
        const kind = byte();
        const entry: WasmImport = { module, name: field, kind: KIND_NAMES[kind] ?? `kind${kind}` };
        if (kind === 0) u32();
        else if (kind === 1) {
          byte(); // reference type
          limits();
        } else if (kind === 2) entry.memory = limits();
        else if (kind === 3) p += 2; // value type (single byte for numeric/ref types) + mutability
        else if (kind === 4) {
          byte();
          u32();
        } else throw new Error(`unknown import kind ${kind}`);
        imports.push(entry);
      }
    } else if (id === 7) {
      const count = u32();
      for (let i = 0; i < count; i++) {
        const field = name();
        const kind = byte();
        u32();
        exports.push({ name: field, kind: KIND_NAMES[kind] ?? `kind${kind}` });
      }
    }
    p = end;
  }
  return { imports, exports };
}

/**
 * How a core module wants to be run: 'threads' when it imports a shared memory or
 * wasi.thread-spawn, otherwise 'p1'.
 */
export function coreFlavor(iface: ModuleInterface): 'p1' | 'threads' {
  const threads = iface.imports.some(
    (i) => (i.kind === 'memory' && i.memory?.shared) || (i.module === 'wasi' && i.name === 'thread-spawn'),
  );
  return threads ? 'threads' : 'p1';
}
