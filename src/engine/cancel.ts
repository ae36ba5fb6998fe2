// Cancellation: GitHub cancels a job with SIGINT, then SIGTERM ~7.5 s later, then kills it; a user
// presses Ctrl-C. The first signal aborts `signal` (runs stop, what finished is reported); a
// watchdog makes sure the process is gone within EXIT_WITHIN_MS even if reporting gets stuck.
import { setMaxListeners } from 'node:events';

/** The process exits at the latest this long after the first signal. */
export const EXIT_WITHIN_MS = 4500;

const SIGNALS = ['SIGINT', 'SIGTERM'] as const;
const SIGNAL_NUMBERS: Record<string, number> = { SIGINT: 2, SIGTERM: 15 };

export interface Cancellation {
  /** Aborted, with the signal's name as reason, when the first SIGINT or SIGTERM comes. */
  readonly signal: AbortSignal;
  /** The signal that cancelled, once one has. */
  readonly by: string | undefined;
  /** Milliseconds left before the watchdog ends the process (Infinity when not cancelled). */
  remainingMs(): number;
  /** Stops listening for signals (the watchdog, once started, stays). */
  dispose(): void;
}

/** 128 + the signal's number, as a shell reports a process ended by it (SIGINT: 130). */
export function signalExitCode(signal: string): number {
  return 128 + (SIGNAL_NUMBERS[signal] ?? 2);
}

export function onCancel(
  opts: { say?: (message: string) => void; exitWithinMs?: number } = {},
): Cancellation {
  const controller = new AbortController();
  // Every build and run listens to it, as many at once as `parallel` allows: no leak warning.
  setMaxListeners(0, controller.signal);
  const within = opts.exitWithinMs ?? EXIT_WITHIN_MS;
  const say = opts.say ?? ((m: string) => process.stderr.write(`${m}\n`));
  let by: string | undefined;
  let at = 0;
  const handler = (signal: NodeJS.Signals): void => {
    if (by !== undefined) {
      say(
        `race-rerun: ${signal} again: still writing the report (at most ${Math.ceil(within / 1000)} s in all).`,
      );
      return;
    }
    by = signal;
    at = Date.now();
    say(`race-rerun: ${signal}: stopping the runs and reporting the ones that finished.`);
    const watchdog = setTimeout(() => {
      say(`race-rerun: could not finish the report within ${within / 1000} s of ${signal}; exiting.`);
      process.exit(signalExitCode(signal));
    }, within);
    watchdog.unref();
    controller.abort(signal);
  };
  for (const s of SIGNALS) process.on(s, handler);
  return {
    signal: controller.signal,
    get by() {
      return by;
    },
    remainingMs: () => (by === undefined ? Number.POSITIVE_INFINITY : at + within - Date.now()),
    dispose: () => {
      for (const s of SIGNALS) process.off(s, handler);
    },
  };
}
