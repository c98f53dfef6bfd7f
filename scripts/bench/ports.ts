// Ports: per port and triple, the build time (a fresh build, not Nx's cache), the run time of its
// check and the size of its check program; where the recipe has a native reference (the same
// project and check built with the host's clang), each beside the native figure from this run, as
// a ratio. Rows its recipe lists as expected failures are skipped with the reason.
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { buildPort, listPorts, loadPort, runNativeCheck, runPortCheck } from '@wasi-sysroots/ports';
import { kb, row, secs } from './_measure.ts';

const sizeOf = (path: string) => statSync(path).size;
import type { BenchSection } from '../bench.ts';

const section: BenchSection = {
  name: 'ports',
  async run() {
    for (const name of listPorts()) {
      const recipe = loadPort(name);
      let native: { buildS: number; runS: number; bytes: number } | undefined;
      if (recipe.native) {
        const built = await buildPort({ recipe, triple: recipe.triples[0]!, native: true });
        const ran = runNativeCheck(recipe, built.outDir);
        const bad = ran.observations.find((o) => o.actual !== o.expected);
        if (bad) console.log(`${name} native: check failed (${bad.what}); no reference`);
        else native = { buildS: built.seconds, runS: ran.runSeconds, bytes: sizeOf(join(built.outDir, recipe.native.program)) };
      }
      for (const triple of recipe.triples) {
        const fault = recipe.expectedFailures?.[triple];
        if (fault) {
          console.log(`${name} ${triple}: skipped, expected failure: ${fault}`);
          continue;
        }
        const built = await buildPort({ recipe, triple });
        const ran = await runPortCheck(recipe, triple);
        const bad = ran.observations.find((o) => o.actual !== o.expected);
        if (bad) {
          console.log(`${name} ${triple}: check failed (${bad.what}), not timed`);
          continue;
        }
        const bytes = sizeOf(join(built.outDir, recipe.check.program));
        if (native) {
          row(`${name} ${triple} build vs native build`, secs(built.seconds), secs(native.buildS), built.seconds / native.buildS);
          row(`${name} ${triple} check run vs native run`, secs(ran.runSeconds), secs(native.runS), ran.runSeconds / native.runS);
          row(`${name} ${triple} ${recipe.check.program} vs native`, kb(bytes), kb(native.bytes), bytes / native.bytes);
        } else {
          console.log(`${`${name} ${triple} build`.padEnd(44)} ${secs(built.seconds).padStart(14)}`);
          console.log(`${`${name} ${triple} check run`.padEnd(44)} ${secs(ran.runSeconds).padStart(14)}`);
          console.log(`${`${name} ${triple} ${recipe.check.program}`.padEnd(44)} ${kb(bytes).padStart(14)}`);
        }
      }
    }
  },
};

export default section;
