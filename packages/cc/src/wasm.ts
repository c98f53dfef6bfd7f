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

/** An unsigned LEB128 number as bytes. */
function leb128(n: number): number[] {
  const out: number[] = [];
  do {
    let b = n % 128;
    n = Math.floor(n / 128);
    if (n) b |= 0x80;
    out.push(b);
  } while (n);
  return out;
}

function concatBytes(parts: Uint8Array[]): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}

function encodeSection(id: number, content: Uint8Array): Uint8Array<ArrayBuffer> {
  return concatBytes([Uint8Array.of(id, ...leb128(content.length)), content]);
}

/** One section of a module or component: its id, and where its content starts and ends. */
interface Section {
  id: number;
  /** Offset of the section's id byte. */
  start: number;
  contentStart: number;
  end: number;
}

/** The sections of a module or component (after the 8-byte header). */
function sections(bytes: Uint8Array): Section[] {
  const out: Section[] = [];
  let p = 8;
  while (p < bytes.length) {
    const start = p;
    const id = bytes[p] as number;
    const size = readU32(bytes, p + 1);
    if (size.next + size.value > bytes.length) throw new Error('truncated WebAssembly binary');
    out.push({ id, start, contentStart: size.next, end: size.next + size.value });
    p = size.next + size.value;
  }
  return out;
}

/** The custom section that marks a stand-in and holds the index of the module it stands for. */
const STAND_IN_SECTION = 'wasi-cc:stand-in';

// Core module section ids.
const CUSTOM = 0;
const EXPORT = 7;
const CODE = 10;
const DATA = 11;
const DATA_COUNT = 12;
const TAG = 13;
// Component section ids.
const CORE_MODULE = 1;
const COMPONENT = 4;

/**
 * A module with the same interface as `module` and no code: the same types, imports, functions,
 * tables, memories, globals, exports (but tags), start and element segments; every function body
 * is `unreachable`; no tags, data or custom sections but the stand-in mark holding `index`. It
 * validates with no proposal beyond what the interface itself uses, whatever the code did (legacy
 * exception handling, say).
 */
export function standInModule(module: Uint8Array, index: number): Uint8Array<ArrayBuffer> {
  if (wasmKind(module) !== 'core') throw new Error('not a core WebAssembly module');
  const parts: Uint8Array[] = [module.subarray(0, 8)];
  for (const s of sections(module)) {
    if (s.id === CUSTOM || s.id === DATA || s.id === DATA_COUNT || s.id === TAG) continue;
    if (s.id === CODE) {
      const { value: count } = readU32(module, s.contentStart);
      const body = [0x03, 0x00, 0x00, 0x0b]; // size 3: no locals, unreachable, end
      parts.push(encodeSection(CODE, Uint8Array.from([...leb128(count), ...Array.from({ length: count }, () => body).flat()])));
    } else if (s.id === EXPORT) {
      parts.push(encodeSection(EXPORT, exportsWithoutTags(module.subarray(s.contentStart, s.end))));
    } else {
      parts.push(module.subarray(s.start, s.end));
    }
  }
  const name = new TextEncoder().encode(STAND_IN_SECTION);
  parts.push(encodeSection(CUSTOM, Uint8Array.from([...leb128(name.length), ...name, ...leb128(index)])));
  return concatBytes(parts);
}

function readU32(bytes: Uint8Array, at: number): { value: number; next: number } {
  let value = 0;
  let shift = 0;
  let p = at;
  for (;;) {
    if (p >= bytes.length) throw new Error('truncated WebAssembly binary');
    const b = bytes[p++] as number;
    value += (b & 0x7f) * 2 ** shift;
    if (!(b & 0x80)) return { value, next: p };
    shift += 7;
  }
}

/** An export section's content without its tag exports. */
function exportsWithoutTags(content: Uint8Array): Uint8Array {
  const count = readU32(content, 0).value;
  let p = readU32(content, 0).next;
  const kept: Uint8Array[] = [];
  for (let i = 0; i < count; i++) {
    const start = p;
    const len = readU32(content, p);
    p = len.next + len.value;
    const kind = content[p++];
    p = readU32(content, p).next;
    if (kind !== 4) kept.push(content.subarray(start, p));
  }
  return concatBytes([Uint8Array.from(leb128(kept.length)), ...kept]);
}

/** The module index in a stand-in's mark, or undefined when `module` is no stand-in. */
export function standInIndex(module: Uint8Array): number | undefined {
  if (wasmKind(module) !== 'core') return undefined;
  const mark = new TextEncoder().encode(STAND_IN_SECTION);
  for (const s of sections(module)) {
    if (s.id !== CUSTOM) continue;
    const len = readU32(module, s.contentStart);
    const name = module.subarray(len.next, len.next + len.value);
    if (name.length === mark.length && name.every((b, i) => b === mark[i])) return readU32(module, len.next + len.value).value;
  }
  return undefined;
}

/**
 * `component` with every core module (nested components' included) replaced by its stand-in, and
 * the real modules by stand-in index.
 */
export function standInComponent(component: Uint8Array): { component: Uint8Array; modules: Uint8Array[] } {
  const modules: Uint8Array[] = [];
  const rewrite = (bytes: Uint8Array): Uint8Array => {
    const parts: Uint8Array[] = [bytes.subarray(0, 8)];
    for (const s of sections(bytes)) {
      const content = bytes.subarray(s.contentStart, s.end);
      if (s.id === CORE_MODULE) {
        modules.push(content);
        parts.push(encodeSection(CORE_MODULE, standInModule(content, modules.length - 1)));
      } else if (s.id === COMPONENT) {
        parts.push(encodeSection(COMPONENT, rewrite(content)));
      } else {
        parts.push(bytes.subarray(s.start, s.end));
      }
    }
    return concatBytes(parts);
  };
  if (wasmKind(component) !== 'component') throw new Error('not a WebAssembly component');
  return { component: rewrite(component), modules };
}
