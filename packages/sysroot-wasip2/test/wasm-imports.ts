// A small reader for the parts of WebAssembly binaries the tests look at:
// function imports with their core signatures, and custom sections. Works on
// linked modules and on relocatable objects (wasm-ld input).

export interface FuncImport {
  module: string;
  name: string;
  /** e.g. "(i32 i64 i32) -> ()" */
  signature: string;
}

const VALTYPES: Record<number, string> = { 0x7f: 'i32', 0x7e: 'i64', 0x7d: 'f32', 0x7c: 'f64', 0x7b: 'v128', 0x70: 'funcref', 0x6f: 'externref' };

class Reader {
  constructor(private b: Uint8Array, public p = 0) {}
  byte(): number {
    if (this.p >= this.b.length) throw new Error('unexpected end of the wasm binary');
    return this.b[this.p++]!;
  }
  u32(): number {
    let result = 0;
    let shift = 0;
    for (;;) {
      const x = this.byte();
      result += (x & 0x7f) * 2 ** shift;
      if (!(x & 0x80)) return result;
      shift += 7;
    }
  }
  bytes(n: number): Uint8Array {
    const out = this.b.subarray(this.p, this.p + n);
    this.p += n;
    return out;
  }
  name(): string {
    return Buffer.from(this.bytes(this.u32())).toString('utf8');
  }
  limits(): void {
    const flags = this.byte();
    this.u32();
    if (flags & 1) this.u32();
  }
}

/** [id, payload] for every section; custom sections keep their name in front. */
function sections(bytes: Uint8Array): Array<[number, Uint8Array]> {
  const r = new Reader(bytes, 8);
  const out: Array<[number, Uint8Array]> = [];
  while (r.p < bytes.length) {
    const id = r.byte();
    const size = r.u32();
    out.push([id, r.bytes(size)]);
  }
  return out;
}

export function functionImports(bytes: Uint8Array): FuncImport[] {
  const types: string[] = [];
  const imports: FuncImport[] = [];
  for (const [id, payload] of sections(bytes)) {
    const r = new Reader(payload);
    if (id === 1) {
      for (let n = r.u32(); n > 0; n--) {
        const form = r.byte();
        if (form !== 0x60) throw new Error(`unsupported type form 0x${form.toString(16)}`);
        const params = Array.from({ length: r.u32() }, () => VALTYPES[r.byte()] ?? '?');
        const results = Array.from({ length: r.u32() }, () => VALTYPES[r.byte()] ?? '?');
        types.push(`(${params.join(' ')}) -> (${results.join(' ')})`);
      }
    } else if (id === 2) {
      for (let n = r.u32(); n > 0; n--) {
        const module = r.name();
        const name = r.name();
        const kind = r.byte();
        if (kind === 0) {
          imports.push({ module, name, signature: types[r.u32()] ?? '?' });
        } else if (kind === 1) {
          r.byte();
          r.limits();
        } else if (kind === 2) {
          r.limits();
        } else if (kind === 3) {
          r.byte();
          r.byte();
        } else if (kind === 4) {
          r.byte();
          r.u32();
        } else {
          throw new Error(`unsupported import kind ${kind}`);
        }
      }
    }
  }
  return imports;
}

export function customSections(bytes: Uint8Array): Array<{ name: string; payload: Uint8Array }> {
  const out: Array<{ name: string; payload: Uint8Array }> = [];
  for (const [id, payload] of sections(bytes)) {
    if (id !== 0) continue;
    const r = new Reader(payload);
    const name = r.name();
    out.push({ name, payload: payload.subarray(r.p) });
  }
  return out;
}

/**
 * The classic import naming (`wasi:io/poll@0.2.0`, `[resource-drop]pollable`)
 * for a name in the newer form the WIT tooling's dummy modules use
 * (`cm32p2|wasi:io/poll@0.2`, `pollable_drop`). Classic names pass unchanged.
 */
export function classicImportName(module: string, name: string, version: string): { module: string; name: string } {
  const m = /^cm32p2\|(.*)@([0-9.]+)$/.exec(module);
  if (!m) return { module, name };
  if (!version.startsWith(m[2]!)) throw new Error(`${module}: version ${m[2]} is not a prefix of ${version}`);
  const drop = /^(.*)_drop$/.exec(name);
  return { module: `${m[1]}@${version}`, name: drop && !name.startsWith('[') ? `[resource-drop]${drop[1]}` : name };
}
