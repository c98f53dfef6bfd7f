// wasm32-wasip2 without the adapter: the size of a hello-world component beside the same
// program through the Preview 1 adapter (the wasm32-wasip1 libc wrapped with the command adapter,
// which is how wasm32-wasip2 programs were made before libc spoke Preview 2 itself; the goal is
// at most 0.5x); `wasi-cc run` startup beside wasm32-wasip1 on node:wasi; and a 100 MiB file copy
// through read/write beside the same copy on wasm32-wasip1.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { WORKSPACE_ROOT } from '@wasi-sysroots/recipe';
import { kb, medianWall, row, secs, timed } from './_measure.ts';
import type { BenchSection } from '../bench.ts';

const COPY_MIB = 100;

const HELLO = '#include <stdio.h>\nint main(void) { puts("hello, world"); return 0; }\n';
const COPY = `#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>
static char buf[65536];
int main(int argc, char **argv) {
  int in = open(argv[1], O_RDONLY), out = open(argv[2], O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (in < 0 || out < 0) { perror("open"); return 1; }
  ssize_t n;
  while ((n = read(in, buf, sizeof buf)) > 0)
    if (write(out, buf, (size_t)n) != n) { perror("write"); return 1; }
  return n < 0 || close(out) != 0;
}
`;


function check(command: string): void {
  const t = timed(command);
  if (t.status !== 0) throw new Error(`"${command}" failed:\n${t.output}`);
}

const section: BenchSection = {
  name: 'p2',
  async run() {
    const scratch = mkdtempSync(join(tmpdir(), 'bench-p2-'));
    const wasiCc = `${process.execPath} ${join(WORKSPACE_ROOT, 'packages/cc/dist/bin/wasi-cc.js')}`;
    try {
      writeFileSync(join(scratch, 'hello.c'), HELLO);
      writeFileSync(join(scratch, 'copy.c'), COPY);
      for (const [t, name] of [['wasm32-wasip2', 'p2'], ['wasm32-wasip1', 'p1']] as const) {
        check(`${wasiCc} --target=${t} -O2 ${scratch}/hello.c -o ${scratch}/hello-${name}.wasm`);
        check(`${wasiCc} --target=${t} -O2 ${scratch}/copy.c -o ${scratch}/copy-${name}.wasm`);
      }

      // The adapter build: the Preview 1 libc's hello, componentized with the command adapter.
      const require = createRequire(join(WORKSPACE_ROOT, 'package.json'));
      const { componentNew } = (await import(pathToFileURL(require.resolve('@bytecodealliance/jco-transpile/wasm-tools')).href)) as {
        componentNew: (core: Uint8Array, adapters: Array<[string, Uint8Array]>) => Promise<Uint8Array>;
      };
      const adapter = readFileSync(join(WORKSPACE_ROOT, 'packages/preview1-adapter/adapters/wasi_snapshot_preview1.command.wasm'));
      const viaAdapter = await componentNew(readFileSync(join(scratch, 'hello-p1.wasm')), [['wasi_snapshot_preview1', adapter]]);
      writeFileSync(join(scratch, 'hello-adapter.wasm'), viaAdapter);
      const p2Size = statSync(join(scratch, 'hello-p2.wasm')).size;
      row('p2 hello component: no adapter vs adapter', kb(p2Size), kb(viaAdapter.length), p2Size / viaAdapter.length);
      console.log(`  bytes: ${p2Size} vs ${viaAdapter.length}`);

      const p2Start = medianWall(`${wasiCc} run ${scratch}/hello-p2.wasm`);
      const p1Start = medianWall(`${wasiCc} run ${scratch}/hello-p1.wasm`);
      row('wasi-cc run hello: p2 vs p1 (node:wasi)', secs(p2Start), secs(p1Start), p2Start / p1Start);
      const adapterStart = medianWall(`${wasiCc} run ${scratch}/hello-adapter.wasm`);
      row('wasi-cc run hello: p2 vs p2 through the adapter', secs(p2Start), secs(adapterStart), p2Start / adapterStart);

      const data = join(scratch, 'data');
      mkdirSync(data);
      const chunk = Buffer.alloc(1024 * 1024, 'wasi-sysroots ');
      writeFileSync(join(data, 'in'), Buffer.concat(Array.from({ length: COPY_MIB }, () => chunk)));
      const copy = (name: string) => medianWall(`${wasiCc} run --dir ${data}::/data ${scratch}/copy-${name}.wasm /data/in /data/out`);
      const p2Copy = copy('p2');
      if (statSync(join(data, 'out')).size !== COPY_MIB * 1024 * 1024) throw new Error('the p2 copy is incomplete');
      const p1Copy = copy('p1');
      row(`copy ${COPY_MIB} MiB (read/write): p2 vs p1`, `${(COPY_MIB / p2Copy).toFixed(0)} MiB/s`, `${(COPY_MIB / p1Copy).toFixed(0)} MiB/s`, p1Copy / p2Copy);
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  },
};
export default section;
