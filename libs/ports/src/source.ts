// A port's source tree: its pinned Debian orig tarball through the source stage (apt provider,
// verified by sha256, extracted once into the content-addressed cache).
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { SourceManifest } from '@wasi-sysroots/recipe';
import { fetchSource } from '@wasi-sysroots/source';
import type { PortSource } from './recipe.ts';

/** The source manifest of a port: only the Debian pin; PORT_<NAME>_SOURCE etc. override it. */
export function portManifest(name: string, source: PortSource): SourceManifest {
  return {
    name,
    envPrefix: `PORT_${name.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`,
    debian: { package: source.package, version: source.version, origTarball: source.origTarball, origSha256: source.sha256 },
  };
}

/** The one top-level directory of an extracted orig tarball (or the root when there are several). */
export function treeRoot(dir: string): string {
  const entries = readdirSync(dir, { withFileTypes: true });
  return entries.length === 1 && entries[0]!.isDirectory() ? join(dir, entries[0]!.name) : dir;
}

/** The extracted, verified source tree of a port. */
export async function fetchPortSource(name: string, source: PortSource, onMessage?: (m: string) => void): Promise<string> {
  let shown = 0;
  const tree = await fetchSource({
    manifest: portManifest(name, source),
    onProgress: (e) => {
      if (e.phase === 'message') onMessage?.(`source: ${e.message}`);
      else if (e.phase === 'start') onMessage?.(`source: ${e.provider}: ${e.from}`);
      else if (e.phase === 'download' && e.bytes - shown >= 1 << 20) {
        shown = e.bytes;
        onMessage?.(`source: downloaded ${e.bytes}${e.total ? `/${e.total}` : ''} bytes`);
      } else if (e.phase === 'failed') onMessage?.(`source: ${e.provider} failed: ${e.message}`);
    },
  });
  return treeRoot(tree.dir);
}
