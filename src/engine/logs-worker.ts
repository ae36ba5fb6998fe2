// A thread that parses one part of a huge log file (see parseLogFile in logs.ts). The first part's
// thread then waits: asked for the `rest`, its parser reads on to the end of the file.
import { parentPort, workerData } from 'node:worker_threads';
import { RangeParser, type RangeRequest } from './logs.js';

const { file, range, resumable } = workerData as { file: string; range: RangeRequest; resumable: boolean };
const rp = new RangeParser(file, range);
await rp.readPart();
parentPort?.postMessage(rp.result);
if (resumable) {
  parentPort?.once('message', async () => {
    await rp.readRest();
    parentPort?.postMessage(rp.result.chunks);
    rp.close();
  });
} else {
  rp.close();
}
