// Just enough of the WebAssembly binary format to tell what a .wasm file is: a core module
// or a component (the layer field of the header), and a core module's imports and exports.
// It never instantiates or validates anything.

const MAGIC = [0x00, 0x61, 0x73, 0x6d];

/**
 * 'core' for a core module, 'component' for a component (layer 1), or undefined when the
 * bytes are not WebAssembly at all.
 * @param {Uint8Array} bytes
 * @returns {'core' | 'component' | undefined}
 */
export function wasmKind(bytes) {
  if (bytes.length < 8 || MAGIC.some((b, i) => bytes[i] !== b)) return undefined;
  const layer = bytes[6] | (bytes[7] << 8);
  if (layer === 0 && bytes[4] === 1 && bytes[5] === 0) return 'core';
  if (layer === 1) return 'component';
  return undefined;
}

const KIND_NAMES = ['func', 'table', 'memory', 'global', 'tag'];

/**
 * Imports and exports of a core module.
 * @param {Uint8Array} bytes
 * @returns {import('./wasm.js').ModuleInterface}
 */
export function moduleInterface(bytes) {
  if (wasmKind(bytes) !== 'core') throw new Error('not a core WebAssembly module');
  let p = 8;
  const u32 = () => {
    let result = 0;
    let shift = 0;
    for (;;) {
      if (p >= bytes.length) throw new Error('truncated WebAssembly module');
      const b = bytes[p++];
      result += (b & 0x7f) * 2 ** shift;
      if (!(b & 0x80)) return result;
      shift += 7;
    }
  };
  const name = () => {
    const len = u32();
    const s = new TextDecoder().decode(bytes.subarray(p, p + len));
    p += len;
    return s;
  };
  const limits = () => {
    const flags = bytes[p++];
    const min = u32();
    const max = flags & 1 ? u32() : undefined;
    return { min, max, shared: Boolean(flags & 2), memory64: Boolean(flags & 4) };
  };
  /** @type {import('./wasm.js').WasmImport[]} */
  const imports = [];
  /** @type {import('./wasm.js').WasmExport[]} */
  const exports = [];
  while (p < bytes.length) {
    const id = bytes[p++];
    const size = u32();
    const end = p + size;
    if (id === 2) {
      const count = u32();
      for (let i = 0; i < count; i++) {
        const module = name();
        const field = name();
        const kind = bytes[p++];
        /** @type {import('./wasm.js').WasmImport} */
        const entry = { module, name: field, kind: KIND_NAMES[kind] ?? `kind${kind}` };
        if (kind === 0) u32();
        else if (kind === 1) {
          p++; // reference type
          limits();
        } else if (kind === 2) entry.memory = limits();
        else if (kind === 3) p += 2; // value type (single byte for numeric/ref types) + mutability
        else if (kind === 4) {
          p++;
          u32();
        } else throw new Error(`unknown import kind ${kind}`);
        imports.push(entry);
      }
    } else if (id === 7) {
      const count = u32();
      for (let i = 0; i < count; i++) {
        const field = name();
        const kind = bytes[p++];
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
 * @param {import('./wasm.js').ModuleInterface} iface
 * @returns {'p1' | 'threads'}
 */
export function coreFlavor(iface) {
  const threads = iface.imports.some(
    (i) => (i.kind === 'memory' && i.memory?.shared) || (i.module === 'wasi' && i.name === 'thread-spawn'),
  );
  return threads ? 'threads' : 'p1';
}
