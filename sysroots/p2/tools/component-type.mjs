#!/usr/bin/env node
// Encodes a WIT world as a component-type section payload, for libc.a.
//
//   node component-type.mjs <wit dir> <world> <out.inc>
//
// jco's componentEmbed (wasm-tools' WIT encoder) embeds the world into an empty
// core module; the payload of the module's `component-type` custom section is
// written to <out.inc> as assembler `.byte` lines in C string literals, which
// component-type.c puts in a `component-type:wasi-sysroots-libc` custom section.
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
// The encoder runs as a component on preview2-shim and reads the WIT files
// through the shim's filesystem, which has no preopens by default.
import { _setPreopens } from '@bytecodealliance/preview2-shim/filesystem';
import { componentEmbed } from '@bytecodealliance/jco';

const [witDir, world, out] = process.argv.slice(2);
if (!witDir || !world || !out) {
  console.error('usage: component-type.mjs <wit dir> <world> <out.inc>');
  process.exit(2);
}
_setPreopens({ '/': '/' });

const EMPTY_MODULE = new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]);
const embedded = await componentEmbed({ binary: EMPTY_MODULE, witPath: resolve(witDir), world });

/** The custom sections of a core module, as [name, payload] pairs. */
function customSections(bytes) {
  const b = Buffer.from(bytes);
  let p = 8;
  const leb = () => {
    let r = 0, s = 0, x;
    do { x = b[p++]; r += (x & 0x7f) * 2 ** s; s += 7; } while (x & 0x80);
    return r;
  };
  const found = [];
  while (p < b.length) {
    const id = b[p++];
    const size = leb();
    const end = p + size;
    if (id === 0) {
      const nameLen = leb();
      const name = b.subarray(p, p + nameLen).toString('utf8');
      found.push([name, b.subarray(p + nameLen, end)]);
    }
    p = end;
  }
  return found;
}

const sections = customSections(embedded).filter(([name]) => name.startsWith('component-type'));
if (sections.length !== 1) {
  console.error(`component-type.mjs: expected one component-type section, found ${sections.length}`);
  process.exit(1);
}
const payload = sections[0][1];
const lines = [];
for (let i = 0; i < payload.length; i += 16) {
  const bytes = [...payload.subarray(i, i + 16)].map((x) => `0x${x.toString(16).padStart(2, '0')}`);
  lines.push(`".byte ${bytes.join(',')}\\n"`);
}
mkdirSync(dirname(out), { recursive: true });
writeFileSync(`${out}.tmp`, `/* ${payload.length} bytes: WIT world ${world} of ${witDir.replace(/.*\/sysroots\//, 'sysroots/')} */\n${lines.join('\n')}\n`);
renameSync(`${out}.tmp`, out);
