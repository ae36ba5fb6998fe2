// A thread that parses one part of a huge log file (see parseLogFile in logs.ts).
import { parentPort, workerData } from 'node:worker_threads';
import { parseRange, type RangeRequest } from './logs.js';

const { file, range } = workerData as { file: string; range: RangeRequest };
parentPort?.postMessage(await parseRange(file, range));
