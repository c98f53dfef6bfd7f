// Versions: this package's, and those of the packages it depends on.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

/** @type {string | undefined} */
let cached;

/** This package's version, from its package.json. */
export function packageVersion() {
  cached ??= /** @type {{ version: string }} */ (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'))).version;
  return cached;
}

/**
 * The version of dependency `name` as this package resolves it (found from its entry point, since
 * not every package exports its package.json), or undefined when it is not installed.
 * @param {string} name
 */
export function dependencyVersion(name) {
  /** @type {string} */
  let entry;
  try {
    entry = require.resolve(name);
  } catch {
    return undefined;
  }
  for (let dir = dirname(entry); dir !== dirname(dir); dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (!existsSync(manifest)) continue;
    const json = JSON.parse(readFileSync(manifest, 'utf8'));
    if (json.name === name) return /** @type {string} */ (json.version);
  }
  return undefined;
}
