// End to end with a real registry: scripts/release publishes every package to Verdaccio on
// 127.0.0.1; a fresh project installs the sysroots from it and compiles and runs programs
// with the system clang and the installed packages' own flags and adapter.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ADAPTER, PUBLISH_ORDER, TRIPLES, WORKSPACE_ROOT } from '@wasi-sysroots/recipe';
import { detectToolchain } from '@wasi-sysroots/toolchain';
import { runP1, startRegistry, type TestRegistry } from '@wasi-sysroots/verify';
import { runP2 } from '@wasi-sysroots/verify/hosts/p2';
import { runThreads, THREADS_LINK_FLAGS } from '@wasi-sysroots/verify/hosts/threads';

const TSX = join(WORKSPACE_ROOT, 'node_modules/.bin/tsx');
const version = JSON.parse(readFileSync(join(WORKSPACE_ROOT, ADAPTER.packageDir, 'package.json'), 'utf8')).version as string;
const sysrootPackages = TRIPLES.map((t) => t.packageName);

function release(registry: TestRegistry) {
  return spawnSync(TSX, ['scripts/release.ts', '--registry', `${registry.url}/`], { cwd: WORKSPACE_ROOT, encoding: 'utf8', env: registry.env });
}

const FILES_C = `#include <stdio.h>
#include <string.h>
int main(void) {
  FILE *f = fopen("/data/note.txt", "w");
  if (!f) { perror("fopen w"); return 1; }
  fprintf(f, "written by %s\\n", "wasm");
  fclose(f);
  char line[64] = {0};
  f = fopen("/data/note.txt", "r");
  if (!f || !fgets(line, sizeof line, f)) { perror("fopen r"); return 1; }
  fclose(f);
  printf("read back: %s", line);
  return strcmp(line, "written by wasm\\n") != 0;
}
`;

const SOCKETS_C = `#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
int main(int argc, char **argv) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons((unsigned short)atoi(argv[1])) };
  inet_pton(AF_INET, "127.0.0.1", &a.sin_addr);
  if (connect(fd, (struct sockaddr *)&a, sizeof a) != 0) { perror("connect"); return 1; }
  const char *msg = "ping over wasi:sockets";
  if (send(fd, msg, strlen(msg), 0) != (ssize_t)strlen(msg)) { perror("send"); return 1; }
  char buf[64] = {0};
  size_t got = 0;
  while (got < strlen(msg)) { ssize_t n = recv(fd, buf + got, sizeof buf - 1 - got, 0); if (n <= 0) { perror("recv"); return 1; } got += (size_t)n; }
  printf("echo: %s\\n", buf);
  close(fd);
  return 0;
}
`;

const THREADS_C = `#include <pthread.h>
#include <stdio.h>
static long total;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static void *work(void *arg) {
  for (int i = 0; i < 10000; i++) { pthread_mutex_lock(&lock); total += (long)arg; pthread_mutex_unlock(&lock); }
  return arg;
}
int main(void) {
  pthread_t t[4];
  for (long i = 0; i < 4; i++) pthread_create(&t[i], NULL, work, (void *)(i + 1));
  long sum = 0;
  for (int i = 0; i < 4; i++) { void *r; pthread_join(t[i], &r); sum += (long)r; }
  printf("total %ld, joined %ld\\n", total, sum);
  return 0;
}
`;

test('release publishes every package to a real registry, and a fresh project compiles and runs with them', async (t) => {
  const registry = await startRegistry();
  t.after(() => registry.stop());
  const dir = mkdtempSync(join(tmpdir(), 'e2e-project-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));

  const published = release(registry);
  assert.equal(published.status, 0, published.stdout + published.stderr);
  const order = [...published.stdout.matchAll(/^published (\S+)@/gm)].map((m) => m[1]);
  assert.deepEqual(order, PUBLISH_ORDER.map((p) => p.packageName), 'adapter first, then the sysroots');

  writeFileSync(join(dir, 'package.json'), '{"name":"e2e-project","private":true,"type":"module"}\n');
  const install = spawnSync('npm', ['i', '--no-audit', '--no-fund', ...sysrootPackages], { cwd: dir, encoding: 'utf8', env: registry.env });
  assert.equal(install.status, 0, install.stderr);
  const installed = JSON.parse(readFileSync(join(dir, 'node_modules', ADAPTER.packageName, 'package.json'), 'utf8'));
  assert.equal(installed.version, version, 'the adapter came with @wasi/sysroot-wasip2, at exactly its version');

  // What a user does: ask the installed package for its flags.
  const api = (pkg: string) => {
    const r = spawnSync(process.execPath, ['--input-type=module', '-e',
      `const m = await import(${JSON.stringify(pkg)}); console.log(JSON.stringify({ flags: m.clangFlags, version: m.version, triple: m.triple }))`],
    { cwd: dir, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    return JSON.parse(r.stdout) as { flags: string[]; version: string; triple: string };
  };
  const clang = detectToolchain().clang;
  const compile = (pkg: string, source: string, name: string, extra: string[] = []) => {
    const { flags, version: v } = api(pkg);
    assert.equal(v, version);
    assert.ok(flags.some((f) => f.startsWith(`--sysroot=${join(dir, 'node_modules', pkg)}`)), flags.join(' '));
    writeFileSync(join(dir, `${name}.c`), source);
    const out = join(dir, `${name}.wasm`);
    const r = spawnSync(clang, [...flags, '-O2', join(dir, `${name}.c`), ...extra, '-o', out], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    return out;
  };
  const dataDir = () => { const d = mkdtempSync(join(dir, 'data-')); return d; };

  // wasm32-wasip1: a files program on node:wasi.
  const p1 = await runP1({ wasm: compile('@wasi/sysroot-wasip1', FILES_C, 'files-p1'), args: ['files'], preopens: { '/data': dataDir() } });
  assert.equal(p1.stdout, 'read back: written by wasm\n');
  assert.equal(p1.exitCode, 0);

  // wasm32-wasip1-threads: a pthreads program on the wasi-threads host.
  const threads = await runThreads({ wasm: compile('@wasi/sysroot-wasip1-threads', THREADS_C, 'threads', THREADS_LINK_FLAGS), args: ['threads'] });
  assert.equal(threads.stdout, 'total 100000, joined 10\n');
  assert.equal(threads.exitCode, 0);

  // wasm32-wasip2: files and sockets programs, made into components by hand. Their libc imports
  // no Preview 1, so they need no adapter; the adapter package comes along for mixed links.
  const { componentNew } = await import('@bytecodealliance/jco');
  assert.ok(readFileSync(join(dir, 'node_modules', ADAPTER.packageName, 'adapters', 'wasi_snapshot_preview1.command.wasm')).length > 0);
  const componentOf = async (core: string) => {
    const out = core.replace(/\.wasm$/, '.component.wasm');
    writeFileSync(out, await componentNew(readFileSync(core), []));
    return out;
  };
  const p2Files = await runP2({ wasm: await componentOf(compile('@wasi/sysroot-wasip2', FILES_C, 'files-p2', ['-fuse-ld=lld'])), args: ['files'], preopens: { '/data': dataDir() } });
  assert.equal(p2Files.stdout, 'read back: written by wasm\n');
  assert.equal(p2Files.exitCode, 0);

  const echo = createServer((s) => s.pipe(s));
  await new Promise<void>((r) => echo.listen(0, '127.0.0.1', r));
  t.after(() => echo.close());
  const port = (echo.address() as { port: number }).port;
  const p2Sockets = await runP2({ wasm: await componentOf(compile('@wasi/sysroot-wasip2', SOCKETS_C, 'sockets', ['-fuse-ld=lld'])), args: ['sockets', String(port)] });
  assert.equal(p2Sockets.stdout, 'echo: ping over wasi:sockets\n', p2Sockets.stderr);
  assert.equal(p2Sockets.exitCode, 0);
});

test('a release that fails part-way says exactly what went out, and running it again finishes it', async (t) => {
  const blocked = PUBLISH_ORDER[2]!.packageName;
  const registry = await startRegistry({ denyPublish: [blocked] });
  t.after(() => registry.stop());
  const first = release(registry);
  assert.equal(first.status, 1);
  const before = PUBLISH_ORDER.slice(0, 2).map((p) => `${p.packageName}@${version}`);
  const notOut = PUBLISH_ORDER.slice(2).map((p) => p.packageName);
  assert.match(first.stderr, new RegExp(`release stopped at ${blocked.replace('/', '\\/')}@${version.replace(/\./g, '\\.')}`));
  assert.ok(first.stderr.includes(`published now: ${before.join(', ')}`), first.stderr);
  assert.ok(first.stderr.includes(`NOT published: ${notOut.join(', ')}`), first.stderr);
  await registry.stop();

  // The same storage is gone with the registry; a rerun against a registry that already has
  // the first packages skips them and publishes the rest.
  const again = await startRegistry();
  t.after(() => again.stop());
  const partial = spawnSync('npm', ['publish', '--access', 'public'], { cwd: join(WORKSPACE_ROOT, PUBLISH_ORDER[0]!.packageDir), encoding: 'utf8', env: again.env });
  assert.equal(partial.status, 0, partial.stderr);
  const rerun = release(again);
  assert.equal(rerun.status, 0, rerun.stderr);
  assert.ok(rerun.stdout.includes(`${PUBLISH_ORDER[0]!.packageName}@${version} is already published with identical bytes; skipped`), rerun.stdout);
  assert.deepEqual([...rerun.stdout.matchAll(/^published (\S+)@/gm)].map((m) => m[1]), PUBLISH_ORDER.slice(1).map((p) => p.packageName));
});

test('a version already on the registry with other bytes stops the release, naming the package, before anything is published', async (t) => {
  const registry = await startRegistry();
  t.after(() => registry.stop());
  // Same name and version as our second package, other bytes.
  const impostor = PUBLISH_ORDER[1]!.packageName;
  const dir = mkdtempSync(join(tmpdir(), 'impostor-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: impostor, version }));
  writeFileSync(join(dir, 'index.js'), 'export const other = true;\n');
  const put = spawnSync('npm', ['publish', '--access', 'public'], { cwd: dir, encoding: 'utf8', env: registry.env });
  assert.equal(put.status, 0, put.stderr);

  const r = release(registry);
  assert.equal(r.status, 1, r.stdout + r.stderr);
  const lines = r.stderr.trim().split('\n');
  assert.equal(lines.length, 1, r.stderr);
  assert.match(lines[0]!, new RegExp(`^error: ${impostor.replace('/', '\\/')}@${version.replace(/\./g, '\\.')} is already on ${registry.url}/ with different bytes \\(registry sha512-\\S+, local sha512-\\S+\\); nothing was published\\.`));
  assert.doesNotMatch(r.stdout, /^published /m);
  // The first package (the adapter) was not published either.
  const view = spawnSync('npm', ['view', `${PUBLISH_ORDER[0]!.packageName}@${version}`, 'version', '--json'], { encoding: 'utf8', env: registry.env });
  assert.match(view.stdout + view.stderr, /E404/);
});

test('a dead registry fails at once with one line naming it, not as "not published" or ENEEDAUTH', { timeout: 60_000 }, async (t) => {
  const registry = await startRegistry();
  t.after(() => registry.stop());
  await registry.stop();
  const r = release(registry);
  assert.equal(r.status, 1, r.stdout + r.stderr);
  const lines = r.stderr.trim().split('\n');
  assert.equal(lines.length, 1, r.stderr);
  assert.match(
    lines[0]!,
    new RegExp(`^error: the registry ${registry.url}/ did not answer for ${PUBLISH_ORDER[0]!.packageName.replace('/', '\\/')} \\(ECONNREFUSED: .*\\); nothing was published\\. Check that it is up`),
  );
  assert.doesNotMatch(r.stderr, /ENEEDAUTH/);
  assert.doesNotMatch(r.stdout, /^published /m);
});
