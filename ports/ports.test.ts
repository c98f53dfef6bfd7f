// The ports corpus: every ports/<name>/port.json, built for each of its triples through Nx
// (nx run port-<name>:build-<triple>, cached on its inputs) and its check run on the triple's host.
// One test case per port and triple. A row the recipe lists under expectedFailures runs as `todo`
// with the named fault.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { WORKSPACE_ROOT } from '@wasi-sysroots/recipe';
import { listPorts, loadPort, runPortCheck } from '@wasi-sysroots/ports';

const NX = join(WORKSPACE_ROOT, 'node_modules', 'nx', 'dist', 'bin', 'nx.js');

/**
 * Runs the port's Nx target; its progress goes to stderr as it comes; resolves to status and output
 * tail. Without its task dependencies: `npm test` has built @wasi/cc and `npm run build` the
 * sysroots, and a dependency that Nx restores from its cache is deleted and rewritten while other
 * test files run programs from it (a conformance test then finds no packages/cc/dist).
 */
function nxBuild(target: string): Promise<{ status: number; tail: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [NX, 'run', target, '--excludeTaskDependencies', '--output-style=stream'], { cwd: WORKSPACE_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let text = '';
    const onData = (d: Buffer) => {
      process.stderr.write(d);
      text = (text + d.toString()).slice(-20000);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('error', reject);
    // The port's own failure report (error, last log lines, log path) rather than Nx's summary.
    child.on('close', (code) => {
      const at = text.lastIndexOf('error: port ');
      resolve({ status: code ?? 1, tail: (at >= 0 ? text.slice(at) : text).trimEnd().split('\n').slice(0, 60).join('\n') });
    });
  });
}

for (const name of listPorts()) {
  const recipe = loadPort(name);
  for (const triple of recipe.triples) {
    const fault = recipe.expectedFailures?.[triple];
    test(`port ${name} on ${triple}: builds unchanged and passes its check`, fault ? { todo: fault } : {}, async () => {
      const build = await nxBuild(`port-${name}:build-${triple}`);
      assert.equal(build.status, 0, `nx run port-${name}:build-${triple} failed:\n${build.tail}`);
      const result = await runPortCheck(recipe, triple);
      for (const o of result.observations) assert.equal(o.actual, o.expected, o.what);
    });
  }
}
