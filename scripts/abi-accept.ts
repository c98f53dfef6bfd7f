// npm run abi:accept -- <triple>: make the last build's ABI (from .build/<triple>/sysroot)
// the committed snapshot in sysroots/abi/<triple>/.
import { join } from 'node:path';
import { buildRoot, getTriple } from '@wasi-sysroots/recipe';
import { acceptAbi, snapshotDir } from '@wasi-sysroots/verify/abi';

const arg = process.argv[2];
if (!arg) {
  console.error('usage: npm run abi:accept -- <triple>');
  process.exit(2);
}
try {
  const { triple } = getTriple(arg);
  acceptAbi(triple, join(buildRoot(triple), 'sysroot'));
  console.log(`accepted: ${snapshotDir(triple)} now holds the ABI of the last ${triple} build; commit it.`);
} catch (err) {
  console.error(`error: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
}
