#!/usr/bin/env node
import { main } from '../cli.js';

process.exitCode = await main(process.argv.slice(2));
// A program run by `wasi-cc run` may leave threads or handles behind: its status is final.
process.exit(process.exitCode);
