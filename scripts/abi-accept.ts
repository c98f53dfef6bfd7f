// npm run abi:accept -- <triple> [--work DIR]: make the last build's ABI (from
// .build/<triple>/sysroot, or DIR/sysroot for a build run with --work DIR) the committed snapshot
// in sysroots/abi/<triple>/. Only a build that ran to the end counts: a
// build that is still running, or was interrupted or failed in make, has a partial staging sysroot.
import { join, resolve } from 'node:path';
import { buildRoot, getTriple } from '@wasi-sysroots/recipe';
import { lastBuildComplete, lockWorkDir, BuildLockError } from '@wasi-sysroots/build';
import { acceptAbi, snapshotDir } from '@wasi-sysroots/verify/abi';

const USAGE = 'usage: npm run abi:accept -- <triple> [--work DIR]';
const [arg, ...rest] = process.argv.slice(2);
const workArg = rest[0] === '--work' ? rest[1] : rest[0]?.startsWith('--work=') ? rest[0].slice('--work='.length) : undefined;
if (!arg || arg.startsWith('-') || (rest.length > 0 && !workArg)) {
  console.error(`error: ${USAGE}`);
  process.exit(2);
}
try {
  const { triple, nxProject } = getTriple(arg);
  const workDir = resolve(workArg ?? buildRoot(triple));
  const lock = await lockWorkDir(workDir, { wait: false }).catch((e: unknown) => {
    if (e instanceof BuildLockError) {
      throw new Error(`a ${triple} build is running (pid ${e.owner.pid}); its ABI files are not finished. Wait for it to end, then run this again.`);
    }
    throw e;
  });
  try {
    if (!lastBuildComplete(triple, workDir)) {
      throw new Error(
        `the last ${triple} build in ${workDir} did not finish (it was interrupted, failed, or never ran here), so its ABI ` +
          `files are not a snapshot; nothing was accepted. Build it (npx nx build ${nxProject} --skip-nx-cache), then run this again.`,
      );
    }
    acceptAbi(triple, join(workDir, 'sysroot'));
  } finally {
    lock.release();
  }
  console.log(`accepted: ${snapshotDir(triple)} now holds the ABI of the last ${triple} build; commit it.`);
} catch (err) {
  console.error(`error: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
}
