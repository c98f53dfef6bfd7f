#!/usr/bin/env node
import { setFlagsFromString } from 'node:v8';
import { COMPONENT_LD_V8_FLAGS } from '../component.js';
import { main } from '../component-ld.js';

// Before jco's wasm-tools module is compiled (on the first componentize call).
for (const flag of COMPONENT_LD_V8_FLAGS) if (!process.execArgv.includes(flag)) setFlagsFromString(flag);
process.exit(await main(process.argv.slice(2)));
