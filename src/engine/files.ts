// Files race-rerun writes for the user.
import { realpathSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';

/**
 * Writes a file whole or not at all: a full disk leaves no cut (or 0-byte) report behind. Only a
 * regular file is replaced that way: `--json /dev/null`, a FIFO or /dev/stdout is written to as it
 * is (a rename would put a regular file in its place), and a link keeps pointing where it did.
 */
export function writeWhole(file: string, text: string): void {
  let target = file;
  try {
    if (!statSync(file).isFile()) {
      writeFileSync(file, text);
      return;
    }
    target = realpathSync(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  const part = `${target}.${process.pid}.part`;
  try {
    writeFileSync(part, text);
    renameSync(part, target);
  } catch (err) {
    rmSync(part, { force: true });
    throw err;
  }
}
