#!/usr/bin/env node
import { main } from '../component-ld.js';

process.exit(await main(process.argv.slice(2)));
