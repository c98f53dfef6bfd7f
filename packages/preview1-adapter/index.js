// The wasi_snapshot_preview1 adapters, as paths and as bytes, and where they came from.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Path of the command adapter: for programs that export _start. */
export const commandAdapterPath = fileURLToPath(new URL('./adapters/wasi_snapshot_preview1.command.wasm', import.meta.url));
/** Path of the reactor adapter: for libraries and programs without _start. */
export const reactorAdapterPath = fileURLToPath(new URL('./adapters/wasi_snapshot_preview1.reactor.wasm', import.meta.url));

/** @returns {Uint8Array} */
export function readCommandAdapter() {
  return readFileSync(commandAdapterPath);
}
/** @returns {Uint8Array} */
export function readReactorAdapter() {
  return readFileSync(reactorAdapterPath);
}

/** Where the adapters came from: source package and version, sha256 of each, and the WASI version they target. */
export const provenance = JSON.parse(readFileSync(new URL('./provenance.json', import.meta.url), 'utf8'));
/** This package's version. */
export const version = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')).version;
