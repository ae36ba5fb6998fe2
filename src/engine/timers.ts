// Timers for any duration a user can give: setTimeout holds at most 2^31-1 ms (24.8 days); a
// longer delay fires at once, with a TimeoutOverflowWarning. A timeout of 600h must mean 600h.

/** The longest delay setTimeout keeps. */
export const MAX_TIMEOUT_MS = 2 ** 31 - 1;

export interface LongTimer {
  clear(): void;
}

/** Calls fn after ms (as setTimeout, chained for delays it cannot hold); Infinity never fires. */
export function longTimeout(fn: () => void, ms: number): LongTimer {
  let timer: NodeJS.Timeout | undefined;
  if (!Number.isFinite(ms)) return { clear: () => {} };
  const end = Date.now() + ms;
  const arm = (): void => {
    const left = end - Date.now();
    timer = left > MAX_TIMEOUT_MS ? setTimeout(arm, MAX_TIMEOUT_MS) : setTimeout(fn, Math.max(0, left));
  };
  arm();
  return { clear: () => clearTimeout(timer) };
}
