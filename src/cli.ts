#!/usr/bin/env node
// The CLI's entry point; the commands are in cli/commands.ts so tests can call main() directly.
import { main } from './cli/commands.js';

process.exitCode = await main(process.argv.slice(2));
// Interrupted: the report is out; do not wait for anything still pending.
if (process.exitCode >= 128) process.exit();
