// npm run bench [-- section...]: speed and size figures, each beside its reference from the
// same run. Not a test: nothing here passes or fails on a number.
//   sections: build (sysroot build and cache), and one per later area in scripts/bench/.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { WORKSPACE_ROOT } from '@wasi-sysroots/recipe';

export interface BenchSection {
  name: string;
  run(): Promise<void>;
}

const dir = join(WORKSPACE_ROOT, 'scripts', 'bench');
const wanted = process.argv.slice(2);
const files = readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.startsWith('_')).sort();
for (const file of files) {
  const section = (await import(join(dir, file))).default as BenchSection;
  if (wanted.length && !wanted.includes(section.name)) continue;
  console.log(`\n== ${section.name} ==`);
  await section.run();
}
