// Any pinned Debian source package through the same stage: a manifest pinned only by its orig
// tarball's sha256 (whole tree, as ports use), a manifest that keeps only some nested paths (as the
// LLVM runtimes one does), the apt suite override, and the real LLVM runtimes source.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { loadLlvmManifest, loadSourceManifest, ManifestError, type SourceManifest } from '@wasi-sysroots/recipe';
import {
  ArchiveFormatError,
  cacheKey,
  deriveDebSrc,
  fetchSource,
  hashPath,
  LocalSourceError,
  makeListing,
  SourceIntegrityError,
  type ProgressEvent,
} from '../src/index.ts';
import { flipByteInTar, listAll, rawTar, serve, tempDir } from './helpers.ts';

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

let base: string;
let n = 0;
const freshCache = () => join(base, `cache-${++n}`);

// A small "project-1.0" orig tarball: pinned by sha256 only, whole tree kept.
const projectTar = rawTar([
  { path: 'project-1.0/' },
  { path: 'project-1.0/configure', body: '#!/bin/sh\necho configured\n', mode: 0o755 },
  { path: 'project-1.0/src/' },
  { path: 'project-1.0/src/main.c', body: 'int main(void) { return 0; }\n' },
]);
const shaOnly = (tar: Buffer): SourceManifest => ({
  name: 'project',
  envPrefix: 'WASI_TEST_PROJECT',
  debian: { package: 'project', version: '1.0-1', origTarball: 'project_1.0.orig.tar', origSha256: sha256(tar), origBytes: tar.length },
});

// A "big-2.0" tarball of which only keep/inner and top.txt are kept, pinned by git ids.
const bigEntries = [
  { path: 'big-2.0/' },
  { path: 'big-2.0/top.txt', body: 'top\n' },
  { path: 'big-2.0/keep/' },
  { path: 'big-2.0/keep/inner/' },
  { path: 'big-2.0/keep/inner/a.c', body: 'int a;\n' },
  { path: 'big-2.0/keep/inner/b.c', body: 'int b;\n' },
  { path: 'big-2.0/keep/other.c', body: 'not kept\n' },
  // Not kept, so never written: a link that the safety rules would refuse if it were.
  { path: 'big-2.0/tests/', type: 'Directory' as const },
  { path: 'big-2.0/tests/link', type: 'SymbolicLink' as const, linkpath: '../../outside' },
];
const bigTar = rawTar(bigEntries);
let bigManifest: SourceManifest;

before(() => {
  base = tempDir('debian');
  // Pins computed from the files themselves.
  const tree = join(base, 'big-tree');
  mkdirSync(join(tree, 'keep', 'inner'), { recursive: true });
  writeFileSync(join(tree, 'top.txt'), 'top\n');
  writeFileSync(join(tree, 'keep', 'inner', 'a.c'), 'int a;\n');
  writeFileSync(join(tree, 'keep', 'inner', 'b.c'), 'int b;\n');
  bigManifest = {
    name: 'big',
    envPrefix: 'WASI_TEST_BIG',
    debian: { package: 'big', version: '2.0-1', origTarball: 'big_2.0.orig.tar', origSha256: sha256(bigTar) },
    extract: 'objects',
    objects: {
      'keep/inner': { type: 'tree', id: hashPath(join(tree, 'keep', 'inner'), 'inner')!.id },
      'top.txt': { type: 'blob', id: hashPath(join(tree, 'top.txt'), 'top.txt')!.id },
    },
    listing: join(base, 'big-listing.txt'),
  };
  writeFileSync(bigManifest.listing!, makeListing(tree, bigManifest));
});
after(() => rmSync(base, { recursive: true, force: true }));

function writeTar(name: string, data: Buffer): string {
  const file = join(base, name);
  writeFileSync(file, data);
  return file;
}

describe('a source pinned only by its orig tarball sha256 (whole tree)', () => {
  test('a local tarball: whole tree extracted, cached by the sha256, then a cache hit', async () => {
    const cacheDir = freshCache();
    const manifest = shaOnly(projectTar);
    const file = writeTar('project.tar', projectTar);
    const got = await fetchSource({ manifest, providers: ['local'], localPath: file, cacheDir });
    assert.equal(got.provider, 'local');
    assert.equal(got.key, cacheKey(manifest));
    assert.deepEqual(listAll(got.dir), ['.verified', 'configure', 'src', 'src/main.c']);
    assert.equal(readFileSync(join(got.dir, 'src/main.c'), 'utf8'), 'int main(void) { return 0; }\n');
    const events: ProgressEvent[] = [];
    const again = await fetchSource({ manifest, providers: ['local'], localPath: join(base, 'gone.tar'), cacheDir, onProgress: (e) => events.push(e) });
    assert.equal(again.provider, 'cache');
    assert.deepEqual(events.map((e) => e.phase), ['hit']);
  });

  test('the environment variables follow the manifest envPrefix', async () => {
    const cacheDir = freshCache();
    const file = writeTar('project-env.tar', projectTar);
    const got = await fetchSource({ manifest: shaOnly(projectTar), cacheDir, env: { WASI_TEST_PROJECT_PROVIDERS: 'local', WASI_TEST_PROJECT_SOURCE: file } });
    assert.equal(got.provider, 'local');
    await assert.rejects(
      fetchSource({ manifest: shaOnly(projectTar), cacheDir: freshCache(), env: { WASI_TEST_PROJECT_PROVIDERS: 'local,git' } }),
      /unknown source provider "git".*WASI_TEST_PROJECT_PROVIDERS/,
    );
  });

  test('a tampered tarball is refused by its sha256 and nothing is cached', async () => {
    const cacheDir = freshCache();
    const file = writeTar('project-bad.tar', flipByteInTar(projectTar, 'project-1.0/src/main.c', 4));
    await assert.rejects(fetchSource({ manifest: shaOnly(projectTar), providers: ['local'], localPath: file, cacheDir }), (e: Error) => {
      assert.ok(e instanceof SourceIntegrityError, e.message);
      assert.equal(e.path, 'project_1.0.orig.tar');
      assert.match(e.message, new RegExp(`but the manifest pins ${sha256(projectTar)}.*Nothing was cached`));
      return true;
    });
    assert.deepEqual(listAll(cacheDir), []);
  });

  test('a truncated tarball is refused and says it is truncated', async () => {
    const file = writeTar('project-short.tar', projectTar.subarray(0, 1024));
    await assert.rejects(fetchSource({ manifest: shaOnly(projectTar), providers: ['local'], localPath: file, cacheDir: freshCache() }), (e: Error) => {
      assert.ok(e instanceof SourceIntegrityError, e.message);
      assert.match(e.message, new RegExp(`it is truncated: 1024 of ${projectTar.length} bytes`));
      return true;
    });
  });

  test('a missing local source and a local directory are refused with the variable to set', async () => {
    await assert.rejects(fetchSource({ manifest: shaOnly(projectTar), providers: ['local'], localPath: join(base, 'nope.tar'), cacheDir: freshCache() }), (e: Error) => {
      assert.ok(e instanceof LocalSourceError);
      assert.match(e.message, /nope\.tar does not exist\. Point WASI_TEST_PROJECT_SOURCE/);
      return true;
    });
    await assert.rejects(fetchSource({ manifest: shaOnly(projectTar), providers: ['local'], localPath: base, cacheDir: freshCache() }), (e: Error) => {
      assert.ok(e instanceof LocalSourceError);
      assert.match(e.message, /is a directory, but project is pinned only by its tarball's sha256: point WASI_TEST_PROJECT_SOURCE at project_1\.0\.orig\.tar itself/);
      return true;
    });
  });

  test('the url provider checks the download against the sha256; without a URL it says which variable to set', async () => {
    const bad = flipByteInTar(projectTar, 'project-1.0/configure', 3);
    const server = await serve((req, res) => {
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      res.end(req.url === '/good' ? projectTar : bad);
    });
    try {
      const got = await fetchSource({ manifest: shaOnly(projectTar), providers: ['url'], url: `${server.url}/good`, cacheDir: freshCache() });
      assert.equal(got.provider, 'url');
      assert.equal(readFileSync(join(got.dir, 'configure'), 'utf8'), '#!/bin/sh\necho configured\n');
      await assert.rejects(
        fetchSource({ manifest: shaOnly(projectTar), providers: ['url'], url: `${server.url}/bad`, cacheDir: freshCache() }),
        (e: Error) => e instanceof SourceIntegrityError && /the archive at http:\/\/127\.0\.0\.1:\d+\/bad has sha256/.test(e.message),
      );
    } finally {
      await server.close();
    }
    await assert.rejects(fetchSource({ manifest: shaOnly(projectTar), providers: ['url'], cacheDir: freshCache(), env: {} }), /no URL for project: set WASI_TEST_PROJECT_SOURCE_URL/);
  });
});

describe('a source that keeps only pinned nested paths', () => {
  test('only the pinned paths are extracted and verified; the rest is skipped unwritten', async () => {
    const file = writeTar('big.tar', bigTar);
    const got = await fetchSource({ manifest: bigManifest, providers: ['local'], localPath: file, cacheDir: freshCache() });
    assert.deepEqual(listAll(got.dir), ['.verified', 'keep', 'keep/inner', 'keep/inner/a.c', 'keep/inner/b.c', 'top.txt']);
  });

  test('a changed byte in a kept file is refused naming that file (through the manifest listing)', async () => {
    const file = writeTar('big-bad.tar', flipByteInTar(bigTar, 'big-2.0/keep/inner/b.c', 2));
    const cacheDir = freshCache();
    await assert.rejects(fetchSource({ manifest: bigManifest, providers: ['local'], localPath: file, cacheDir }), (e: Error) => {
      assert.ok(e instanceof SourceIntegrityError, e.message);
      assert.equal(e.path, 'keep/inner/b.c');
      assert.match(e.message, /content differs from the pinned upstream/);
      return true;
    });
    assert.deepEqual(listAll(cacheDir), []);
  });

  test('a changed byte outside the kept paths does not matter', async () => {
    const file = writeTar('big-other.tar', flipByteInTar(bigTar, 'big-2.0/keep/other.c', 1));
    const got = await fetchSource({ manifest: bigManifest, providers: ['local'], localPath: file, cacheDir: freshCache() });
    assert.equal(existsSync(join(got.dir, 'keep/other.c')), false);
  });

  test('a tarball holding none of the kept paths says so', async () => {
    const file = writeTar('unrelated.tar', projectTar);
    await assert.rejects(fetchSource({ manifest: bigManifest, providers: ['local'], localPath: file, cacheDir: freshCache() }), (e: Error) => {
      assert.ok(e instanceof ArchiveFormatError, e.message);
      assert.match(e.message, /holds none of the paths this source keeps \(keep\/inner, top\.txt\)/);
      return true;
    });
  });
});

test('deriveDebSrc with a suite keeps only release entries and names that suite', () => {
  const dir = join(base, 'apt');
  mkdirSync(join(dir, 'parts'), { recursive: true });
  writeFileSync(
    join(dir, 'parts', 'debian.sources'),
    'Types: deb\nURIs: http://one.invalid/debian\nSuites: bookworm bookworm-updates\nComponents: main\n\n' +
      'Types: deb\nURIs: http://one.invalid/debian-security\nSuites: bookworm-security\nComponents: main\n',
  );
  writeFileSync(join(dir, 'list'), 'deb [arch=amd64] http://two.invalid/debian bookworm main\ndeb http://two.invalid/debian bookworm-updates main\n');
  const got = deriveDebSrc({ sourcesList: join(dir, 'list'), sourceParts: join(dir, 'parts') }, 'trixie');
  assert.equal(got.deb822, 'Types: deb-src\nURIs: http://one.invalid/debian\nSuites: trixie\nComponents: main\n');
  assert.equal(got.list, 'deb-src [arch=amd64] http://two.invalid/debian trixie main\n');
});

test('loadSourceManifest names the field that is wrong', () => {
  const file = join(base, 'bad-manifest.json');
  const cases: Array<[unknown, RegExp]> = [
    [{ debian: {} }, /has no "name"/],
    [{ name: 'x' }, /has no "debian" object/],
    [{ name: 'x', debian: { package: 'x', version: '1', origTarball: 'x.tar' } }, /has no "debian.origSha256"/],
    [{ name: 'x', debian: { package: 'x', version: '1', origTarball: 'x.tar', origSha256: 'abc' } }, /not 64 lowercase hex digits/],
    [{ ...shaOnly(projectTar), objects: { '../up': { type: 'tree', id: 'a'.repeat(40) } } }, /object path "\.\.\/up" is not a plain relative path/],
  ];
  for (const [data, re] of cases) {
    writeFileSync(file, JSON.stringify(data));
    assert.throws(() => loadSourceManifest(file), (e: Error) => e instanceof ManifestError && re.test(e.message) && e.message.startsWith(file));
  }
  writeFileSync(file, '{');
  assert.throws(() => loadSourceManifest(file), /cannot be read as JSON/);
});

test('the LLVM runtimes source (Debian llvm-toolchain-22 from trixie) is fetched once, verified and cached', async () => {
  const manifest = loadLlvmManifest();
  assert.equal(manifest.debian.origSha256, 'b49b9277aef97616320b2da259e1f8174c65b0ce2fbe2e8629644a97693402fe');
  assert.equal(manifest.debian.origBytes, 196_630_560);
  // Default cache and providers: `npm run setup` has fetched it already, so this is a cache hit.
  const tree = await fetchSource({ manifest });
  for (const p of ['runtimes/CMakeLists.txt', 'libcxx/include/iostream', 'libcxxabi/src/cxa_exception.cpp', 'libunwind/src/Unwind-wasm.c', 'libc/shared/fp_bits.h']) {
    assert.ok(existsSync(join(tree.dir, p)), p);
  }
  assert.equal(existsSync(join(tree.dir, 'libcxx/test')), false);
  assert.equal(existsSync(join(tree.dir, 'clang')), false);
});
