// Where the hosts we ship are wrong, we fix them in our host layer; each test here failed on the
// hosts as they came: components with exception handling, isatty on a terminal, and programs
// that hand a host call a buffer past the end of their memory. (Redirected isatty, set-times and
// TCP half-close are C tests: sysroots/tests/common/isatty_redirected.c, set_times_host.c and
// sysroots/tests/p2/tcp_half_close.c.)
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import { readFileSync, writeFileSync } from 'node:fs';
import { componentize } from '../src/component.ts';
import { TRIPLES, WASI_CC, makeProject, output, type Project } from './helpers.ts';

// Legacy exception handling, as Node 20 runs it: a throw two frames down, caught by its tag; a
// catch_all that rethrows; the payload travels with the exception.
const EH_ASM = `	.tagtype	test_tag i32
	.globl	test_tag
test_tag:

	.globl	eh_throw
	.type	eh_throw,@function
eh_throw:
	.functype	eh_throw (i32) -> ()
	local.get	0
	throw	test_tag
	end_function

	.globl	eh_rethrow
	.type	eh_rethrow,@function
eh_rethrow:
	.functype	eh_rethrow (i32) -> ()
	try
	local.get	0
	call	eh_throw
	catch_all
	rethrow	0
	end_try
	end_function

	.globl	eh_catch
	.type	eh_catch,@function
eh_catch:
	.functype	eh_catch (i32) -> (i32)
	try	i32
	local.get	0
	call	eh_rethrow
	i32.const	-1
	catch	test_tag
	i32.const	1
	i32.add
	end_try
	end_function
`;

const EH_MAIN = `#include <stdio.h>
int eh_catch(int);
int main(void) {
  printf("caught %d\\n", eh_catch(41));
  printf("caught %d\\n", eh_catch(-1));
  return 0;
}
`;

const ISATTY = `#include <stdio.h>
#include <unistd.h>
int main(void) {
  int in = isatty(0), out = isatty(1), err = isatty(2);
  printf("isatty: %d %d %d\\n", in, out, err);
  return 0;
}
`;

// A buffer that starts 10 bytes before the end of memory and is 100 bytes long.
const BAD_BUFFER = `#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <wasi/api.h>
#ifdef __wasip2__
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#endif
int main(int argc, char **argv) {
  char *end = (char *)(__builtin_wasm_memory_size(0) * 65536);
  long r = -2;
  if (!strcmp(argv[1], "write")) r = write(1, end - 10, 100);
  else if (!strcmp(argv[1], "read")) r = read(0, end - 10, 100);
  else if (!strcmp(argv[1], "poll_oneoff")) {
    __wasi_event_t ev;
    __wasi_size_t n;
    errno = __wasi_poll_oneoff((const __wasi_subscription_t *)(end - 8), &ev, 1, &n);
    r = errno ? -1 : 0;
  }
#ifdef __wasip2__
  else if (!strcmp(argv[1], "send")) {
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons(atoi(argv[2]))};
    inet_pton(AF_INET, "127.0.0.1", &a.sin_addr);
    if (connect(fd, (struct sockaddr *)&a, sizeof a)) { perror("connect"); return 2; }
    r = send(fd, end - 10, 100, 0);
  }
#endif
  printf("\\n%s: %ld %s\\n", argv[1], r, r != -1 ? "" : errno == EFAULT ? "EFAULT" : errno == EOVERFLOW ? "EOVERFLOW" : "other errno");
  return 0;
}
`;

let p: Project;
before(() => {
  p = makeProject();
  p.write('eh.s', EH_ASM);
  p.write('eh-main.c', EH_MAIN);
  p.write('isatty.c', ISATTY);
  p.write('bad-buffer.c', BAD_BUFFER);
});
after(() => p?.remove());

test('wasm32-wasip2: a component with legacy exception handling (try, catch, catch_all, rethrow, throw) runs', async () => {
  const cc = p.wasiCc(['--target=wasm32-wasip2', '-mexception-handling', '-O2', 'eh-main.c', 'eh.s', '-o', 'eh.wasm']);
  assert.equal(cc.status, 0, output(cc));
  // jco-transpile alone refuses it.
  const { transpileBytes } = await import('@bytecodealliance/jco-transpile');
  await assert.rejects(transpileBytes(readFileSync(p.path('eh.wasm')), { name: 'component' }), /exceptions proposal not enabled/);
  const run = p.wasiCc(['run', 'eh.wasm']);
  assert.equal(run.status, 0, output(run));
  assert.equal(run.stdout, 'caught 42\ncaught 0\n');
  assert.equal(run.stderr, '');
});

/** `wasi-cc run PROGRAM` with stdin, stdout and stderr on a terminal (util-linux's script). */
function runOnTerminal(program: string): string {
  const r = spawnSync('script', ['-qec', `${process.execPath} ${WASI_CC} run ${program}`, '/dev/null'], {
    cwd: p.dir,
    encoding: 'utf8',
    input: '',
  });
  assert.equal(r.status, 0, output(r));
  return r.stdout.replace(/\r\n/g, '\n');
}

for (const triple of TRIPLES) {
  test(`${triple}: isatty() is 1 on a terminal (and 0 on pipes)`, () => {
    const out = `isatty-${triple}.wasm`;
    const cc = p.wasiCc([`--target=${triple}`, 'isatty.c', '-o', out]);
    assert.equal(cc.status, 0, output(cc));
    assert.equal(runOnTerminal(out), 'isatty: 1 1 1\n');
    const piped = p.wasiCc(['run', out]);
    assert.equal(piped.stdout, 'isatty: 0 0 0\n', output(piped));
  });
}

/** `wasi-cc run bad.wasm CALL` with a line on stdin (more than 10 bytes, for read). */
function runBad(call: string): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, [WASI_CC, 'run', 'bad.wasm', call], { cwd: p.dir, encoding: 'utf8', input: 'a line for read() to take\n' });
}

const TRAP_LINE = /^wasi-cc: error: bad\.wasm trapped: out of bounds memory access in a host call \([^\n]*\)\n$/;

test('wasm32-wasip2: a host call on a buffer past the end of memory traps: 134 and one line', async () => {
  const cc = p.wasiCc(['--target=wasm32-wasip2', 'bad-buffer.c', '-o', 'bad.wasm']);
  assert.equal(cc.status, 0, output(cc));
  // write and read through the adapter: the host copied what it could, and said it wrote all.
  for (const call of ['write', 'read']) {
    const r = runBad(call);
    assert.equal(r.status, 134, output(r));
    assert.match(r.stderr, TRAP_LINE);
    assert.equal(r.stdout, '');
  }
  // send on a socket: it reported 100 bytes sent and sent 10.
  let received = -1;
  const server = createServer((s) => {
    let n = 0;
    s.on('data', (d) => (n += d.length));
    s.on('close', () => (received = n));
    s.on('error', () => {});
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const port = (server.address() as AddressInfo).port;
    const child = spawn(process.execPath, [WASI_CC, 'run', 'bad.wasm', 'send', String(port)], { cwd: p.dir });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d));
    child.stderr.on('data', (d: Buffer) => (stderr += d));
    const status = await new Promise<number | null>((resolve) => child.on('close', resolve));
    assert.equal(status, 134, stderr);
    assert.match(stderr, TRAP_LINE);
    assert.equal(stdout, '');
    while (received < 0) await new Promise((resolve) => setTimeout(resolve, 10));
    assert.equal(received, 0);
  } finally {
    server.close();
  }
});

// node:wasi checks every buffer, and answers EOVERFLOW (Linux: EFAULT). poll_oneoff's
// subscriptions are read by libc itself first (its descriptor table checks every number before
// the host sees it), so there a bad pointer is a trap of the guest: 134 and one line.
for (const triple of ['wasm32-wasip1', 'wasm32-wasip1-threads'] as const) {
  test(`${triple}: a host call on a buffer past the end of memory fails with EOVERFLOW, as node:wasi says; libc's own read of one traps`, () => {
    const cc = p.wasiCc([`--target=${triple}`, 'bad-buffer.c', '-o', 'bad.wasm']);
    assert.equal(cc.status, 0, output(cc));
    for (const call of ['write', 'read']) {
      const r = runBad(call);
      assert.equal(r.status, 0, output(r));
      assert.equal(r.stdout, `\n${call}: -1 EOVERFLOW\n`);
      assert.equal(r.stderr, '');
    }
    const r = runBad('poll_oneoff');
    assert.equal(r.status, 134, output(r));
    assert.equal(r.stdout, '');
    assert.equal(r.stderr, 'wasi-cc: error: bad.wasm trapped: memory access out of bounds\n');
  });
}

// For the p2 libc without the adapter: wasi:cli/exit's exit-with-code (unstable in WASI 0.2,
// behind the cli-exit-with-code feature) is bound by jco and honoured by the shim, so a component
// that calls it exits with the exact status. (The adapter only calls exit: 0 or 1.)
test('wasm32-wasip2: a component calling wasi:cli/exit exit-with-code exits with that status', async () => {
  p.write(
    'exit-code.c',
    `#include <stdio.h>
__attribute__((import_module("wasi:cli/exit@0.2.6"), import_name("exit-with-code"))) void exit_with_code(int);
int main(void) { puts("exiting with 42"); fflush(stdout); exit_with_code(42); return 0; }
`,
  );
  const cc = p.wasiCc(['--target=wasm32-wasip2', '-fuse-ld=lld', 'exit-code.c', '-o', 'exit-code.core.wasm']);
  assert.equal(cc.status, 0, output(cc));
  const { componentEmbed } = await import('@bytecodealliance/jco-transpile/wasm-tools');
  const witSource = `package wasi:cli@0.2.6;
interface exit {
  @since(version = 0.2.0)
  exit: func(status: result);
  @unstable(feature = cli-exit-with-code)
  exit-with-code: func(status-code: u8);
}
world exit-code { import exit; }
`;
  const core = await componentEmbed({
    binary: readFileSync(p.path('exit-code.core.wasm')),
    witSource,
    world: 'exit-code',
    features: { tag: 'list', val: ['cli-exit-with-code'] },
  });
  writeFileSync(p.path('exit-code.wasm'), await componentize(core));
  const run = p.wasiCc(['run', 'exit-code.wasm']);
  assert.equal(run.status, 42, output(run));
  assert.equal(run.stdout, 'exiting with 42\n');
});
