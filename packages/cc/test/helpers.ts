// Test helpers: a throwaway user project whose node_modules holds this workspace's packages the
// way npm would install them, and a way to run the bins in it.
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WORKSPACE_ROOT, getTriple, type TripleName } from '@wasi-sysroots/recipe';
import { apiData } from '@wasi-sysroots/pack';

export const CC_DIR = join(WORKSPACE_ROOT, 'packages', 'cc');
export const WASI_CC = join(CC_DIR, 'dist', 'bin', 'wasi-cc.js');
export const COMPONENT_LD = join(CC_DIR, 'dist', 'bin', 'wasm-component-ld.js');
export const TRIPLES: TripleName[] = ['wasm32-wasip1', 'wasm32-wasip1-threads', 'wasm32-wasip2'];
export const CMAKE_TEMPLATE = join(WORKSPACE_ROOT, 'libs', 'pack', 'templates', 'cmake', 'toolchain.cmake.tmpl');

/**
 * The workspace's built sysroot for `triple` (tests fail with the build command when missing).
 * WASI_CC_TEST_SYSROOTS=DIR takes DIR/<triple> instead, to test against another build.
 */
export function builtSysroot(triple: TripleName): string {
  const recipe = getTriple(triple);
  const override = process.env.WASI_CC_TEST_SYSROOTS;
  const sysroot = override ? join(override, triple) : join(WORKSPACE_ROOT, recipe.packageDir, 'sysroot');
  if (!existsSync(join(sysroot, 'lib', triple, 'libc.a'))) {
    throw new Error(`the ${triple} sysroot is not built: run "npx nx build ${recipe.nxProject}"`);
  }
  return sysroot;
}

function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (_, key: string) => {
    const value = values[key];
    if (value === undefined) throw new Error(`template placeholder {{${key}}} has no value`);
    return value;
  });
}

/**
 * Lays out node_modules/<package> for a sysroot package: its package.json and generated API
 * (taken from the workspace package when built, else rendered from libs/pack's templates), the
 * sysroot (a link to the workspace's build) and the CMake toolchain file (the package's own
 * when it ships one, else rendered from the template).
 */
function installSysrootPackage(nodeModules: string, triple: TripleName): void {
  const recipe = getTriple(triple);
  const src = join(WORKSPACE_ROOT, recipe.packageDir);
  const dest = join(nodeModules, recipe.packageName);
  mkdirSync(join(dest, 'cmake'), { recursive: true });
  cpSync(join(src, 'package.json'), join(dest, 'package.json'));
  symlinkSync(builtSysroot(triple), join(dest, 'sysroot'));
  const data = apiData(recipe);
  const values = {
    TRIPLE: recipe.triple,
    PACKAGE: recipe.packageName,
    API_DATA: JSON.stringify(data, null, 2),
    USER_FLAGS: data.clangFlags.join(' '),
    CXX_PACKAGE: recipe.cxx.packageName,
    CXX_DIRNAME: recipe.cxx.packageName.split('/')[1]!,
  };
  for (const file of ['index.js', 'index.d.ts']) {
    if (existsSync(join(src, file))) cpSync(join(src, file), join(dest, file));
    else writeFileSync(join(dest, file), fill(readFileSync(join(WORKSPACE_ROOT, 'libs/pack/templates', `${file}.tmpl`), 'utf8'), values));
  }
  const shipped = join(src, 'cmake', `${triple}.cmake`);
  writeFileSync(
    join(dest, 'cmake', `${triple}.cmake`),
    existsSync(shipped) ? readFileSync(shipped, 'utf8') : fill(readFileSync(CMAKE_TEMPLATE, 'utf8'), values),
  );
}

export interface Project {
  dir: string;
  /** Runs `wasi-cc args...` in the project. */
  wasiCc(args: string[], options?: { env?: NodeJS.ProcessEnv; cwd?: string }): SpawnSyncReturns<string>;
  /** Writes a file in the project. */
  write(name: string, text: string): string;
  path(name: string): string;
  files(): string[];
  remove(): void;
}

/** A fresh project with @wasi/cc and the sysroot packages of `triples` installed. */
export function makeProject(triples: TripleName[] = TRIPLES, options: { cxx?: boolean } = {}): Project {
  const dir = mkdtempSync(join(tmpdir(), 'wasi-cc-test-'));
  writeFileSync(join(dir, 'package.json'), '{"name":"wasi-cc-test-project","private":true}\n');
  const nodeModules = join(dir, 'node_modules');
  mkdirSync(join(nodeModules, '@wasi'), { recursive: true });
  mkdirSync(join(nodeModules, '.bin'));
  symlinkSync(CC_DIR, join(nodeModules, '@wasi', 'cc'));
  symlinkSync(join(WORKSPACE_ROOT, 'packages', 'preview1-adapter'), join(nodeModules, '@wasi', 'preview1-adapter'));
  symlinkSync('../@wasi/cc/dist/bin/wasi-cc.js', join(nodeModules, '.bin', 'wasi-cc'));
  symlinkSync('../@wasi/cc/dist/bin/wasm-component-ld.js', join(nodeModules, '.bin', 'wasm-component-ld'));
  symlinkSync('../@wasi/cc/dist/bin/wasi-c++.js', join(nodeModules, '.bin', 'wasi-c++'));
  for (const t of triples) installSysrootPackage(nodeModules, t);
  // The C++ packages as built in the workspace (sysroot/, index.js, package.json).
  if (options.cxx) for (const t of triples) symlinkSync(join(WORKSPACE_ROOT, getTriple(t).cxx.packageDir), join(nodeModules, getTriple(t).cxx.packageName));
  return {
    dir,
    wasiCc(args, options = {}) {
      return spawnSync(process.execPath, [WASI_CC, ...args], {
        cwd: options.cwd ?? dir,
        encoding: 'utf8',
        env: { ...process.env, ...options.env },
        maxBuffer: 64 * 1024 * 1024,
      });
    },
    write(name, text) {
      const path = join(dir, name);
      mkdirSync(join(path, '..'), { recursive: true });
      writeFileSync(path, text);
      return path;
    },
    path: (name) => join(dir, name),
    files: () => readdirSync(dir).filter((f) => f !== 'node_modules').sort(),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** A failure message with everything a spawned command printed. */
export function output(r: SpawnSyncReturns<string>): string {
  return `exit ${r.status} signal ${r.signal}\n--- stdout\n${r.stdout}\n--- stderr\n${r.stderr}`;
}

/** Writes a small CMake project into `dir`: libgreet (a static library) and the hello executable. */
export function writeCmakeProject(dir: string): string {
  const put = (name: string, text: string) => {
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, name), text);
  };
  put(
    'CMakeLists.txt',
    [
      'cmake_minimum_required(VERSION 3.21)',
      'project(hello C)',
      'add_library(greet STATIC greet.c)',
      'target_include_directories(greet PUBLIC ${CMAKE_CURRENT_SOURCE_DIR})',
      'add_executable(hello main.c)',
      'target_link_libraries(hello PRIVATE greet)',
      'if(CMAKE_C_FLAGS MATCHES "-pthread")',
      '  find_package(Threads REQUIRED)',
      '  target_link_libraries(hello PRIVATE Threads::Threads)',
      '  target_compile_definitions(hello PRIVATE WITH_THREADS=1)',
      'endif()',
      '',
    ].join('\n'),
  );
  put('greet.h', 'int greet(const char *who);\n');
  put('greet.c', '#include <stdio.h>\n#include "greet.h"\nint greet(const char *who) { return printf("hello, %s\\n", who); }\n');
  put(
    'main.c',
    [
      '#include <stdio.h>',
      '#include "greet.h"',
      '#ifdef WITH_THREADS',
      '#include <pthread.h>',
      'static void *run(void *arg) { greet(arg); return 0; }',
      '#endif',
      'int main(int argc, char **argv) {',
      '#ifdef WITH_THREADS',
      '  pthread_t t;',
      '  if (pthread_create(&t, 0, run, "thread")) return 2;',
      '  pthread_join(t, 0);',
      '#endif',
      '  greet(argc > 1 ? argv[1] : "cmake");',
      '  return 0;',
      '}',
      '',
    ].join('\n'),
  );
  return dir;
}
