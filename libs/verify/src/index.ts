export { compileC, userFlags, type CompileRequest, type CompileResult } from './compile.ts';
export { runP1, type RunSpec, type RunResult } from './hosts/p1.ts';
export { defineConformanceSuite, listCTests, parseCTest, type CTestCase, type ProgramHost, type SuiteOptions } from './conformance.ts';
export { checkAbi, compareAbi, acceptAbi, acceptCommand, snapshotDir, AbiMismatchError, ABI_FILES, type AbiReport } from './abi.ts';
export { startRegistry, type TestRegistry, type RegistryOptions } from './registry.ts';
