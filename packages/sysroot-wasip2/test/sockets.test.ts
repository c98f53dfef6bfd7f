// Sockets across processes: wasm components talking to each other and to Node
// `net` / `dgram` peers, a load test, and hang-ups at every stage. The C
// programs are sysroots/tests/p2/programs/*.c; every test checks exact output
// and exit status, and the data moved byte for byte.
import { createHash, randomBytes } from 'node:crypto';
import { createSocket } from 'node:dgram';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect, createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { SYSROOTS_DIR } from '@wasi-sysroots/recipe';
import { detectToolchain } from '@wasi-sysroots/toolchain';
import { compileC } from '@wasi-sysroots/verify';
import { makeComponent, runP2, spawnP2, type P2Process } from '@wasi-sysroots/verify/hosts/p2';

const sysroot = join(import.meta.dirname, '..', 'sysroot');
const toolchain = detectToolchain();
const work = mkdtempSync(join(tmpdir(), 'p2-sockets-'));
const PROGRAMS = ['echo-server', 'echo-client', 'hangup-client', 'hangup-server', 'udp-client'] as const;
const component: Record<string, string> = {};

before(async () => {
  for (const name of PROGRAMS) {
    const core = join(work, `${name}.wasm`);
    const built = compileC({
      toolchain, triple: 'wasm32-wasip2', sysroot, opt: '-O2', output: core,
      sources: [join(SYSROOTS_DIR, 'tests', 'p2', 'programs', `${name}.c`)], flags: ['-fuse-ld=lld'],
    });
    assert.ok(built.ok, `compile ${name}: ${built.stderr}`);
    component[name] = join(work, `${name}.component.wasm`);
    await makeComponent(core, component[name]);
  }
});
after(() => rmSync(work, { recursive: true, force: true }));

const live: P2Process[] = [];
after(async () => {
  for (const p of live) await p.kill();
});

/** Starts a wasm server and returns it with the port it printed. */
async function startServer(args: string[]): Promise<{ server: P2Process; port: number }> {
  const server = await spawnP2({ wasm: component[args[0]!]!, args });
  live.push(server);
  const line = await server.nextLine();
  const m = /^PORT (\d+)$/.exec(line);
  assert.ok(m, `server printed ${JSON.stringify(line)}`);
  return { server, port: Number(m[1]) };
}

function listen(server: Server, host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, () => resolve((server.address() as AddressInfo).port));
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => server.close(() => resolve()));
}

/** A Node echo server (the data goes straight back). */
async function nodeEchoServer(host = '127.0.0.1'): Promise<{ server: Server; port: number }> {
  const server = createServer((s) => s.pipe(s));
  return { server, port: await listen(server, host) };
}

/** Connects from Node, sends `data`, and resolves with everything echoed. */
function nodeEchoClient(port: number, data: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let got = 0;
    const s = connect({ port, host: '127.0.0.1' }, () => s.write(data));
    s.on('data', (d: Buffer) => {
      chunks.push(d);
      got += d.length;
      if (got === data.length) s.end();
    });
    s.on('error', reject);
    s.on('close', () => resolve(Buffer.concat(chunks)));
  });
}

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe('wasm32-wasip2 sockets across processes', () => {
  test('TCP echo: wasm client and wasm server in two processes (IPv4)', async () => {
    const { server, port } = await startServer(['echo-server', '4', '1']);
    const client = await runP2({ wasm: component['echo-client']!, args: ['echo-client', String(port), '1', '100000', '4'] });
    assert.equal(client.stdout, 'ok: 1 connections, 100000 bytes each way, all checked\n', client.stderr);
    assert.equal(client.exitCode, 0);
    const s = await server.result();
    assert.equal(s.stdout, `PORT ${port}\nserved 1 connections, echoed 100000 bytes\n`, s.stderr);
    assert.equal(s.exitCode, 0);
  });

  test('TCP echo: wasm client and wasm server in two processes (IPv6)', async () => {
    const { server, port } = await startServer(['echo-server', '6', '2']);
    const client = await runP2({ wasm: component['echo-client']!, args: ['echo-client', String(port), '2', '65537', '6'] });
    assert.equal(client.stdout, 'ok: 2 connections, 65537 bytes each way, all checked\n', client.stderr);
    const s = await server.result();
    assert.equal(s.stdout, `PORT ${port}\nserved 2 connections, echoed 131074 bytes\n`, s.stderr);
  });

  test('TCP: wasm client against a Node net server', async () => {
    const { server, port } = await nodeEchoServer();
    try {
      const r = await runP2({ wasm: component['echo-client']!, args: ['echo-client', String(port), '3', '300000'] });
      assert.equal(r.stdout, 'ok: 3 connections, 300000 bytes each way, all checked\n', r.stderr);
      assert.equal(r.exitCode, 0);
    } finally {
      await closeServer(server);
    }
  });

  test('TCP: Node net clients against a wasm server', async () => {
    const { server, port } = await startServer(['echo-server', '4', '3']);
    const payloads = [randomBytes(1), randomBytes(70_000), randomBytes(333_333)];
    const echoed = await Promise.all(payloads.map((p) => nodeEchoClient(port, p)));
    echoed.forEach((e, i) => assert.ok(e.equals(payloads[i]!), `connection ${i} echoed different bytes`));
    const s = await server.result();
    assert.equal(s.stdout, `PORT ${port}\nserved 3 connections, echoed 403334 bytes\n`, s.stderr);
    assert.equal(s.exitCode, 0);
  });

  test('load: 50 concurrent connections, 1 MiB each way, wasm client and wasm server', async () => {
    const { server, port } = await startServer(['echo-server', '4', '50']);
    const r = await runP2({
      wasm: component['echo-client']!, args: ['echo-client', String(port), '50', String(1 << 20)], timeoutMs: 240_000,
    });
    assert.equal(r.stdout, `ok: 50 connections, ${1 << 20} bytes each way, all checked\n`, r.stderr);
    const s = await server.result();
    assert.equal(s.stdout, `PORT ${port}\nserved 50 connections, echoed ${50 * (1 << 20)} bytes\n`, s.stderr);
  });

  test('load: 50 concurrent Node clients, 1 MiB each way, against a wasm server', async () => {
    const { server, port } = await startServer(['echo-server', '4', '50']);
    const payloads = Array.from({ length: 50 }, () => randomBytes(1 << 20));
    const echoed = await Promise.all(payloads.map((p) => nodeEchoClient(port, p)));
    echoed.forEach((e, i) => assert.equal(sha(e), sha(payloads[i]!), `connection ${i}`));
    const s = await server.result();
    assert.equal(s.stdout, `PORT ${port}\nserved 50 connections, echoed ${50 * (1 << 20)} bytes\n`, s.stderr);
  });

  // More sockets than the adapter's descriptor table holds (128): libc numbers them itself.
  for (const mode of ['poll', 'select'] as const) {
    test(`load: 200 concurrent Node clients, 1 MiB each way, against a ${mode}-based wasm server`, async () => {
      const { server, port } = await startServer(['echo-server', '4', '200', mode]);
      const payloads = Array.from({ length: 200 }, () => randomBytes(1 << 20));
      const echoed = await Promise.all(payloads.map((p) => nodeEchoClient(port, p)));
      echoed.forEach((e, i) => assert.equal(sha(e), sha(payloads[i]!), `connection ${i}`));
      const s = await server.result();
      assert.equal(s.stdout, `PORT ${port}\nserved 200 connections, echoed ${200 * (1 << 20)} bytes\n`, s.stderr);
      assert.equal(s.exitCode, 0);
    });
  }

  for (const family of ['4', '6'] as const) {
    test(`UDP: wasm client against a Node dgram echo peer (IPv${family})`, async () => {
      const peer = createSocket(family === '6' ? 'udp6' : 'udp4');
      peer.on('message', (msg, rinfo) => peer.send(msg, rinfo.port, rinfo.address));
      await new Promise<void>((resolve) => peer.bind(0, family === '6' ? '::1' : '127.0.0.1', () => resolve()));
      try {
        const r = await runP2({ wasm: component['udp-client']!, args: ['udp-client', String(peer.address().port), family] });
        assert.equal(
          r.stdout,
          "sent 13, got 13 'unconnected 0' from the peer: 1\n" +
            "sent 13, got 13 'unconnected 1' from the peer: 1\n" +
            "sent 13, got 13 'unconnected 2' from the peer: 1\n" +
            'connected: sent 1400, got 1400, same bytes: 1\n',
          r.stderr,
        );
        assert.equal(r.exitCode, 0);
      } finally {
        peer.close();
      }
    });
  }
});

/** A Node server that does `onConnection` with each client socket. */
async function withNodeServer(onConnection: (s: Socket) => void, run: (port: number) => Promise<void>) {
  const sockets = new Set<Socket>();
  const server = createServer((s) => {
    sockets.add(s);
    s.on('error', () => {});
    s.on('close', () => sockets.delete(s));
    onConnection(s);
  });
  const port = await listen(server);
  try {
    await run(port);
  } finally {
    for (const s of sockets) s.destroy();
    await closeServer(server);
  }
}

async function hangupClient(port: number, scenario: string): Promise<string> {
  const r = await runP2({ wasm: component['hangup-client']!, args: ['hangup-client', String(port), scenario] });
  assert.equal(r.exitCode, 0, `exit status (stdout: ${r.stdout}, stderr: ${r.stderr})`);
  return r.stdout;
}

describe('wasm32-wasip2 TCP hang-ups (wasm client, Node server)', () => {
  test('the server sends and closes: data, end of stream, then EPIPE (no SIGPIPE)', async () => {
    await withNodeServer(
      (s) => s.end('bye', () => s.destroy()),
      async (port) => {
        assert.equal(
          await hangupClient(port, 'eof'),
          'recv: 3 bye\nrecv at end: 0\nrecv at end again: 0\nsend after the peer closed: EPIPE\n' +
            'send again: -1 EPIPE\nclose: 0\nstill running\n',
        );
      },
    );
  });

  test('the server resets before the client reads: ECONNRESET, then end of stream', async () => {
    // (A reset right at accept time can also fail the connect on this host:
    // Node may see the reset before it reports the connection.)
    await withNodeServer(
      (s) => s.once('data', () => s.resetAndDestroy()),
      async (port) => {
        assert.equal(
          await hangupClient(port, 'reset-idle'),
          'send: 2\nrecv: -1 ECONNRESET\nrecv after the reset: 0\nsend after the reset: -1 EPIPE\nclose: 0\nstill running\n',
        );
      },
    );
  });

  test('the server resets while the client waits in recv: ECONNRESET', async () => {
    await withNodeServer(
      (s) => s.once('data', () => s.resetAndDestroy()),
      async (port) => {
        assert.equal(await hangupClient(port, 'reset-while-recv'), 'send: 2\nrecv: -1 ECONNRESET\nclose: 0\nstill running\n');
      },
    );
  });

  test('the server resets while the client waits in poll: POLLIN, then ECONNRESET', async () => {
    await withNodeServer(
      (s) => s.once('data', () => setTimeout(() => s.resetAndDestroy(), 100)),
      async (port) => {
        assert.equal(
          await hangupClient(port, 'reset-while-poll'),
          'send: 2\npoll: 1\nrevents has POLLIN: 1\nrecv: -1 ECONNRESET\nclose: 0\nstill running\n',
        );
      },
    );
  });

  test('the server goes away while the client is sending: EPIPE (no SIGPIPE)', async () => {
    await withNodeServer(
      (s) => {
        let got = 0;
        s.on('data', (d: Buffer) => {
          got += d.length;
          if (got > 200_000) s.resetAndDestroy();
        });
      },
      async (port) => {
        assert.equal(await hangupClient(port, 'close-while-send'), 'send until it fails: EPIPE\nclose: 0\nstill running\n');
      },
    );
  });

  test('connecting to a port nobody listens on: ECONNREFUSED', async () => {
    const { server, port } = await nodeEchoServer();
    await closeServer(server);
    const r = await runP2({ wasm: component['hangup-client']!, args: ['hangup-client', String(port), 'eof'] });
    assert.equal(r.stdout, 'connect failed: ECONNREFUSED\n');
    assert.equal(r.exitCode, 1);
  });
});

/** Runs the wasm hang-up server with a Node client doing `client(port)`. */
async function hangupServer(scenario: string, client: (port: number) => Promise<void>): Promise<string> {
  const { server, port } = await startServer(['hangup-server', scenario]);
  await client(port);
  const r = await server.result();
  assert.equal(r.exitCode, 0, `exit status (stdout: ${r.stdout}, stderr: ${r.stderr})`);
  return r.stdout.replace(`PORT ${port}\n`, '');
}

function nodeClient(port: number, act: (s: Socket, done: () => void) => void): Promise<void> {
  return new Promise((resolve) => {
    const s = connect({ port, host: '127.0.0.1' }, () => act(s, () => resolve()));
    s.on('error', () => {});
    s.on('close', () => resolve());
  });
}

describe('wasm32-wasip2 TCP hang-ups (wasm server, Node client)', () => {
  test('the client sends and closes: data, then end of stream', async () => {
    const out = await hangupServer('client-eof', (port) => nodeClient(port, (s) => s.end('hello')));
    assert.equal(out, 'recv: 5 hello\nrecv after: 0\nrecv again: 0\nclose: 0\nstill running\n');
  });

  test('the client resets after the exchange: ECONNRESET, then end of stream', async () => {
    const out = await hangupServer('client-reset', (port) =>
      nodeClient(port, (s) => {
        s.write('hello');
        s.once('data', () => s.resetAndDestroy());
      }),
    );
    assert.equal(out, 'recv: 5 hello\nsend: 2\nrecv after: -1 ECONNRESET\nrecv again: 0\nclose: 0\nstill running\n');
  });

  test('the client is gone before the server sends: end of stream, then EPIPE', async () => {
    const out = await hangupServer('send-to-closed', (port) => nodeClient(port, (s) => s.destroy()));
    assert.equal(out, 'recv: 0\nsend to the closed peer: EPIPE\nclose: 0\nstill running\n');
  });
});
