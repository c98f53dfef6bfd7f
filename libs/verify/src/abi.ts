// The ABI guard: a built sysroot's share/<triple>/ metadata (symbols, predefined macros,
// the list of public headers that compiled) must equal the snapshot committed under
// sysroots/abi/<triple>/. Any difference fails with a diff and the command that accepts it.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SYSROOTS_DIR, type TripleName } from '@wasi-sysroots/recipe';

export const ABI_FILES = ['defined-symbols.txt', 'undefined-symbols.txt', 'predefined-macros.txt', 'include-all.c'] as const;

export interface AbiReport {
  triple: TripleName;
  /** Files that differ, with a unified diff each (empty when the ABI matches). */
  differences: { file: string; diff: string }[];
}

export function snapshotDir(triple: TripleName): string {
  return join(SYSROOTS_DIR, 'abi', triple);
}

export function acceptCommand(triple: TripleName): string {
  return `npm run abi:accept -- ${triple}`;
}

export class AbiMismatchError extends Error {
  constructor(readonly report: AbiReport) {
    const body = report.differences.map((d) => d.diff).join('\n');
    super(
      `the ${report.triple} ABI differs from the committed snapshot in sysroots/abi/${report.triple}/ ` +
        `(${report.differences.map((d) => d.file).join(', ')}):\n${body}\n` +
        `If the change is intended, accept it with:\n  ${acceptCommand(report.triple)}\nand commit sysroots/abi/${report.triple}/.`,
    );
    this.name = 'AbiMismatchError';
  }
}

function unifiedDiff(expected: string, actual: string, label: string): string {
  const r = spawnSync('diff', ['-u', '--label', `snapshot/${label}`, '--label', `build/${label}`, expected, actual], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const lines = r.stdout.split('\n');
  const shown = lines.slice(0, 200).join('\n');
  return lines.length > 200 ? `${shown}\n… ${lines.length - 200} more diff lines` : shown;
}

export function compareAbi(triple: TripleName, sysroot: string): AbiReport {
  const built = join(sysroot, 'share', triple);
  const snap = snapshotDir(triple);
  const differences: AbiReport['differences'] = [];
  for (const file of ABI_FILES) {
    const actual = join(built, file);
    const expected = join(snap, file);
    if (!existsSync(actual)) {
      differences.push({ file, diff: `build/${file}: missing from the build output` });
    } else if (!existsSync(expected)) {
      differences.push({ file, diff: `snapshot/${file}: no snapshot committed yet` });
    } else if (readFileSync(actual, 'utf8') !== readFileSync(expected, 'utf8')) {
      differences.push({ file, diff: unifiedDiff(expected, actual, file) });
    }
  }
  return { triple, differences };
}

/** Throws AbiMismatchError unless the sysroot's ABI equals the snapshot. */
export function checkAbi(triple: TripleName, sysroot: string): AbiReport {
  const report = compareAbi(triple, sysroot);
  if (report.differences.length > 0) throw new AbiMismatchError(report);
  return report;
}

/** Makes the sysroot's ABI the new snapshot. */
export function acceptAbi(triple: TripleName, sysroot: string): void {
  const snap = snapshotDir(triple);
  mkdirSync(snap, { recursive: true });
  for (const file of ABI_FILES) cpSync(join(sysroot, 'share', triple, file), join(snap, file));
}
