// fetchSource end to end: apt (real apt-get, once per file), cache hits, local tarballs and
// directories, tamper detection, and the url provider against a real local HTTP server.
import assert from 'node:assert/strict';
import { chmodSync, cpSync, utimesSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { create as tarCreate } from 'tar';
import { loadManifest } from '@wasi-sysroots/recipe';
import {
  blobId,
  cacheKey,
  DownloadError,
  fetchSource,
  SourceFetchError,
  SourceIntegrityError,
  verifyTree,
  type ProgressEvent,
  type SourceTree,
} from '../src/index.ts';
import { mountSmallDisk } from '@wasi-sysroots/verify/small-disk';
import { closedPort, flipByteInTar, listAll, rawTar, serve, tempDir, type TestServer } from './helpers.ts';

const manifest = loadManifest();
const key = cacheKey(manifest);
const TAMPERED = 'libc-top-half/musl/src/string/strlen.c';

let base: string;
let aptCache: string;
let first: SourceTree;
let goodTar: string; // plain .tar of wasi-libc-x/<tree>
let goodTgz: string; // .tar.gz of the same
let badTar: string; // the same .tar with one byte changed in TAMPERED
let tamperedBlob: string; // the git blob id of the changed file
let tinyBad: string; // a small tarball that fails verification fast (its first differing path is LICENSE)
let mutable: string; // a copy of the verified tree that tests may change (and restore)

/** A fresh, empty cache dir for one test. */
let n = 0;
const freshCache = () => join(base, `cache-${++n}`);

before(async () => {
  base = tempDir('fetch');
  aptCache = join(base, 'apt-cache');
  first = await fetchSource({ manifest, providers: ['apt'], cacheDir: aptCache });

  // Tarballs of the verified tree under one top-level folder, wasi-libc-x/.
  const entries = readdirSync(first.dir).filter((name) => name !== '.verified');
  goodTar = join(base, 'good.tar');
  goodTgz = join(base, 'good.tar.gz');
  await tarCreate({ cwd: first.dir, prefix: 'wasi-libc-x', file: goodTar, portable: true }, entries);
  await tarCreate({ cwd: first.dir, prefix: 'wasi-libc-x', file: goodTgz, portable: true, gzip: true }, entries);

  badTar = join(base, 'bad.tar');
  writeFileSync(badTar, flipByteInTar(readFileSync(goodTar), `wasi-libc-x/${TAMPERED}`, 10));
  const changed = readFileSync(join(first.dir, TAMPERED));
  changed[10] = changed[10]! ^ 0x20;
  tamperedBlob = blobId(changed);

  tinyBad = join(base, 'tiny-bad.tar');
  writeFileSync(tinyBad, rawTar([{ path: 'wasi-libc-x/' }, { path: 'wasi-libc-x/Makefile', body: 'all:\n' }]));

  mutable = join(base, 'mutable');
  cpSync(first.dir, mutable, { recursive: true });
});

after(() => rmSync(base, { recursive: true, force: true }));

describe('apt provider', () => {
  test('fetches, verifies and caches the Debian orig tarball', async () => {
    assert.equal(first.provider, 'apt');
    assert.equal(first.key, key);
    assert.equal(first.dir, join(aptCache, key));
    assert.deepEqual(readdirSync(aptCache), [key], 'no temp dirs left in the cache');
    await verifyTree(first.dir, manifest);
    assert.equal(JSON.parse(readFileSync(join(first.dir, '.verified'), 'utf8')).key, key);
    assert.ok(existsSync(join(first.dir, 'Makefile')));
    assert.equal(statSync(join(first.dir, 'libc-top-half/musl/configure')).mode & 0o7777, 0o755);
    assert.equal(statSync(join(first.dir, 'libc-top-half/musl/tools/install.sh')).mode & 0o7777, 0o755);
    assert.equal(statSync(join(first.dir, 'Makefile')).mode & 0o7777, 0o644);
    assert.equal(statSync(join(first.dir, 'libc-top-half')).mode & 0o7777, 0o755);
    assert.equal(statSync(join(first.dir, 'Makefile')).uid, process.getuid!());
  });

  test('a second call is a cache hit and runs no apt-get', async () => {
    const savedPath = process.env.PATH;
    const events: ProgressEvent[] = [];
    process.env.PATH = join(base, 'no-such-bin'); // apt-get cannot be found: any call would fail
    try {
      const again = await fetchSource({ manifest, providers: ['apt'], cacheDir: aptCache, onProgress: (e) => events.push(e) });
      assert.deepEqual(again, { dir: first.dir, provider: 'cache', key });
    } finally {
      process.env.PATH = savedPath;
    }
    assert.deepEqual(events, [{ provider: 'cache', phase: 'hit', dir: first.dir }]);
  });

  test('without apt-get on PATH the apt provider fails clearly and caches nothing', async () => {
    const savedPath = process.env.PATH;
    const cacheDir = freshCache();
    process.env.PATH = join(base, 'no-such-bin');
    try {
      await assert.rejects(fetchSource({ manifest, providers: ['apt'], cacheDir }), (e: Error) => {
        assert.equal(e.name, 'MissingToolError');
        assert.match(e.message, /^apt-get was not found on PATH\. .*WASI_LIBC_PROVIDERS/s);
        return true;
      });
    } finally {
      process.env.PATH = savedPath;
    }
    assert.deepEqual(readdirSync(cacheDir), []);
  });
});

describe('local provider', () => {
  test('a plain .tar with one top-level folder', async () => {
    const cacheDir = freshCache();
    const events: ProgressEvent[] = [];
    const got = await fetchSource({ manifest, providers: ['local'], localPath: goodTar, cacheDir, onProgress: (e) => events.push(e) });
    assert.deepEqual(got, { dir: join(cacheDir, key), provider: 'local', key });
    assert.deepEqual(readdirSync(cacheDir), [key]);
    await verifyTree(got.dir, manifest);
    assert.deepEqual(
      events.map((e) => e.phase),
      ['start', 'extract', 'verify', 'done'],
    );
  });

  test('a directory; two concurrent fetches into one cache both succeed (the loser returns the winner)', async () => {
    const cacheDir = freshCache();
    const [a, b] = await Promise.all([
      fetchSource({ manifest, providers: ['local'], localPath: first.dir, cacheDir }),
      fetchSource({ manifest, providers: ['local'], localPath: first.dir, cacheDir }),
    ]);
    assert.deepEqual([a.provider, b.provider].sort(), ['cache', 'local']);
    assert.equal(a.dir, join(cacheDir, key));
    assert.equal(b.dir, a.dir);
    assert.deepEqual(readdirSync(cacheDir), [key]);
    await verifyTree(a.dir, manifest);
    // Only the pinned top-level paths are copied from a directory.
    assert.deepEqual(readdirSync(a.dir).sort(), [...Object.keys(manifest.objects), '.verified'].sort());
  });

  test('by default WASI_LIBC_SOURCE makes local the first provider, then apt, then url', async () => {
    const cacheDir = freshCache();
    const noApt = join(base, 'no-apt-sources');
    mkdirSync(noApt, { recursive: true });
    const url = `http://127.0.0.1:${await closedPort()}/x.tar.gz`;
    await assert.rejects(
      fetchSource({ manifest, cacheDir, retries: 0, aptConfig: { sourcesList: join(noApt, 'none'), sourceParts: noApt }, env: { WASI_LIBC_SOURCE: tinyBad, WASI_LIBC_SOURCE_URL: url } }),
      (e: Error) => {
        assert.ok(e instanceof SourceFetchError, String(e));
        assert.deepEqual(
          e.failures.map((f) => [f.provider, f.error.name]),
          [
            ['local', 'SourceIntegrityError'],
            ['apt', 'AptError'],
            ['url', 'DownloadError'],
          ],
        );
        assert.match(e.message, /- apt: the apt provider found no deb entries/);
        assert.match(e.message, new RegExp(`- url: GET ${url} failed: ECONNREFUSED`));
        return true;
      },
    );
    assert.deepEqual(readdirSync(cacheDir), []);
  });

  test('a tampered tarball is rejected naming the exact file, and nothing is cached', async () => {
    const cacheDir = freshCache();
    const original = blobId(readFileSync(join(first.dir, TAMPERED)));
    const tampered = tamperedBlob;
    await assert.rejects(fetchSource({ manifest, providers: ['local'], localPath: badTar, cacheDir }), (e: Error) => {
      assert.ok(e instanceof SourceIntegrityError, String(e));
      assert.equal(e.path, TAMPERED);
      assert.ok(
        e.message.startsWith(`${TAMPERED}: content differs from the pinned upstream (expected blob ${original}, got ${tampered}). `),
        e.message,
      );
      assert.match(e.message, /WASI_LIBC_SOURCE/);
      assert.match(e.message, /corrupt or has been tampered with/);
      return true;
    });
    assert.deepEqual(readdirSync(cacheDir), []);
  });

  test('a truncated .tar is reported as truncated, not as tampering, wherever it stops; so is a truncated .tar.gz', async () => {
    const whole = readFileSync(goodTar);
    const gz = readFileSync(goodTgz);
    // At a block boundary, inside a header block, inside a file's data; then a cut .tar.gz.
    const half = Math.floor(whole.length / 1024) * 512;
    const cuts: [string, Buffer][] = [
      ['block.tar', whole.subarray(0, half)],
      ['header.tar', whole.subarray(0, half + 100)],
      ['data.tar', whole.subarray(0, whole.length - 40_000)],
      ['cut.tar.gz', gz.subarray(0, Math.floor(gz.length / 2))],
    ];
    for (const [name, bytes] of cuts) {
      const file = join(base, name);
      writeFileSync(file, bytes);
      const cacheDir = freshCache();
      await assert.rejects(fetchSource({ manifest, providers: ['local'], localPath: file, cacheDir }), (e: Error) => {
        assert.equal(e.name, 'ArchiveFormatError', `${name}: ${e.message}`);
        assert.match(e.message, name.endsWith('.gz') ? /gzip data is damaged \(unexpected end of file\)/ : new RegExp(`^${file} is truncated: it stops after \\d+ entries`), name);
        assert.doesNotMatch(e.message, /tamper/, name);
        return true;
      });
      assert.deepEqual(readdirSync(cacheDir), [], name);
    }
  });

  test('verifyTree names missing, extra and mode-changed files precisely', async () => {
    const copy = mutable;
    const expectFailure = async (path: string, problem: RegExp) => {
      await assert.rejects(verifyTree(copy, manifest), (e: Error) => {
        assert.ok(e instanceof SourceIntegrityError, String(e));
        assert.equal(e.path, path);
        assert.match(e.message, problem);
        return true;
      });
    };
    // Each change is undone before the next, so one copy of the tree serves all of them.
    const abort = join(copy, 'libc-bottom-half/sources/abort.c');
    const saved = readFileSync(abort);
    unlinkSync(abort);
    await expectFailure('libc-bottom-half/sources/abort.c', /^libc-bottom-half\/sources\/abort\.c: missing: the pinned upstream has a file here/);
    writeFileSync(abort, saved);

    writeFileSync(join(copy, 'dlmalloc/src/extra.c'), 'x');
    await expectFailure('dlmalloc/src/extra.c', /^dlmalloc\/src\/extra\.c: a file that is not part of the pinned upstream \(extra/);
    unlinkSync(join(copy, 'dlmalloc/src/extra.c'));

    chmodSync(join(copy, 'libc-top-half/musl/configure'), 0o644);
    await expectFailure('libc-top-half/musl/configure', /file mode differs from the pinned upstream \(expected 100755, got 100644/);
    chmodSync(join(copy, 'libc-top-half/musl/configure'), 0o755);

    const makefile = readFileSync(join(copy, 'Makefile'));
    writeFileSync(join(copy, 'Makefile'), 'all:\n');
    await expectFailure('Makefile', /^Makefile: content differs from the pinned upstream \(expected blob d104a3222b3ad3d68a8f8396e34da6462bd3f9d7, got /);
    writeFileSync(join(copy, 'Makefile'), makefile);

    renameSync(join(copy, 'expected'), join(copy, 'expected.moved'));
    await expectFailure('expected', /^expected: missing/);
    renameSync(join(copy, 'expected.moved'), join(copy, 'expected'));

    await verifyTree(copy, manifest); // everything restored
  });
});

describe('url provider', () => {
  let server: TestServer;
  let tgzBytes: Buffer;
  let flakyHits = 0;

  before(async () => {
    tgzBytes = readFileSync(goodTgz);
    server = await serve((req, res) => {
      if (req.url === '/redirect') {
        res.writeHead(302, { location: '/archive.tar.gz' }).end();
      } else if (req.url === '/archive.tar.gz') {
        // Connection: close makes the server end the socket right after the body, as many servers do;
        // undici 7's parser must not be left paused by backpressure when that FIN arrives (undici#5360).
        res.writeHead(200, { 'content-type': 'application/gzip', 'content-length': tgzBytes.length, connection: 'close' }).end(tgzBytes);
      } else if (req.url === '/flaky') {
        flakyHits++;
        if (flakyHits <= 2) res.writeHead(500).end('try again');
        else res.writeHead(200, { 'content-length': tgzBytes.length }).end(tgzBytes);
      } else {
        res.writeHead(404).end('not here');
      }
    });
  });
  after(() => server.close());

  test('follows a redirect, reports download bytes, verifies and caches', async () => {
    const cacheDir = freshCache();
    const events: ProgressEvent[] = [];
    const got = await fetchSource({ manifest, providers: ['url'], url: `${server.url}/redirect`, cacheDir, onProgress: (e) => events.push(e) });
    assert.deepEqual(got, { dir: join(cacheDir, key), provider: 'url', key });
    await verifyTree(got.dir, manifest);
    const downloads = events.filter((e) => e.phase === 'download');
    assert.ok(downloads.length >= 2);
    assert.deepEqual(downloads.at(-1), { provider: 'url', phase: 'download', bytes: tgzBytes.length, total: tgzBytes.length });
    assert.deepEqual(readdirSync(cacheDir), [key]);
  });

  test('retries 5xx answers with backoff', async () => {
    const cacheDir = freshCache();
    const events: ProgressEvent[] = [];
    const got = await fetchSource({ manifest, providers: ['url'], url: `${server.url}/flaky`, cacheDir, retries: 3, onProgress: (e) => events.push(e) });
    assert.equal(got.provider, 'url');
    assert.equal(flakyHits, 3);
    const retries = events.filter((e) => e.phase === 'message');
    assert.equal(retries.length, 2);
    assert.match((retries[0] as { message: string }).message, /HTTP 500; retrying in \d+ ms \(attempt 2 of 4\)/);
  });

  test('a 404 fails at once, naming the URL, the status and how to pick another provider', async () => {
    const cacheDir = freshCache();
    const url = `${server.url}/missing.tar.gz`;
    await assert.rejects(fetchSource({ manifest, providers: ['url'], url, cacheDir }), (e: Error) => {
      assert.ok(e instanceof DownloadError);
      assert.equal(e.status, 404);
      assert.ok(e.message.startsWith(`GET ${url} failed with HTTP 404`), e.message);
      assert.match(e.message, /WASI_LIBC_PROVIDERS/);
      assert.match(e.message, /WASI_LIBC_SOURCE/);
      return true;
    });
    assert.deepEqual(readdirSync(cacheDir), []);
  });

  test('an unreachable URL fails quickly with a clear message', async () => {
    const cacheDir = freshCache();
    const url = `http://127.0.0.1:${await closedPort()}/wasi-libc.tar.gz`;
    const t0 = Date.now();
    await assert.rejects(fetchSource({ manifest, providers: ['url'], url, cacheDir }), (e: Error) => {
      assert.ok(e instanceof DownloadError);
      assert.ok(e.message.startsWith(`GET ${url} failed: ECONNREFUSED`), e.message);
      assert.match(e.message, /WASI_LIBC_PROVIDERS/);
      return true;
    });
    assert.ok(Date.now() - t0 < 5000, `took ${Date.now() - t0} ms`);
    assert.deepEqual(readdirSync(cacheDir), []);
  });

  test('when every provider fails, the integrity failure is listed first', async () => {
    const cacheDir = freshCache();
    const url = `${server.url}/missing.tar.gz`;
    await assert.rejects(fetchSource({ manifest, providers: ['url', 'local'], url, localPath: tinyBad, cacheDir }), (e: Error) => {
      assert.ok(e instanceof SourceFetchError, String(e));
      assert.deepEqual(
        e.failures.map((f) => f.provider),
        ['local', 'url'],
      );
      assert.ok(e.message.startsWith('could not get the wasi-libc source: a source was found but FAILED VERIFICATION'), e.message);
      assert.ok(e.message.includes('(local: LICENSE), and no other provider succeeded.'), e.message);
      assert.ok(e.message.indexOf('- local: LICENSE: missing: the pinned upstream has a file here') < e.message.indexOf('- url: GET'), e.message);
      return true;
    });
    assert.deepEqual(readdirSync(cacheDir), []);
  });

  test('falls through to the next provider and reports why', async () => {
    const cacheDir = freshCache();
    const events: ProgressEvent[] = [];
    const got = await fetchSource({
      manifest,
      providers: ['local', 'url'],
      localPath: tinyBad,
      url: `${server.url}/archive.tar.gz`,
      cacheDir,
      onProgress: (e) => events.push(e),
    });
    assert.equal(got.provider, 'url');
    const failed = events.find((e) => e.phase === 'failed');
    assert.ok(failed && failed.phase === 'failed');
    assert.equal(failed.provider, 'local');
    assert.ok(failed.error instanceof SourceIntegrityError);
    assert.match(failed.message, /— trying url$/);
    assert.deepEqual(listAll(cacheDir).filter((p) => !p.includes('/')), [key]);
  });
});

describe('full disk', () => {
  // The verified tree is about 15 MB: a 2 MB disk fills up part-way through.
  for (const [what, local] of [
    ['a tarball', () => goodTgz],
    ['a directory', () => first.dir],
  ] as const) {
    test(`the cache on a full disk fails with "no space left on DIR" (from ${what}), and leaves nothing behind`, async (t) => {
      const disk = mountSmallDisk(2 * 1024 * 1024);
      t.after(() => disk.unmount());
      const cacheDir = join(disk.dir, 'source');
      await assert.rejects(fetchSource({ manifest, providers: ['local', 'url'], localPath: local(), cacheDir }), (e: Error) => {
        assert.equal(e.name, 'NoSpaceError', e.stack);
        assert.equal(
          e.message,
          `no space left on ${cacheDir}. The wasi-libc 9886d3d source does not fit there: free some space, or point WASI_SYSROOTS_CACHE at a disk with room.`,
        );
        return true;
      });
      assert.deepEqual(readdirSync(cacheDir), [], 'no half-written tree or temp dir');
    });
  }
});

describe('cache entries are verified before each use', () => {
  const fill = async () => {
    const cacheDir = freshCache();
    const got = await fetchSource({ manifest, providers: ['local'], localPath: goodTar, cacheDir });
    assert.equal(got.provider, 'local');
    return got;
  };
  const again = async (cacheDir: string) => {
    const events: ProgressEvent[] = [];
    const got = await fetchSource({ manifest, providers: ['local'], localPath: goodTar, cacheDir, onProgress: (e) => events.push(e) });
    return { got, events };
  };

  test('one changed byte (even with its mtime set back) is found; the entry is fetched again with a one-line warning', async () => {
    const entry = await fill();
    const file = join(entry.dir, TAMPERED);
    const before = statSync(file);
    const original = blobId(readFileSync(file));
    const bytes = readFileSync(file);
    bytes[10] = bytes[10]! ^ 0x20;
    writeFileSync(file, bytes);
    utimesSync(file, before.atime, before.mtime);
    const { got, events } = await again(join(entry.dir, '..'));
    const damaged = events.filter((e) => e.phase === 'damaged');
    assert.deepEqual(damaged.map((e) => (e as { message: string }).message), [
      `the cached wasi-libc 9886d3d source in ${entry.dir} is damaged (${TAMPERED}: content differs from the pinned upstream ` +
        `(expected blob ${original}, got ${tamperedBlob})); fetching it again.`,
    ]);
    assert.equal(got.provider, 'local', 'fetched again, not a cache hit');
    assert.equal(got.dir, entry.dir);
    assert.equal(blobId(readFileSync(file)), original);
    await verifyTree(got.dir, manifest);
    // The new entry is trusted again: the next call is a plain hit.
    assert.deepEqual((await again(join(entry.dir, '..'))).events.map((e) => e.phase), ['hit']);
  });

  test('a file added to the entry, even outside the pinned paths, is damage too', async () => {
    const entry = await fill();
    writeFileSync(join(entry.dir, 'libc-top-half', 'extra.c'), 'int extra;\n');
    const { got, events } = await again(join(entry.dir, '..'));
    assert.match((events.find((e) => e.phase === 'damaged') as { message: string }).message, /is damaged \(libc-top-half\/extra\.c: a file that is not part of the pinned upstream/);
    assert.equal(got.provider, 'local');
    assert.equal(existsSync(join(entry.dir, 'libc-top-half', 'extra.c')), false);

    const other = await fill();
    writeFileSync(join(other.dir, 'NOTES'), 'not pinned\n');
    const second = await again(join(other.dir, '..'));
    assert.match((second.events.find((e) => e.phase === 'damaged') as { message: string }).message, /is damaged \(NOTES: added since it was verified \(tree [0-9a-f]{40}, verified [0-9a-f]{40}\)\)/);
    assert.equal(existsSync(join(other.dir, 'NOTES')), false);
  });

  test('a file only touched (same bytes) is hashed once, then trusted again without a refetch', async () => {
    const entry = await fill();
    const now = new Date();
    utimesSync(join(entry.dir, TAMPERED), now, now);
    const first = await again(join(entry.dir, '..'));
    assert.deepEqual(first.events.map((e) => e.phase), ['hit']);
    const stamp = JSON.parse(readFileSync(join(entry.dir, '.verified'), 'utf8')) as { files: Record<string, number[]> };
    assert.equal(Math.round(stamp.files[TAMPERED]![1]!), now.getTime(), 'the stamp was renewed with the new time');
  });
});
