// What a port's check program talks to: a real redis-server, Node HTTP servers, or a Node HTTP
// client. Every fixture listens on loopback only, on a free port, and is stopped by its own pid
// (or closed) whatever happens to the check.
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createServer, request, type Server } from 'node:http';
import { createServer as createNetServer, connect } from 'node:net';

export interface RunningFixture {
  /** Placeholder values for the program's arguments and the host checks. */
  values: Record<string, string>;
  stop(): Promise<void>;
}

/** A TCP port nothing listens on right now (the OS picks it). */
export function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createNetServer();
    s.on('error', reject);
    s.listen(0, host, () => {
      const addr = s.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      s.close(() => resolve(port));
    });
  });
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

function canConnect(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const sock = connect({ host, port });
    sock.once('connect', () => {
      sock.destroy();
      resolve(true);
    });
    sock.once('error', () => resolve(false));
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => process.kill(child.pid!, 'SIGKILL'), 5000);
    child.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    process.kill(child.pid!, 'SIGTERM');
  });
}

/** redis-server (Debian's, installed by npm run setup) on 127.0.0.1 and a free port, in memory only. */
export async function startRedis(): Promise<RunningFixture> {
  const port = await freePort();
  const child = spawn('redis-server', ['--bind', '127.0.0.1', '--port', String(port), '--save', '', '--appendonly', 'no', '--daemonize', 'no', '--protected-mode', 'yes'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const failed = new Promise<Error>((resolve) => {
    child.once('error', (e: NodeJS.ErrnoException) =>
      resolve(e.code === 'ENOENT' ? new Error('redis-server is not installed: run npm run setup (it installs redis-server with apt)') : e),
    );
    child.once('exit', (code) => resolve(new Error(`redis-server exited with ${code} before it was ready:\n${output.trim()}`)));
  });
  const stop = () => stopChild(child);
  const deadline = Date.now() + 15000;
  for (;;) {
    const r = await Promise.race([canConnect('127.0.0.1', port), failed]);
    if (r instanceof Error) throw r;
    if (r) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`redis-server did not accept connections on 127.0.0.1:${port} within 15 s:\n${output.trim()}`);
    }
    await sleep(50);
  }
  return { values: { redisHost: '127.0.0.1', redisPort: String(port) }, stop };
}

/** 1 MiB of deterministic bytes (the /big route). */
export function bigBody(bytes = 1024 * 1024): Buffer {
  const b = Buffer.alloc(bytes);
  let x = 1;
  for (let i = 0; i < bytes; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    b[i] = 97 + ((x >>> 16) % 26);
  }
  return b;
}

/**
 * The routes a port's HTTP client fetches: GET /hello, GET /big (1 MiB), GET /chunked (chunked
 * transfer encoding), POST /echo (answers with what it got), GET /slow (the body comes after 1 s).
 */
function routes(req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse): void {
  const url = req.url ?? '/';
  if (req.method === 'GET' && url === '/hello') {
    res.writeHead(200, { 'content-type': 'text/plain' }).end('hello from node\n');
  } else if (req.method === 'GET' && url === '/big') {
    res.writeHead(200, { 'content-type': 'application/octet-stream' }).end(bigBody());
  } else if (req.method === 'GET' && url === '/chunked') {
    res.writeHead(200, { 'content-type': 'text/plain' });
    let i = 0;
    const next = () => {
      if (++i > 5) return void res.end();
      res.write(`chunk ${i}\n`);
      setTimeout(next, 20);
    };
    next();
  } else if (req.method === 'POST' && url === '/echo') {
    const parts: Buffer[] = [];
    req.on('data', (d: Buffer) => parts.push(d));
    req.on('end', () => {
      const body = Buffer.concat(parts);
      res.writeHead(200, { 'content-type': 'text/plain' }).end(`got ${body.length} bytes: ${body.toString('utf8')}`);
    });
  } else if (req.method === 'GET' && url === '/slow') {
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.write('slow ');
    setTimeout(() => res.end('response\n'), 1000);
  } else {
    res.writeHead(404).end('not found\n');
  }
}

function listen(server: Server, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, () => {
      const addr = server.address();
      resolve(typeof addr === 'object' && addr ? addr.port : 0);
    });
  });
}

/** Node HTTP servers with the routes above on 127.0.0.1 and on [::1]. */
export async function startHttpServers(): Promise<RunningFixture> {
  const v4 = createServer(routes);
  const v6 = createServer(routes);
  const httpPort = await listen(v4, '127.0.0.1');
  const httpPort6 = await listen(v6, '::1');
  const close = (s: Server) =>
    new Promise<void>((r) => {
      s.closeAllConnections();
      s.close(() => r());
    });
  return { values: { httpPort: String(httpPort), httpPort6: String(httpPort6) }, stop: async () => void (await Promise.all([close(v4), close(v6)])) };
}

/** GET http://127.0.0.1:port/path; resolves to status and body. */
export function httpGet(port: number, path: string): Promise<{ status: number; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: 'GET', agent: false }, (res) => {
      const parts: Buffer[] = [];
      res.on('data', (d: Buffer) => parts.push(d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(parts) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

export function sha256(data: Buffer | string): string {
  return createHash('sha256').update(data).digest('hex');
}
