// Test helpers: temp dirs, raw tarballs (with entries node-tar's packer would never write), an HTTP server.
import { mkdtempSync, readdirSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Header, type HeaderData } from 'tar';

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `wasi-source-${prefix}-`));
}

/** Every entry under dir, recursively, as relative paths. */
export function listAll(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort();
}

export interface RawEntry {
  path: string;
  type?: HeaderData['type'];
  body?: string;
  linkpath?: string;
  mode?: number;
}

/** A plain ustar archive with exactly these headers (paths are written verbatim). */
export function rawTar(entries: RawEntry[]): Buffer {
  const blocks: Buffer[] = [];
  for (const e of entries) {
    const body = Buffer.from(e.body ?? '');
    const type = e.type ?? (e.path.endsWith('/') ? 'Directory' : 'File');
    const header = new Header({
      path: e.path,
      type,
      mode: e.mode ?? (type === 'Directory' ? 0o755 : 0o644),
      size: type === 'File' ? body.length : 0,
      mtime: new Date(0),
      uid: 0,
      gid: 0,
      ...(e.linkpath !== undefined ? { linkpath: e.linkpath } : {}),
    });
    const block = Buffer.alloc(512);
    header.encode(block, 0);
    blocks.push(block);
    if (type === 'File' && body.length) {
      const padded = Buffer.alloc(Math.ceil(body.length / 512) * 512);
      body.copy(padded);
      blocks.push(padded);
    }
  }
  blocks.push(Buffer.alloc(1024));
  return Buffer.concat(blocks);
}

/** A copy of a plain tar archive with one byte of `path`'s data flipped (at `offset`). */
export function flipByteInTar(tar: Buffer, path: string, offset: number): Buffer {
  const out = Buffer.from(tar);
  for (let off = 0; off + 512 <= out.length; ) {
    const h = new Header(out, off);
    if (h.nullBlock) break;
    const size = h.size ?? 0;
    if (h.path === path && h.type === 'File') {
      if (offset >= size) throw new Error(`${path} has only ${size} bytes`);
      out[off + 512 + offset] = out[off + 512 + offset]! ^ 0x20;
      return out;
    }
    off += 512 + Math.ceil(size / 512) * 512;
  }
  throw new Error(`${path} is not in the archive`);
}

export interface TestServer {
  url: string;
  close: () => Promise<void>;
}

export async function serve(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<TestServer> {
  const server = createServer(handler);
  await new Promise<void>((res) => server.listen(0, '127.0.0.1', res));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((res) => {
        server.closeAllConnections();
        server.close(() => res());
      }),
  };
}

/** A port on 127.0.0.1 that nothing listens on (bound, then released). */
export async function closedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((res) => s.listen(0, '127.0.0.1', res));
  const { port } = s.address() as AddressInfo;
  await new Promise<void>((res) => s.close(() => res()));
  return port;
}
