// wasm32-wasip2 sockets: TCP throughput and request/response round trips between a wasm
// client and a wasm server through our libc, beside a Node `net` client and server doing
// the same exchange on the same machine.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SYSROOTS_DIR, WORKSPACE_ROOT } from '@wasi-sysroots/recipe';
import { detectToolchain } from '@wasi-sysroots/toolchain';
import { compileC } from '@wasi-sysroots/verify';
import { p2Host, spawnP2, runP2, makeComponent } from '@wasi-sysroots/verify/hosts/p2';
import { row } from './_measure.ts';
import type { BenchSection } from '../bench.ts';

const BYTES = 64 * 1024 * 1024;
const ROUNDS = 2000;
const SIZE = 64;
const RUNS = 3;

interface Figures { mibPerS: number; roundTripsPerS: number; hostCalls?: number }

function parse(output: string): Figures {
  const t = /throughput: .* = ([\d.]+) MiB\/s/.exec(output);
  const r = /request\/response: .* ([\d.]+) per second/.exec(output);
  if (!t || !r) throw new Error(`unexpected bench output:\n${output}`);
  return { mibPerS: Number(t[1]), roundTripsPerS: Number(r[1]) };
}

async function buildPair(work: string): Promise<Record<string, string>> {
  const toolchain = detectToolchain();
  const sysroot = join(WORKSPACE_ROOT, 'packages/sysroot-wasip2/sysroot');
  const built: Record<string, string> = {};
  for (const name of ['tcp-bench-server', 'tcp-bench-client']) {
    const core = join(work, `${name}.core.wasm`);
    const r = compileC({ toolchain, triple: 'wasm32-wasip2', sysroot, sources: [join(SYSROOTS_DIR, 'p2/bench', `${name}.c`)], output: core, opt: '-O2', flags: p2Host.linkFlags });
    if (!r.ok) throw new Error(r.stderr);
    built[name] = join(work, `${name}.wasm`);
    await makeComponent(core, built[name]!);
  }
  return built;
}

async function wasmPair(work: string, built: Record<string, string>): Promise<Figures> {
  // Each end counts its host calls (packages/cc's p2 host, WASI_CC_HOST_CALLS) into a file.
  const counts = { server: join(work, 'server.calls'), client: join(work, 'client.calls') };
  process.env.WASI_CC_HOST_CALLS = counts.server;
  const server = await spawnP2({ wasm: built['tcp-bench-server']!, args: ['server', '4', '2'] });
  const port = (await server.nextLine()).replace('PORT ', '');
  process.env.WASI_CC_HOST_CALLS = counts.client;
  const client = await runP2({ wasm: built['tcp-bench-client']!, args: ['client', port, String(BYTES), String(ROUNDS), String(SIZE), '4'], timeoutMs: 300_000 });
  await server.result();
  delete process.env.WASI_CC_HOST_CALLS;
  const hostCalls = Number(readFileSync(counts.server, 'utf8')) + Number(readFileSync(counts.client, 'utf8'));
  return { ...parse(client.stdout + client.stderr), hostCalls };
}

async function nodePair(): Promise<Figures> {
  const script = join(WORKSPACE_ROOT, 'scripts/bench/_tcp-reference.mjs');
  const server = spawn(process.execPath, [script, 'server'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<string>((resolve) => server.stdout.once('data', (d: Buffer) => resolve(d.toString().trim().replace('PORT ', ''))));
  const client = spawnSync(process.execPath, [script, 'client', port, String(BYTES), String(ROUNDS), String(SIZE)], { encoding: 'utf8' });
  await new Promise((r) => server.once('close', r));
  return parse(client.stdout);
}

const section: BenchSection = {
  name: 'sockets',
  async run() {
    const work = mkdtempSync(join(tmpdir(), 'bench-sockets-'));
    try {
      // Three runs of each pair, alternating; the medians (the machine's noise is large beside a
      // run of a fraction of a second).
      const built = await buildPair(work);
      const runs: Array<{ wasm: Figures; node: Figures }> = [];
      for (let i = 0; i < RUNS; i++) runs.push({ wasm: await wasmPair(work, built), node: await nodePair() });
      const median = (pick: (r: (typeof runs)[number]) => number) => runs.map(pick).sort((a, b) => a - b)[Math.floor(RUNS / 2)]!;
      const wasm: Figures = { mibPerS: median((r) => r.wasm.mibPerS), roundTripsPerS: median((r) => r.wasm.roundTripsPerS), hostCalls: median((r) => r.wasm.hostCalls!) };
      const node: Figures = { mibPerS: median((r) => r.node.mibPerS), roundTripsPerS: median((r) => r.node.roundTripsPerS) };
      row('TCP throughput wasm<->wasm vs node<->node', `${wasm.mibPerS.toFixed(1)} MiB/s`, `${node.mibPerS.toFixed(1)} MiB/s`, wasm.mibPerS / node.mibPerS);
      row('TCP round trips/s wasm<->wasm vs node<->node', `${wasm.roundTripsPerS.toFixed(0)}/s`, `${node.roundTripsPerS.toFixed(0)}/s`, wasm.roundTripsPerS / node.roundTripsPerS);
      const mib = (BYTES + 2 * ROUNDS * SIZE) / (1024 * 1024);
      console.log(`  host calls of both wasm ends, whole run (median of ${RUNS}): ${wasm.hostCalls}, ${(wasm.hostCalls! / mib).toFixed(0)} per MiB moved`);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  },
};
export default section;
