// The Node `net` reference for the sockets bench: the same protocol as
// sysroots/p2/bench/tcp-bench-{server,client}.c, in plain Node.
//   node _tcp-reference.mjs server            prints "PORT n", serves 2 connections
//   node _tcp-reference.mjs client PORT BYTES ROUNDS SIZE
import net from 'node:net';

const [role, ...args] = process.argv.slice(2);

function header(mode, arg) {
  const h = Buffer.alloc(16);
  h.write(mode, 0, 'latin1');
  h.writeBigUInt64LE(BigInt(arg), 8);
  return h;
}

if (role === 'server') {
  let served = 0;
  const server = net.createServer({ noDelay: true }, (sock) => {
    sock.setNoDelay(true);
    let buf = Buffer.alloc(0);
    let mode = '';
    let arg = 0n;
    let count = 0n;
    sock.on('data', (d) => {
      if (!mode) {
        buf = Buffer.concat([buf, d]);
        if (buf.length < 16) return;
        mode = String.fromCharCode(buf[0]);
        arg = buf.readBigUInt64LE(8);
        d = buf.subarray(16);
      }
      if (mode === 'T') {
        count += BigInt(d.length);
        if (count >= arg) {
          const reply = Buffer.alloc(8);
          reply.writeBigUInt64LE(count);
          sock.end(reply);
        }
      } else if (d.length) sock.write(d);
    });
    sock.on('close', () => {
      if (++served === 2) server.close();
    });
  });
  server.listen(0, '127.0.0.1', () => console.log(`PORT ${server.address().port}`));
} else {
  const [port, bytes, rounds, size] = args.map(Number);
  const connect = () => new Promise((r) => { const s = net.connect(port, '127.0.0.1', () => r(s)); s.setNoDelay(true); });
  // Throughput.
  let s = await connect();
  let t0 = process.hrtime.bigint();
  s.write(header('T', bytes));
  const chunk = Buffer.alloc(65536, 7);
  for (let sent = 0; sent < bytes; sent += chunk.length) {
    if (!s.write(chunk)) await new Promise((r) => s.once('drain', r));
  }
  await new Promise((r) => s.once('data', r));
  let secs = Number(process.hrtime.bigint() - t0) / 1e9;
  console.log(`throughput: ${bytes} bytes in ${secs.toFixed(3)} s = ${(bytes / 1048576 / secs).toFixed(1)} MiB/s`);
  s.destroy();
  // Request/response.
  s = await connect();
  s.write(header('R', size));
  const msg = Buffer.alloc(size, 1);
  t0 = process.hrtime.bigint();
  let got = 0;
  await new Promise((resolve) => {
    let done = 0;
    s.on('data', (d) => {
      got += d.length;
      while (got >= size) {
        got -= size;
        if (++done === rounds) return resolve();
        s.write(msg);
      }
    });
    s.write(msg);
  });
  secs = Number(process.hrtime.bigint() - t0) / 1e9;
  console.log(`request/response: ${rounds} round trips of ${size} bytes in ${secs.toFixed(3)} s = ${(secs / rounds * 1e6).toFixed(1)} us each, ${(rounds / secs).toFixed(0)} per second`);
  s.end();
}
