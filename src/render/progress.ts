// One line per finished run, for the action log and the CLI's stderr.
import type { RunRecord } from '../model.js';

const NOUN: Record<string, string> = { fatal: 'fatal error', build: 'build failure' };

export function describeRun(run: RunRecord): string {
  if (run.killed) return 'killed: did not finish within the timeout';
  const kinds = new Map<string, number>();
  for (const f of run.parsed.findings) kinds.set(f.kind, (kinds.get(f.kind) ?? 0) + 1);
  if (kinds.size === 0) return run.exitCode === 0 ? 'ok' : `FAIL (exit ${run.exitCode ?? run.signal})`;
  return `FAIL: ${[...kinds].map(([k, n]) => `${n} ${NOUN[k] ?? k}${n === 1 ? '' : 's'}`).join(', ')}`;
}
