// Files race-rerun writes for the user.
import { renameSync, rmSync, writeFileSync } from 'node:fs';

/** Writes a file whole or not at all: a full disk leaves no cut (or 0-byte) report behind. */
export function writeWhole(file: string, text: string): void {
  const part = `${file}.${process.pid}.part`;
  try {
    writeFileSync(part, text);
    renameSync(part, file);
  } catch (err) {
    rmSync(part, { force: true });
    throw err;
  }
}
