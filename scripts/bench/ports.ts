// Ports: per port and triple, the build time (a fresh build, not Nx's cache) and the run time of
// its check; where the recipe has a native reference (zlib's round trip, SQLite's insert loop),
// the same check built with the host's clang and run natively, as a ratio from this run.
// Rows its recipe lists as expected failures are skipped with the reason.
import { buildPort, listPorts, loadPort, runNativeCheck, runPortCheck } from '@wasi-sysroots/ports';
import { row, secs } from './_measure.ts';
import type { BenchSection } from '../bench.ts';

const section: BenchSection = {
  name: 'ports',
  async run() {
    for (const name of listPorts()) {
      const recipe = loadPort(name);
      let native: { buildS: number; runS: number } | undefined;
      if (recipe.native) {
        const built = await buildPort({ recipe, triple: recipe.triples[0]!, native: true });
        const ran = runNativeCheck(recipe, built.outDir);
        const bad = ran.observations.find((o) => o.actual !== o.expected);
        if (bad) console.log(`${name} native: check failed (${bad.what}); no reference`);
        else native = { buildS: built.seconds, runS: ran.runSeconds };
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
        if (native) {
          row(`${name} ${triple} build vs native build`, secs(built.seconds), secs(native.buildS), built.seconds / native.buildS);
          row(`${name} ${triple} check run vs native run`, secs(ran.runSeconds), secs(native.runS), ran.runSeconds / native.runS);
        } else {
          console.log(`${`${name} ${triple} build`.padEnd(44)} ${secs(built.seconds).padStart(14)}`);
          console.log(`${`${name} ${triple} check run`.padEnd(44)} ${secs(ran.runSeconds).padStart(14)}`);
        }
      }
    }
  },
};

export default section;
