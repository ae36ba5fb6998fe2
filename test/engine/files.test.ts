// writeWhole replaces regular files whole, and writes to anything else (a device, a FIFO) in place.
import { execFileSync, spawn } from 'node:child_process';
import {
  lstatSync,
  mkdtempSync,
  readFileSync,
  readlinkSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeWhole } from '../../src/engine/files.js';

const dir = mkdtempSync(join(tmpdir(), 'rr-files-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('writeWhole', () => {
  it('writes a new file and replaces an old one, leaving no part file', () => {
    const f = join(dir, 'report.json');
    writeWhole(f, 'one');
    writeWhole(f, 'two');
    expect(readFileSync(f, 'utf8')).toBe('two');
    expect(execFileSync('ls', [dir], { encoding: 'utf8' }).trim()).toBe('report.json');
  });

  it('through a link: the target is replaced, the link stays a link', () => {
    const real = join(dir, 'real.json');
    const link = join(dir, 'link.json');
    writeFileSync(real, 'old');
    symlinkSync(real, link);
    writeWhole(link, 'new');
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readlinkSync(link)).toBe(real);
    expect(readFileSync(real, 'utf8')).toBe('new');
  });

  it.skipIf(process.platform === 'win32')(
    'a FIFO (like /dev/null or /dev/stdout) is written to, not replaced',
    async () => {
      const fifo = join(dir, 'out.fifo');
      execFileSync('mkfifo', [fifo]);
      // The reader is another process: opening a FIFO blocks until both ends are open.
      const reader = spawn('cat', [fifo]);
      let out = '';
      reader.stdout.on('data', (c) => {
        out += String(c);
      });
      const closed = new Promise((resolve) => reader.once('close', resolve));
      writeWhole(fifo, 'through the pipe');
      const stillFifo = statSync(fifo).isFIFO();
      if (!stillFifo) reader.kill(); // replaced by a file: nothing will ever reach the reader
      expect(stillFifo).toBe(true);
      await closed;
      expect(out).toBe('through the pipe');
    },
  );
});
