// The action's entry point: all work is in run(), so tests can call it with fakes.
import { run } from './main.js';

const outcome = await run();
// Cancelled: what finished is written; exit now rather than wait for a comment still in flight.
if (outcome.cancelled) process.exit(process.exitCode || 1);
