// @wasi/cc: `wasi-cc` compiling, linking and componentizing a hello world for wasm32-wasip2 in one
// call, beside the same three steps by hand (clang -c, clang -fuse-ld=lld, jco componentNew in
// node); for wasm32-wasip1, wasi-cc beside plain clang (the driver's own cost); and the size of the
// wasm32-wasip2 hello component beside the wasm32-wasip1 hello module, both made by this run.
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { getTriple, WORKSPACE_ROOT, type TripleName } from '@wasi-sysroots/recipe';
import { detectToolchain } from '@wasi-sysroots/toolchain';
import { kb, medianWall, row, secs, timed } from './_measure.ts';
import type { BenchSection } from '../bench.ts';



const section: BenchSection = {
  name: 'cc',
  async run() {
    const tc = detectToolchain();
    const scratch = mkdtempSync(join(tmpdir(), 'bench-cc-'));
    const node = process.execPath;
    const wasiCc = `${node} ${join(WORKSPACE_ROOT, 'packages/cc/dist/bin/wasi-cc.js')}`;
    const sysroot = (t: TripleName) => join(WORKSPACE_ROOT, getTriple(t).packageDir, 'sysroot');
    try {
      const hello = join(scratch, 'hello.c');
      writeFileSync(hello, '#include <stdio.h>\nint main(void) { puts("hello, world"); return 0; }\n');

      if (existsSync(join(sysroot('wasm32-wasip2'), 'lib/wasm32-wasip2/libc.a'))) {
        // The reference's third step: jco's componentNew in a node process (no adapter: libc
        // imports no Preview 1).
        const require = createRequire(join(WORKSPACE_ROOT, 'package.json'));
        const wasmTools = pathToFileURL(require.resolve('@bytecodealliance/jco-transpile/wasm-tools')).href;
        const componentize = join(scratch, 'componentize.mjs');
        writeFileSync(
          componentize,
          [
            "import { readFileSync, writeFileSync } from 'node:fs';",
            `const { componentNew } = await import(${JSON.stringify(wasmTools)});`,
            "writeFileSync(process.argv[3], await componentNew(readFileSync(process.argv[2]), []));",
            '',
          ].join('\n'),
        );
        const flags = `--target=wasm32-wasip2 --sysroot=${sysroot('wasm32-wasip2')} -O2`;
        const compile = `${tc.clang} ${flags} -c ${hello} -o ${scratch}/hello.o`;
        const link = `${tc.clang} ${flags} -fuse-ld=lld ${scratch}/hello.o -o ${scratch}/core.wasm`;
        const componentNew = `${node} ${componentize} ${scratch}/core.wasm ${scratch}/by-hand.wasm`;
        const ours = medianWall(`${wasiCc} --target=wasm32-wasip2 -O2 ${hello} -o ${scratch}/wasi-cc.wasm`);
        const reference = medianWall(`${compile} && ${link} && ${componentNew}`);
        row('wasip2 hello: wasi-cc vs clang -c, link, componentNew', secs(ours), secs(reference), ours / reference);
        console.log(`  by hand: clang -c ${secs(medianWall(compile))}, link ${secs(medianWall(link))}, componentNew (node + jco) ${secs(medianWall(componentNew))}`);
      } else {
        console.log(`(no wasm32-wasip2 figures: the sysroot is not built; run "npx nx build ${getTriple('wasm32-wasip2').nxProject}")`);
      }

      const ours = medianWall(`${wasiCc} --target=wasm32-wasip1 -O2 ${hello} -o ${scratch}/p1-wasi-cc.wasm`);
      // --no-wasm-opt as wasi-cc passes it: under npx, PATH has binaryen's wasm-opt.
      const noWasmOpt = tc.major >= 20 ? '--no-wasm-opt' : '';
      const reference = medianWall(`${tc.clang} --target=wasm32-wasip1 --sysroot=${sysroot('wasm32-wasip1')} ${noWasmOpt} -O2 ${hello} -o ${scratch}/p1-clang.wasm`);
      row('wasip1 hello: wasi-cc vs clang (compile + link)', secs(ours), secs(reference), ours / reference);

      // Both -O2 from wasi-cc.
      const p2Component = join(scratch, 'wasi-cc.wasm');
      if (existsSync(p2Component)) {
        const p2Size = statSync(p2Component).size;
        const p1Size = statSync(join(scratch, 'p1-wasi-cc.wasm')).size;
        row('hello size: wasip2 component vs wasip1 module', kb(p2Size), kb(p1Size), p2Size / p1Size);
      }
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  },
};
export default section;
