// The action's entry point: all work is in run(), so tests can call it with fakes.
import { run } from './main.js';

await run();
