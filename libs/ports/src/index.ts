// Ports: real third-party projects built unchanged against our sysroots and run on every triple.
//
//   const recipe = loadPort('zlib');                             // ports/zlib/port.json
//   await buildPort({ recipe, triple: 'wasm32-wasip1' });        // -> ports/zlib/out/wasm32-wasip1/
//   const r = await runPortCheck(recipe, 'wasm32-wasip1');       // the program against its fixture
export {
  PORTS_DIR,
  listPorts,
  loadPort,
  portDir,
  portVars,
  expand,
  PortRecipeError,
  type PortRecipe,
  type PortSource,
  type BuildStep,
  type PortCheck,
  type HostCheck,
  type Fixture,
  type PortingNote,
} from './recipe.ts';
export { fetchPortSource, portManifest } from './source.ts';
export { buildPort, portWorkDir, portOutDir, cmakeToolchainFile, stepCommand, buildValues, PORTS_JOBS, type BuildEvent, type PortBuildRequest, type PortBuildResult } from './build.ts';
export { runPortCheck, runNativeCheck, type CheckResult, type Observation } from './check.ts';
