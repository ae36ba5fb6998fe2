// Whether the file system of the scratch directory is full. A test binary whose output cannot be
// written (ENOSPC) carries on silently, so its log would be cut short and read as a failure
// without a message: a run that ends on a full disk is not counted, and the report says why.
import { statfs } from 'node:fs/promises';

/** Less free space than this after a run: its output may not all have been written. */
export const FULL_BELOW_BYTES = 64 * 1024;

export async function diskFull(dir: string): Promise<boolean> {
  try {
    const s = await statfs(dir);
    // root may write into the blocks reserved for it (ext4: 5%); anyone else may not.
    const free = process.getuid?.() === 0 ? s.bfree : s.bavail;
    return free * s.bsize < FULL_BELOW_BYTES;
  } catch {
    return false; // no statfs here: only ENOSPC errors tell
  }
}

/** An error message (spawn, write, go build) that says the disk is full. */
export function isNoSpace(message: string | undefined): boolean {
  return message !== undefined && /ENOSPC|no space left on device/i.test(message);
}
