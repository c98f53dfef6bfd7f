#!/usr/bin/env node
// wasi-c++: wasi-cc in C++ mode (clang++ with libc++ from the @wasi/cxx-* package).
import { main } from '../cli.js';

process.exitCode = await main(process.argv.slice(2), { cxx: true });
process.exit(process.exitCode);
