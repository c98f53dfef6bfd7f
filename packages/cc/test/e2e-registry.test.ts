// End to end, as a user gets it: every package published by scripts/release.ts to a local registry
// (Verdaccio), then a fresh project installs @wasi/cc and the three sysroot packages (@wasi/* from
// the local registry, everything else from the machine's usual registry), and with `npx wasi-cc`
// builds and runs a sockets program (a component: a TCP client and a TCP server talking to Node)
// and a pthreads program, and builds a CMake project for every triple.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, connect, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { PUBLISH_ORDER, TRIPLES, WORKSPACE_ROOT } from '@wasi-sysroots/recipe';
import { startRegistry } from '@wasi-sysroots/verify';
import { wasmKind } from '../src/wasm.ts';
import { output, writeCmakeProject } from './helpers.ts';

const TCP_CLIENT = `#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
int main(int argc, char **argv) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) { perror("socket"); return 1; }
  struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons(atoi(argv[1])) };
  inet_pton(AF_INET, "127.0.0.1", &a.sin_addr);
  if (connect(fd, (struct sockaddr *)&a, sizeof a) < 0) { perror("connect"); return 1; }
  const char *msg = "hello from wasm\\n";
  if (write(fd, msg, strlen(msg)) < 0) { perror("write"); return 1; }
  char buf[128];
  ssize_t n = read(fd, buf, sizeof buf - 1);
  if (n < 0) { perror("read"); return 1; }
  buf[n] = 0;
  printf("got: %s", buf);
  close(fd);
  return 0;
}
`;

const TCP_SERVER = `#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
int main(void) {
  int s = socket(AF_INET, SOCK_STREAM, 0);
  struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = 0 };
  inet_pton(AF_INET, "127.0.0.1", &a.sin_addr);
  if (s < 0 || bind(s, (struct sockaddr *)&a, sizeof a) < 0 || listen(s, 1) < 0) { perror("listen"); return 1; }
  socklen_t len = sizeof a;
  if (getsockname(s, (struct sockaddr *)&a, &len) < 0) { perror("getsockname"); return 1; }
  printf("listening %d\\n", ntohs(a.sin_port));
  fflush(stdout);
  int c = accept(s, NULL, NULL);
  if (c < 0) { perror("accept"); return 1; }
  char buf[64];
  ssize_t n = read(c, buf, sizeof buf - 1);
  if (n < 0) { perror("read"); return 1; }
  buf[n] = 0;
  char reply[96];
  snprintf(reply, sizeof reply, "pong: %s", buf);
  write(c, reply, strlen(reply));
  close(c);
  close(s);
  return 0;
}
`;

const PTHREADS = `#include <pthread.h>
#include <stdio.h>
static long sums[4];
static void *sum(void *arg) {
  long i = (long)arg;
  for (long k = 1; k <= 100000; k++) sums[i] += k % (i + 2);
  return NULL;
}
int main(void) {
  pthread_t t[4];
  for (long i = 0; i < 4; i++) if (pthread_create(&t[i], NULL, sum, (void *)i)) return 2;
  for (int i = 0; i < 4; i++) pthread_join(t[i], NULL);
  printf("%ld %ld %ld %ld\\n", sums[0], sums[1], sums[2], sums[3]);
  return 0;
}
`;

/** This process's environment without npm's per-run settings, so npm in the project is plain npm. */
function userEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (/^npm_/i.test(k) || k === 'INIT_CWD') continue;
    env[k] = v;
  }
  env.PATH = (process.env.PATH ?? '').split(delimiter).filter((d) => !d.includes(`node_modules${'/'}.bin`)).join(delimiter);
  return env;
}

/** Runs a command and resolves with its output once it ends (the event loop stays free). */
function run(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv, onStdout?: (text: string) => void): Promise<SpawnSyncReturns<string>> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      onStdout?.(stdout);
    });
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
    child.on('error', reject);
    child.on('close', (status, signal) => {
      clearTimeout(timer);
      resolve({ pid: child.pid ?? 0, output: [null, stdout, stderr], stdout, stderr, status, signal });
    });
  });
}

test('published packages install from a registry; npx wasi-cc builds and runs sockets, pthreads and CMake projects', { timeout: 20 * 60_000 }, async () => {
  const registry = await startRegistry();
  const project = mkdtempSync(join(tmpdir(), 'wasi-cc-e2e-'));
  try {
    const release = spawnSync(process.execPath, ['--import', 'tsx', join(WORKSPACE_ROOT, 'scripts/release.ts'), '--registry', `${registry.url}/`], {
      cwd: WORKSPACE_ROOT,
      env: registry.env,
      encoding: 'utf8',
    });
    assert.equal(release.status, 0, output(release));
    for (const p of PUBLISH_ORDER) assert.match(release.stdout, new RegExp(`published ${p.packageName.replace('/', '\\/')}@`));

    // A project of a user: @wasi/* from the local registry, the rest from their usual one.
    writeFileSync(join(project, 'package.json'), '{"name":"e2e-project","private":true}\n');
    writeFileSync(join(project, '.npmrc'), `@wasi:registry=${registry.url}/\n`);
    const env = userEnv();
    const install = spawnSync('npm', ['i', '--no-audit', '--no-fund', '@wasi/cc', ...TRIPLES.map((t) => t.packageName), ...TRIPLES.map((t) => t.cxx.packageName)], { cwd: project, env, encoding: 'utf8' });
    assert.equal(install.status, 0, output(install));
    const ccVersion = JSON.parse(readFileSync(join(WORKSPACE_ROOT, 'packages/cc/package.json'), 'utf8')).version;
    assert.equal(JSON.parse(readFileSync(join(project, 'node_modules/@wasi/cc/package.json'), 'utf8')).version, ccVersion);
    for (const t of TRIPLES) assert.ok(existsSync(join(project, 'node_modules', t.packageName, 'sysroot', 'lib', t.triple, 'libc.a')), t.packageName);

    const npx = (args: string[]) => spawnSync('npx', ['--no', '--', ...args], { cwd: project, env, encoding: 'utf8' });
    const doctor = npx(['wasi-cc', 'doctor']);
    assert.equal(doctor.status, 0, output(doctor));
    assert.doesNotMatch(doctor.stdout, /MISSING|absent/);

    // Sockets (wasm32-wasip2): a client of a Node server, then a server for a Node client.
    writeFileSync(join(project, 'client.c'), TCP_CLIENT);
    writeFileSync(join(project, 'server.c'), TCP_SERVER);
    for (const name of ['client', 'server']) {
      const cc = npx(['wasi-cc', '--target=wasm32-wasip2', '-O2', `${name}.c`, '-o', `${name}.wasm`]);
      assert.equal(cc.status, 0, output(cc));
      assert.equal(wasmKind(readFileSync(join(project, `${name}.wasm`))), 'component');
    }
    const received: string[] = [];
    const server = createServer((socket) => socket.on('data', (d) => {
      received.push(d.toString());
      socket.end(`echo: ${d}`);
    }));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const port = (server.address() as AddressInfo).port;
      const client = await run('npx', ['--no', '--', 'wasi-cc', 'run', 'client.wasm', String(port)], project, env);
      assert.equal(client.status, 0, output(client));
      assert.equal(client.stdout, 'got: echo: hello from wasm\n');
      assert.deepEqual(received, ['hello from wasm\n']);
    } finally {
      server.close();
    }
    let replied: Promise<string> | undefined;
    const wasmServer = await run('npx', ['--no', '--', 'wasi-cc', 'run', 'server.wasm'], project, env, (stdout) => {
      const m = /listening (\d+)/.exec(stdout);
      if (!m || replied) return;
      replied = new Promise((resolve, reject) => {
        const socket = connect(Number(m[1]), '127.0.0.1', () => socket.write('ping'));
        let reply = '';
        socket.on('data', (d) => (reply += d.toString()));
        socket.on('end', () => resolve(reply));
        socket.on('error', reject);
      });
    });
    assert.equal(wasmServer.status, 0, output(wasmServer));
    assert.equal(await replied, 'pong: ping');

    // pthreads (wasm32-wasip1-threads).
    writeFileSync(join(project, 'pthreads.c'), PTHREADS);
    const cc = npx(['wasi-cc', '--target=wasm32-wasip1-threads', '-O2', 'pthreads.c', '-o', 'pthreads.wasm']);
    assert.equal(cc.status, 0, output(cc));
    const threads = npx(['wasi-cc', 'run', 'pthreads.wasm']);
    assert.equal(threads.status, 0, output(threads));
    const expected = [0, 1, 2, 3].map((i) => {
      let s = 0;
      for (let k = 1; k <= 100000; k++) s += k % (i + 2);
      return s;
    });
    assert.equal(threads.stdout, `${expected.join(' ')}\n`);

    // CMake, with the toolchain file each sysroot package ships.
    const src = writeCmakeProject(join(project, 'cmake-src'));
    for (const t of TRIPLES) {
      const build = join(project, `build-${t.triple}`);
      const toolchain = join(project, 'node_modules', t.packageName, 'cmake', `${t.triple}.cmake`);
      assert.ok(existsSync(toolchain), `${t.packageName} ships no cmake/${t.triple}.cmake`);
      const configure = spawnSync('cmake', ['-S', src, '-B', build, `-DCMAKE_TOOLCHAIN_FILE=${toolchain}`], { cwd: project, env, encoding: 'utf8' });
      assert.equal(configure.status, 0, output(configure));
      const make = spawnSync('cmake', ['--build', build], { cwd: project, env, encoding: 'utf8' });
      assert.equal(make.status, 0, output(make));
      const ran = npx(['wasi-cc', 'run', join(build, 'hello.wasm'), t.triple]);
      assert.equal(ran.status, 0, output(ran));
      assert.equal(ran.stdout, `${t.threads ? 'hello, thread\n' : ''}hello, ${t.triple}\n`);
    }

    // C++ from the installed @wasi/cxx-* packages: wasi-c++, both variants.
    writeFileSync(join(project, 'hello.cc'), '#include <iostream>\n#include <string>\nint main(int argc, char **argv) { try { if (argc > 2) throw std::string(argv[2]); std::cout << "c++ " << argv[1] << std::endl; } catch (const std::string &s) { std::cout << "caught " << s << std::endl; } return 0; }\n');
    for (const t of TRIPLES) {
      for (const eh of [false, true]) {
        const out = join(project, `hello-${t.triple}${eh ? '-eh' : ''}.wasm`);
        const built = npx(['wasi-c++', `--target=${t.triple}`, '-O2', ...(eh ? ['-fwasm-exceptions'] : []), 'hello.cc', '-o', out]);
        assert.equal(built.status, 0, output(built));
        const ran = npx(['wasi-cc', 'run', out, t.triple, ...(eh ? ['thrown'] : [])]);
        assert.equal(ran.stdout, eh ? 'caught thrown\n' : `c++ ${t.triple}\n`, output(ran));
        assert.equal(ran.status, 0);
      }
    }
  } finally {
    await registry.stop();
    rmSync(project, { recursive: true, force: true });
  }
});
