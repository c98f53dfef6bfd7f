// Where this package's own files are. The programs that something else executes (the wasi-cc
// CLI that runWasm starts in a child, and wasm-component-ld, which clang runs) are always the
// compiled ones under dist/, whether this module runs compiled (dist/files.js) or as TypeScript
// source in the workspace (src/files.ts): both sit one level below the package root.
import { fileURLToPath } from 'node:url';

/** The package directory (holds package.json). */
export const PACKAGE_ROOT = fileURLToPath(new URL('..', import.meta.url));

/** The compiled wasi-cc command. */
export const WASI_CC_BIN = fileURLToPath(new URL('../dist/bin/wasi-cc.js', import.meta.url));

/** Absolute path of this package's wasm-component-ld (clang runs it through -fuse-ld=PATH). */
export const COMPONENT_LD = fileURLToPath(new URL('../dist/bin/wasm-component-ld.js', import.meta.url));

/**
 * The URL of a module next to the calling one (`from` is its import.meta.url), with the caller's
 * own extension: .js when compiled, .ts when run from source under tsx. For worker entry files.
 */
export function siblingModule(name: string, from: string): URL {
  const ext = from.endsWith('.ts') ? '.ts' : '.js';
  return new URL(`./${name}${ext}`, from);
}
