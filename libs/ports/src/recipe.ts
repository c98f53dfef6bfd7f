// A port's recipe: ports/<name>/port.json. Every port has the same shape: the source pin, the
// build steps (the same for every triple, with per-triple variables), and the run check with its
// expected output.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { WORKSPACE_ROOT, getTriple, type TripleName } from '@wasi-sysroots/recipe';

export const PORTS_DIR = join(WORKSPACE_ROOT, 'ports');

/** The Debian source package a port is built from, pinned by its orig tarball's sha256. */
export interface PortSource {
  package: string;
  version: string;
  origTarball: string;
  sha256: string;
}

/** One command of the build. Arguments may hold {placeholders} (see expand()). */
export interface BuildStep {
  run: string[];
  /** Run the step only for these triples (default: every triple of the port). */
  triples?: TripleName[];
  /** Working directory (a placeholder path; default {build}). */
  cwd?: string;
}

/** Where a check's program gets its peers from. */
export type Fixture =
  /** nothing but a preopened directory */
  | 'none'
  /** a real redis-server from apt on 127.0.0.1 and a free port: args get {redisHost} {redisPort} */
  | 'redis'
  /** Node HTTP servers on 127.0.0.1 and [::1] with fixed routes: args get {httpPort} {httpPort6} */
  | 'http-server'
  /** the program is an HTTP server: it prints "listening on PORT"; a Node client then requests */
  | 'http-client';

/** For the http-client fixture: what the Node client asks for and must get, byte-exact. */
export interface HttpClientCheck {
  /** GET this path this many times, all at once. */
  concurrent: { path: string; count: number; body: string };
  /** GET this path once: a big body, checked by length and sha256. */
  big: { path: string; bytes: number; sha256: string };
  /** GET this path last: the server then exits. */
  quit: string;
}

/** A command run on the host after the program, e.g. `gzip -dc` of a file the program wrote. */
export interface HostCheck {
  run: string[];
  /** Exact expected stdout, or its sha256 (for big outputs). */
  stdout?: string;
  stdoutSha256?: string;
}

/** One run of a program the build put in {out}; exit status 0 is always expected. */
export interface ProgramRun {
  program: string;
  /** Arguments; placeholders: {dir} is /data (the preopened directory), and the fixture's. */
  args: string[];
  /** Environment variables of the program, with the same placeholders (none by default). */
  env?: Record<string, string>;
  /** Exact expected stdout. */
  stdout: string;
}

export interface PortCheck extends ProgramRun {
  fixture: Fixture;
  /** More programs of the port, run after the first one against the same fixture and directory. */
  alsoRun?: ProgramRun[];
  host?: HostCheck[];
  /** The Node client's requests (fixture http-client). */
  client?: HttpClientCheck;
  /** Milliseconds (default 120000): a hung program is killed and fails. */
  timeoutMs?: number;
}

/** Why a flag is there: the README's "Porting notes" table is written from these. */
export interface PortingNote {
  triples: TripleName[] | 'all';
  flags: string;
  why: string;
}

export interface PortRecipe {
  name: string;
  description: string;
  source: PortSource;
  triples: TripleName[];
  /** Languages besides C: "c++" makes the port depend on the C++ runtime build. */
  languages: Array<'c' | 'c++'>;
  /** Variables for {NAME} placeholders: "*" for every triple, then per triple (wins). */
  vars: Partial<Record<'*' | TripleName, Record<string, string>>>;
  build: BuildStep[];
  check: PortCheck;
  notes: PortingNote[];
  /**
   * The same check built natively with the host's clang (the bench's reference, where it means
   * something): steps with the same placeholders ({hostcc} for the compiler), and the program
   * they put in {out}, run with the check's arguments ({dir} is then the host directory).
   */
  native?: { build: BuildStep[]; program: string };
  /**
   * Rows that cannot pass yet, each with the named fault (a sysroot or host bug). They run as
   * `todo` tests: reported, not counted as failures.
   */
  expectedFailures?: Partial<Record<TripleName, string>>;
}

export class PortRecipeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PortRecipeError';
  }
}

/** Names of every port (folders of ports/ holding a port.json), sorted. */
export function listPorts(dir: string = PORTS_DIR): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(dir, d.name, 'port.json')))
    .map((d) => d.name)
    .sort();
}

export function portDir(name: string, dir: string = PORTS_DIR): string {
  return join(dir, name);
}

/** Reads and checks ports/<name>/port.json. */
export function loadPort(name: string, dir: string = PORTS_DIR): PortRecipe {
  const file = join(dir, name, 'port.json');
  if (!existsSync(file)) {
    throw new PortRecipeError(`no port named "${name}" (no ${file}); ports: ${listPorts(dir).join(', ') || 'none'}`);
  }
  let recipe: PortRecipe;
  try {
    recipe = JSON.parse(readFileSync(file, 'utf8')) as PortRecipe;
  } catch (err) {
    throw new PortRecipeError(`${file} is not valid JSON: ${(err as Error).message}`);
  }
  const problem = (what: string) => new PortRecipeError(`${file}: ${what}`);
  if (recipe.name !== name) throw problem(`"name" is "${recipe.name}", but the folder is "${name}"`);
  const s = recipe.source;
  if (!s || !s.package || !s.version || !s.origTarball || !/^[0-9a-f]{64}$/.test(s.sha256 ?? '')) {
    throw problem('"source" needs package, version, origTarball and a sha256 of 64 hex digits');
  }
  if (!Array.isArray(recipe.triples) || recipe.triples.length === 0) throw problem('"triples" must list at least one triple');
  for (const t of recipe.triples) getTriple(t);
  for (const t of Object.keys(recipe.expectedFailures ?? {})) {
    if (!recipe.triples.includes(t as TripleName)) throw problem(`expectedFailures names ${t}, which is not among "triples"`);
  }
  if (!Array.isArray(recipe.build) || recipe.build.length === 0) throw problem('"build" must have at least one step');
  if (!recipe.check?.program) throw problem('"check.program" is missing');
  return recipe;
}

/** The variables of a port for one triple. */
export function portVars(recipe: PortRecipe, triple: TripleName): Record<string, string> {
  return { ...(recipe.vars['*'] ?? {}), ...(recipe.vars[triple] ?? {}) };
}

/**
 * Replaces {NAME} in `arg` with values[NAME]. An unknown name is an error (a typo in a recipe
 * must not become an empty flag).
 */
export function expand(arg: string, values: Record<string, string>, where: string): string {
  return arg.replace(/\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (_, key: string) => {
    const v = values[key];
    if (v === undefined) throw new PortRecipeError(`${where}: unknown placeholder {${key}}; known: ${Object.keys(values).sort().join(', ')}`);
    return v;
  });
}
