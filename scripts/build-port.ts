// nx run port-<name>:build-<triple>: builds one port for one triple (libs/ports).
//   tsx scripts/build-port.ts <name | port-name> <triple>
import { getTriple, UnknownTripleError } from '@wasi-sysroots/recipe';
import { BuildError } from '@wasi-sysroots/build';
import { ToolchainError } from '@wasi-sysroots/toolchain';
import { buildPort, loadPort, PortRecipeError } from '@wasi-sysroots/ports';

const tty = process.stderr.isTTY && !process.env.CI;

function say(line: string): void {
  process.stderr.write(`${line}\n`);
}

async function main(argv: string[]): Promise<void> {
  const [nameArg, tripleArg] = argv;
  if (!nameArg || !tripleArg) throw new PortRecipeError('usage: build-port <port> <triple>');
  const recipe = loadPort(nameArg.replace(/^port-/, ''));
  const triple = getTriple(tripleArg).triple;
  if (!recipe.triples.includes(triple)) throw new PortRecipeError(`port ${recipe.name} is not built for ${triple} (its triples: ${recipe.triples.join(', ')})`);
  const label = `${recipe.name} ${triple}`;
  let step = '';
  const result = await buildPort({
    recipe,
    triple,
    onEvent: (e) => {
      if (e.kind === 'message') say(`${label}: ${e.message}`);
      else if (e.kind === 'step') {
        if (tty) process.stderr.write('\n');
        step = `[${e.index}/${e.total}]`;
        say(`${label}: ${step} ${e.command}`);
      } else if (tty) process.stderr.write(`\r${label}: ${step} ${e.count} files compiled`);
      else if (e.count % 20 === 0) say(`${label}: ${step} ${e.count} files compiled`);
    },
  });
  if (tty) process.stderr.write('\n');
  say(`${label}: built ${recipe.check.program} in ${result.seconds.toFixed(1)} s (log ${result.logPath})`);
}

main(process.argv.slice(2)).catch((err: unknown) => {
  const known = err instanceof BuildError || err instanceof PortRecipeError || err instanceof ToolchainError || err instanceof UnknownTripleError;
  say(`\nerror: ${err instanceof Error ? (known || !process.env.VERBOSE ? err.message : err.stack) : String(err)}`);
  process.exit(1);
});
