// wasi-cc compiles, links and runs programs for every triple: one call or -c then link, a
// component for wasm32-wasip2, shared memory and pthreads for wasm32-wasip1-threads; and clang with
// this package's wasm-component-ld on PATH makes exactly the component wasi-cc makes.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import { mkdirSync, readFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { moduleInterface, wasmKind } from '../src/wasm.ts';
import { detectToolchain } from '../src/toolchain.ts';
import { TRIPLES, WASI_CC, builtSysroot, makeProject, output, type Project } from './helpers.ts';

// setjmp/longjmp: a longjmp out of nested calls, and longjmp(env, 0) arriving as 1.
const JUMP = `#include <setjmp.h>
#include <stdio.h>
static jmp_buf env;
static void down(int n, int value) { if (n == 0) longjmp(env, value); down(n - 1, value); }
int main(void) {
  volatile int rounds = 0;
  int got = setjmp(env);
  if (rounds++ == 0) down(10, 0);
  printf("setjmp returned %d after %d rounds\\n", got, rounds);
  return 0;
}
`;

// What configure's pthread check and a select-loop server do with -pthread on a triple without threads.
const SINGLE_PTHREAD = `#include <errno.h>
#include <pthread.h>
#include <stdio.h>
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static void *work(void *arg) { return arg; }
int main(void) {
  pthread_t t;
  int locked = pthread_mutex_lock(&lock), unlocked = pthread_mutex_unlock(&lock);
  int created = pthread_create(&t, 0, work, 0);
  printf("lock %d unlock %d create %s\\n", locked, unlocked, created == EAGAIN ? "EAGAIN" : "other");
  return 0;
}
`;

const HELLO = `#include <stdio.h>
#include <stdlib.h>
int main(int argc, char **argv) {
  const char *greeting = getenv("GREETING");
  printf("%s from %s, argc=%d\\n", greeting ? greeting : "hello", argv[0], argc);
  if (getenv("EMPTY")) printf("EMPTY=[%s] NEXT=[%s]\\n", getenv("EMPTY"), getenv("NEXT"));
  FILE *f = fopen("/data/input.txt", "r");
  if (f) {
    char line[64];
    if (fgets(line, sizeof line, f)) printf("read: %s", line);
    fclose(f);
  }
  return argc > 1 ? atoi(argv[1]) : 0;
}
`;

const PTHREADS = `#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
static int counter;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static void *work(void *arg) {
  for (int i = 0; i < 1000; i++) {
    pthread_mutex_lock(&lock);
    counter++;
    pthread_mutex_unlock(&lock);
  }
  return arg;
}
static void *spawner(void *arg) {
  pthread_t t;
  if (pthread_create(&t, NULL, work, NULL)) return NULL;
  pthread_join(t, NULL);
  return arg;
}
int main(int argc, char **argv) {
  pthread_t t[4];
  for (int i = 0; i < 4; i++)
    if (pthread_create(&t[i], NULL, i == 3 ? spawner : work, (void *)1)) return 100;
  for (int i = 0; i < 4; i++) pthread_join(t[i], NULL);
  printf("counter=%d\\n", counter);
  return argc > 1 ? atoi(argv[1]) : 0;
}
`;

const THREAD_FILES = `#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
static FILE *out;
static void *writer(void *arg) {
  fprintf(out, "line from thread %ld\\n", (long)arg);
  return NULL;
}
static void *quitter(void *arg) {
  exit((int)(long)arg);
}
int main(int argc, char **argv) {
  if (argc > 1) {
    pthread_t t;
    pthread_create(&t, NULL, quitter, (void *)(long)atoi(argv[1]));
    pthread_join(t, NULL);
    return 99;
  }
  out = fopen("/data/threads.txt", "w");
  if (!out) { perror("fopen"); return 1; }
  pthread_t t[3];
  for (long i = 0; i < 3; i++) pthread_create(&t[i], NULL, writer, (void *)i);
  for (int i = 0; i < 3; i++) pthread_join(t[i], NULL);
  fclose(out);
  FILE *in = fopen("/data/threads.txt", "r");
  char line[64];
  int n = 0;
  while (fgets(line, sizeof line, in)) n += strncmp(line, "line from thread ", 17) == 0;
  fclose(in);
  printf("%d lines\\n", n);
  return 0;
}
`;

const TCP_CLIENT = `#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
int main(int argc, char **argv) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons(atoi(argv[1])) };
  inet_pton(AF_INET, "127.0.0.1", &a.sin_addr);
  if (fd < 0 || connect(fd, (struct sockaddr *)&a, sizeof a) < 0) { perror("connect"); return 1; }
  write(fd, "ping", 4);
  char buf[64];
  ssize_t n = read(fd, buf, sizeof buf - 1);
  if (n < 0) { perror("read"); return 1; }
  buf[n] = 0;
  printf("%s\\n", buf);
  close(fd);
  return 0;
}
`;

// An object that calls Preview 1 itself, as one from another toolchain may: wasm-component-ld
// then adds the adapter. Its descriptors and libc's must not mean different things.
const FOREIGN_P1 = `#include <stddef.h>
#include <stdint.h>
#include <string.h>
typedef struct { const void *buf; size_t len; } ciovec;
__attribute__((import_module("wasi_snapshot_preview1"), import_name("fd_write")))
int32_t p1_fd_write(int32_t fd, const ciovec *iovs, size_t n, size_t *written);
int foreign_write(int fd, const char *text) {
  ciovec v = { text, strlen(text) };
  size_t written = 0;
  return p1_fd_write(fd, &v, 1, &written);
}
`;

const MIXED = `#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>
int foreign_write(int fd, const char *text);
int main(void) {
  printf("libc first\\n");
  fflush(stdout);
  int stdout_errno = foreign_write(1, "foreign second\\n");
  printf("libc third\\n");
  fflush(stdout);
  int file = open("/data/mixed.txt", O_WRONLY | O_CREAT | O_TRUNC, 0644);
  int ends[2];
  if (file < 0 || pipe(ends) != 0) { perror("open/pipe"); return 1; }
  printf("stdout %d, file %d, pipe %d %d\\n", stdout_errno, foreign_write(file, "x"),
         foreign_write(ends[0], "x"), foreign_write(ends[1], "x"));
  return 0;
}
`;

// Files across the boundary: the host reads what the program wrote in a preopened directory, and
// the program reads what the host wrote there.
const ACROSS = `#include <stdio.h>
#include <string.h>
int main(void) {
  FILE *out = fopen("/data/from-wasm.txt", "w");
  if (!out || fputs("written by the program\\n", out) < 0 || fclose(out) != 0) { perror("write"); return 1; }
  char line[64] = "";
  FILE *in = fopen("/data/from-host.txt", "r");
  if (!in || !fgets(line, sizeof line, in)) { perror("read"); return 1; }
  fclose(in);
  printf("the host wrote: %s", line);
  return 0;
}
`;

let p: Project;
before(() => {
  p = makeProject();
  p.write('hello.c', HELLO);
  p.write('pthreads.c', PTHREADS);
  p.write('single-pthread.c', SINGLE_PTHREAD);
  p.write('thread-files.c', THREAD_FILES);
  p.write('tcp-client.c', TCP_CLIENT);
  p.write('jump.c', JUMP);
  p.write('foreign-p1.c', FOREIGN_P1);
  p.write('mixed.c', MIXED);
  p.write('across.c', ACROSS);
  p.write('data/input.txt', 'a line from the host\n');
});
after(() => p?.remove());


for (const triple of TRIPLES) {
  test(`${triple}: -fsetjmp compiles, links and runs setjmp/longjmp; -c then a link works too`, () => {
    const one = `jump-${triple}.wasm`;
    const cc = p.wasiCc([`--target=${triple}`, '-O2', '-fsetjmp', 'jump.c', '-o', one]);
    assert.equal(cc.status, 0, output(cc));
    const obj = p.wasiCc([`--target=${triple}`, '-O2', '-fsetjmp', '-c', 'jump.c', '-o', `jump-${triple}.o`]);
    assert.equal(obj.status, 0, output(obj));
    const two = `jump2-${triple}.wasm`;
    const link = p.wasiCc([`--target=${triple}`, '-fsetjmp', `jump-${triple}.o`, '-o', two]);
    assert.equal(link.status, 0, output(link));
    for (const program of [one, two]) {
      const run = p.wasiCc(['run', program]);
      assert.equal(run.status, 0, output(run));
      assert.equal(run.stdout, 'setjmp returned 1 after 2 rounds\n');
    }
    const without = p.wasiCc([`--target=${triple}`, '-c', 'jump.c', '-o', `jump-plain-${triple}.o`]);
    assert.notEqual(without.status, 0);
    assert.match(without.stderr, /compile with -mllvm -wasm-enable-sjlj and link with -lsetjmp \(wasi-cc: -fsetjmp\)/);
  });

  test(`${triple}: compile and link in one call, then run with args, env and a preopened dir`, () => {
    const out = `hello-${triple}.wasm`;
    const cc = p.wasiCc([`--target=${triple}`, '-O2', 'hello.c', '-o', out]);
    assert.equal(cc.status, 0, output(cc));
    const bytes = readFileSync(p.path(out));
    if (triple === 'wasm32-wasip2') assert.equal(wasmKind(bytes), 'component');
    else {
      assert.equal(wasmKind(bytes), 'core');
      const memory = moduleInterface(bytes).imports.find((i) => i.kind === 'memory');
      assert.equal(Boolean(memory?.memory?.shared), triple === 'wasm32-wasip1-threads');
    }

    // An empty value too: it must not run into the next variable.
    const run = p.wasiCc(['run', '--dir', `${p.path('data')}::/data`, '--env', 'GREETING=hi', '--env', 'EMPTY=', '--env', 'NEXT=x', out]);
    assert.equal(run.status, 0, output(run));
    assert.equal(run.stdout, `hi from ${out}, argc=1\nEMPTY=[] NEXT=[x]\nread: a line from the host\n`);
    assert.equal(run.stderr, '');

    const failing = p.wasiCc(['run', out, '3']);
    // On wasm32-wasip2 too: libc exits with wasi:cli/exit's exit-with-code, which our host has.
    assert.equal(failing.status, 3, output(failing));
    assert.equal(failing.stdout, `hello from ${out}, argc=2\n`);
  });

  test(`${triple}: -c then a separate link gives the same program as one call`, () => {
    const one = `one-${triple}.wasm`;
    const dir = `two-${triple}`;
    mkdirSync(p.path(dir), { recursive: true });
    for (const args of [
      [`--target=${triple}`, '-O2', 'hello.c', '-o', one],
      [`--target=${triple}`, '-O2', '-c', 'hello.c', '-o', `${dir}/hello.o`],
      [`--target=${triple}`, `${dir}/hello.o`, '-o', `${dir}/${one}`],
    ]) {
      const r = p.wasiCc(args);
      assert.equal(r.status, 0, output(r));
    }
    assert.equal(wasmKind(readFileSync(p.path(`${dir}/hello.o`))), 'core');
    assert.ok(readFileSync(p.path(one)).equals(readFileSync(p.path(`${dir}/${one}`))), 'the two programs differ');
  });
}

for (const triple of TRIPLES) {
  test(`${triple}: a file the program writes in a preopened dir reaches the host, and one the host writes reaches the program`, () => {
    const out = `across-${triple}.wasm`;
    const cc = p.wasiCc([`--target=${triple}`, '-O2', 'across.c', '-o', out]);
    assert.equal(cc.status, 0, output(cc));
    const dir = `across-${triple}`;
    p.write(`${dir}/from-host.txt`, `written by the host for ${triple}\n`);
    const run = p.wasiCc(['run', '--dir', `${p.path(dir)}::/data`, out]);
    assert.equal(run.status, 0, output(run));
    assert.equal(run.stdout, `the host wrote: written by the host for ${triple}\n`);
    assert.equal(readFileSync(p.path(`${dir}/from-wasm.txt`), 'utf8'), 'written by the program\n');
  });
}

for (const triple of TRIPLES.filter((t) => t !== 'wasm32-wasip1-threads')) {
  test(`${triple}: -pthread compiles and links the single-threaded pthread API (no shared memory), as configure's checks do`, () => {
    const out = `single-pthread-${triple}.wasm`;
    const cc = p.wasiCc([`--target=${triple}`, '-pthread', 'single-pthread.c', '-o', out]);
    assert.equal(cc.status, 0, output(cc));
    const run = p.wasiCc(['run', out]);
    assert.equal(run.status, 0, output(run));
    assert.equal(run.stdout, 'lock 0 unlock 0 create EAGAIN\n');
  });
}

test('wasm32-wasip1-threads: a pthreads program (mutex, a thread spawning a thread) runs on the threads host', () => {
  const cc = p.wasiCc(['--target=wasm32-wasip1-threads', '-O2', 'pthreads.c', '-o', 'pthreads.wasm']);
  assert.equal(cc.status, 0, output(cc));
  const run = p.wasiCc(['run', 'pthreads.wasm']);
  assert.equal(run.status, 0, output(run));
  assert.equal(run.stdout, 'counter=4000\n');
  const status = p.wasiCc(['run', 'pthreads.wasm', '42']);
  assert.equal(status.status, 42, output(status));
  // No threads allowed: the first pthread_create fails (the program then returns 100).
  const refused = p.wasiCc(['run', '--max-threads', '0', 'pthreads.wasm']);
  assert.equal(refused.status, 100, output(refused));
});

test('wasm32-wasip1-threads: threads share one descriptor table; exit() in a thread ends the program', () => {
  const cc = p.wasiCc(['--target=wasm32-wasip1-threads', 'thread-files.c', '-o', 'thread-files.wasm']);
  assert.equal(cc.status, 0, output(cc));
  const run = p.wasiCc(['run', '--dir', `${p.path('data')}::/data`, 'thread-files.wasm']);
  assert.equal(run.status, 0, output(run));
  assert.equal(run.stdout, '3 lines\n');
  const quit = p.wasiCc(['run', 'thread-files.wasm', '23']);
  assert.equal(quit.status, 23, output(quit));
});

test('wasm32-wasip2: a TCP client component talks to a Node server on 127.0.0.1', async () => {
  const cc = p.wasiCc(['--target=wasm32-wasip2', 'tcp-client.c', '-o', 'tcp-client.wasm']);
  assert.equal(cc.status, 0, output(cc));
  const server = createServer((socket) => socket.on('data', (d) => socket.end(`pong to ${d}`)));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const port = (server.address() as AddressInfo).port;
    // Asynchronously: this process's event loop serves the other end.
    const child = spawn(process.execPath, [WASI_CC, 'run', 'tcp-client.wasm', String(port)], { cwd: p.dir });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d));
    child.stderr.on('data', (d: Buffer) => (stderr += d));
    const status = await new Promise<number | null>((resolve) => child.on('close', resolve));
    assert.equal(status, 0, stderr);
    assert.equal(stdout, 'pong to ping\n');
  } finally {
    server.close();
  }
});

test('clang with our wasm-component-ld on PATH makes the same component as wasi-cc', () => {
  const tc = detectToolchain();
  mkdirSync(p.path('by-clang'), { recursive: true });
  mkdirSync(p.path('by-wasi-cc'), { recursive: true });
  const viaWasiCc = p.wasiCc(['--target=wasm32-wasip2', '-O2', 'hello.c', '-o', 'by-wasi-cc/prog.wasm']);
  assert.equal(viaWasiCc.status, 0, output(viaWasiCc));
  const PATH = [p.path('node_modules/.bin'), tc.binDir, process.env.PATH].join(delimiter);
  const viaClang = spawnSync(
    tc.clang,
    ['--target=wasm32-wasip2', `--sysroot=${builtSysroot('wasm32-wasip2')}`, '-O2', join(p.dir, 'hello.c'), '-o', 'prog.wasm'],
    { cwd: p.path('by-clang'), encoding: 'utf8', env: { ...process.env, PATH } },
  );
  assert.equal(viaClang.status, 0, output(viaClang));
  const a = readFileSync(p.path('by-wasi-cc/prog.wasm'));
  const b = readFileSync(p.path('by-clang/prog.wasm'));
  assert.equal(wasmKind(b), 'component');
  assert.ok(a.equals(b), `the components differ (${a.length} and ${b.length} bytes)`);
});

test('wasm32-wasip2: -Wl,--skip-wit-component and -fuse-ld=lld give a core module; a reactor gets the reactor adapter', () => {
  for (const flags of [['-Wl,--skip-wit-component'], ['-fuse-ld=lld']]) {
    const r = p.wasiCc(['--target=wasm32-wasip2', ...flags, 'hello.c', '-o', 'core.wasm']);
    assert.equal(r.status, 0, output(r));
    assert.equal(wasmKind(readFileSync(p.path('core.wasm'))), 'core', flags.join(' '));
  }
  p.write('lib.c', '__attribute__((export_name("twice"))) int twice(int x) { return 2 * x; }\n');
  const lib = p.wasiCc(['--target=wasm32-wasip2', '-mexec-model=reactor', 'lib.c', '-o', 'lib.wasm']);
  assert.equal(lib.status, 0, output(lib));
  assert.equal(wasmKind(readFileSync(p.path('lib.wasm'))), 'component');
  const run = p.wasiCc(['run', 'lib.wasm']);
  assert.equal(run.status, 1);
  assert.match(run.stderr, /exports no wasi:cli\/run: it is a library component/);
});

test('wasm32-wasip2: a program without Preview 1 imports gets no adapter', () => {
  const cc = p.wasiCc(['--target=wasm32-wasip2', '-O2', 'hello.c', '-o', 'no-adapter.wasm']);
  assert.equal(cc.status, 0, output(cc));
  // The adapter module exports adapter_open_badfd; nothing else in a component names it.
  assert.equal(readFileSync(p.path('no-adapter.wasm')).includes('adapter_open_badfd'), false);
  const run = p.wasiCc(['run', 'no-adapter.wasm']);
  assert.equal(run.stdout, 'hello from no-adapter.wasm, argc=1\n');
});

test('wasm32-wasip2: an object calling Preview 1 fd_write directly gets the adapter; stdio stays in order and libc\'s descriptors are EBADF to it', () => {
  const obj = p.wasiCc(['--target=wasm32-wasip2', '-O2', '-c', 'foreign-p1.c', '-o', 'foreign-p1.o']);
  assert.equal(obj.status, 0, output(obj));
  const cc = p.wasiCc(['--target=wasm32-wasip2', '-O2', 'mixed.c', 'foreign-p1.o', '-o', 'mixed.wasm']);
  assert.equal(cc.status, 0, output(cc));
  assert.equal(readFileSync(p.path('mixed.wasm')).includes('adapter_open_badfd'), true);
  const run = p.wasiCc(['run', '--dir', `${p.path('data')}::/data`, 'mixed.wasm']);
  assert.equal(run.status, 0, output(run));
  // errno 8 is Preview 1's EBADF: the file and the pipe are libc's, not the adapter's.
  assert.equal(run.stdout, 'libc first\nforeign second\nlibc third\nstdout 0, file 8, pipe 8 8\n');
  assert.equal(run.stderr, '');
});
