// Prints the toolchain identity: Nx hashes it as a runtime input of every sysroot build.
import { detectToolchain, toolchainFingerprint } from '@wasi-sysroots/toolchain';

try {
  console.log(toolchainFingerprint(detectToolchain()));
} catch {
  // No toolchain yet: the build itself will report how to install it.
  console.log('no-toolchain');
}
