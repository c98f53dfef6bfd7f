#!/usr/bin/env node
import { main } from '../lib/component-ld.js';

process.exit(await main(process.argv.slice(2)));
