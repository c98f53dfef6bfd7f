// Malicious or malformed tarballs are refused before anything is written outside the temp dir,
// and unknown provider names fail with a clear error.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { loadManifest } from '@wasi-sysroots/recipe';
import {
  ArchiveFormatError,
  detectArchiveFormat,
  extractArchive,
  fetchSource,
  LocalSourceError,
  UnknownProviderError,
  UnsafeArchiveError,
  type ProviderName,
} from '../src/index.ts';
import { listAll, rawTar, tempDir, type RawEntry } from './helpers.ts';

const manifest = loadManifest();
let base: string;

before(() => {
  base = tempDir('safety');
});
after(() => rmSync(base, { recursive: true, force: true }));

const prefix: RawEntry[] = [
  { path: 'wasi-libc-x/' },
  { path: 'wasi-libc-x/Makefile', body: 'all:\n' },
];

const OUTSIDE = 'it would be written outside the extraction directory';
const cases: Array<{ name: string; entry: RawEntry; message: string }> = [
  { name: '../evil.c', entry: { path: '../evil.c', body: 'evil' }, message: `refusing tarball entry ../evil.c: ${OUTSIDE}` },
  { name: '/abs.c', entry: { path: '/abs.c', body: 'evil' }, message: `refusing tarball entry /abs.c: ${OUTSIDE}` },
  { name: 'a/../../x', entry: { path: 'a/../../x', body: 'evil' }, message: `refusing tarball entry a/../../x: ${OUTSIDE}` },
  {
    name: 'wasi-libc-x/../../x (inside the top folder)',
    entry: { path: 'wasi-libc-x/../../x', body: 'evil' },
    message: `refusing tarball entry wasi-libc-x/../../x: ${OUTSIDE}`,
  },
  {
    name: 'a symlink',
    entry: { path: 'wasi-libc-x/link', type: 'SymbolicLink', linkpath: '/etc/passwd' },
    message: 'refusing tarball entry wasi-libc-x/link: it is a SymbolicLink to /etc/passwd; only regular files and directories are allowed',
  },
  {
    name: 'a hard link',
    entry: { path: 'wasi-libc-x/hard', type: 'Link', linkpath: 'wasi-libc-x/Makefile' },
    message: 'refusing tarball entry wasi-libc-x/hard: it is a Link to wasi-libc-x/Makefile; only regular files and directories are allowed',
  },
  {
    name: 'a character device',
    entry: { path: 'wasi-libc-x/null', type: 'CharacterDevice' },
    message: 'refusing tarball entry wasi-libc-x/null: it is a CharacterDevice; only regular files and directories are allowed',
  },
];

for (const c of cases) {
  test(`malicious tarball entry is refused: ${c.name}`, async () => {
    const dir = join(base, `case-${cases.indexOf(c)}`);
    const cacheDir = join(dir, 'cache', 'source');
    mkdirSync(dir, { recursive: true });
    const tarball = join(dir, 'evil.tar');
    // Also put the bad entry first, before any top-level folder was seen.
    for (const entries of [[...prefix, c.entry], [c.entry, ...prefix]]) {
      writeFileSync(tarball, rawTar(entries));
      await assert.rejects(fetchSource({ manifest, providers: ['local'], localPath: tarball, cacheDir }), (e: Error) => {
        assert.ok(e instanceof UnsafeArchiveError, String(e));
        assert.ok(e.message.startsWith(c.message), e.message);
        return true;
      });
      assert.deepEqual(readdirSync(cacheDir), [], 'nothing left in the cache');
      assert.deepEqual(listAll(dir), ['cache', 'cache/source', 'evil.tar'], 'nothing written next to the cache');
    }
    assert.equal(existsSync('/abs.c'), false);
    assert.equal(existsSync(join(base, 'evil.c')), false);
    assert.equal(existsSync(join(base, 'x')), false);
  });
}

test('a tarball without a single top-level folder is refused', async () => {
  const cacheDir = join(base, 'two-tops');
  const tarball = join(base, 'two-tops.tar');
  writeFileSync(tarball, rawTar([...prefix, { path: 'other/Makefile', body: 'x' }]));
  await assert.rejects(fetchSource({ manifest, providers: ['local'], localPath: tarball, cacheDir }), (e: Error) => {
    assert.ok(e instanceof ArchiveFormatError, String(e));
    assert.match(e.message, /entries under both wasi-libc-x\/ and other\/; a source tarball must hold exactly one top-level folder/);
    return true;
  });
  assert.deepEqual(readdirSync(cacheDir), []);
});

test('a file that is not an archive is refused by its magic bytes', async () => {
  const cacheDir = join(base, 'not-tar');
  const file = join(base, 'not-a.tar.gz');
  writeFileSync(file, 'hello, this is not a tarball');
  await assert.rejects(fetchSource({ manifest, providers: ['local'], localPath: file, cacheDir }), (e: Error) => {
    assert.ok(e instanceof ArchiveFormatError, String(e));
    assert.match(e.message, /is not a \.tar, \.tar\.gz, \.tar\.xz or \.tar\.bz2 archive/);
    return true;
  });
});

test('an unknown provider name fails before anything happens', async () => {
  const cacheDir = join(base, 'unknown');
  await assert.rejects(fetchSource({ manifest, providers: ['apt', 'ftp' as ProviderName], cacheDir }), (e: Error) => {
    assert.ok(e instanceof UnknownProviderError);
    assert.equal(
      e.message,
      'unknown source provider "ftp". Known providers: local, apt, url. Fix the provider list (WASI_LIBC_PROVIDERS or --provider), for example WASI_LIBC_PROVIDERS=apt,url.',
    );
    return true;
  });
  await assert.rejects(fetchSource({ manifest, cacheDir, env: { WASI_LIBC_PROVIDERS: 'url, git' } }), /unknown source provider "git"/);
  assert.equal(existsSync(cacheDir), false);
});

test('the local provider without a path says how to set one', async () => {
  const cacheDir = join(base, 'no-local');
  await assert.rejects(fetchSource({ manifest, providers: ['local'], cacheDir, env: {} }), (e: Error) => {
    assert.ok(e instanceof LocalSourceError);
    assert.match(e.message, /^the local provider has no path: set WASI_LIBC_SOURCE \(or --local\)/);
    return true;
  });
  await assert.rejects(
    fetchSource({ manifest, providers: ['local'], localPath: join(base, 'does-not-exist'), cacheDir }),
    /LocalSourceError: the local source .*does-not-exist does not exist\. Point WASI_LIBC_SOURCE \(or --local\) at/,
  );
  assert.deepEqual(readdirSync(cacheDir), []);
});

test('a .tar.bz2 (some Debian orig tarballs, e.g. zlib) is detected by its magic bytes and extracted through bzip2', async () => {
  const dir = join(base, 'bz2');
  mkdirSync(join(dir, 'in', 'proj-1.0', 'sub'), { recursive: true });
  writeFileSync(join(dir, 'in', 'proj-1.0', 'sub', 'a.c'), 'int a;\n');
  const file = join(dir, 'proj.tar.bz2');
  const r = spawnSync('tar', ['-cjf', file, '-C', join(dir, 'in'), 'proj-1.0']);
  assert.equal(r.status, 0, r.stderr?.toString());
  assert.equal(await detectArchiveFormat(file), 'tar.bz2');
  await extractArchive(file, join(dir, 'out'));
  assert.deepEqual(listAll(join(dir, 'out')), ['sub', 'sub/a.c']);
});
