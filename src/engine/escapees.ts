// Processes that outlive their test run by leaving its process group (setsid, a daemon's double
// fork): the group kill misses them. Each run's processes inherit a marker variable; on Linux,
// /proc/<pid>/environ tells which live processes carry it. Elsewhere they cannot be found.
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';

/** The variable every process of a run inherits (unless it clears its environment). */
export const MARKER_VAR = 'RACE_RERUN_PROCESS';

const nonce = randomBytes(6).toString('hex');
let serial = 0;

/** A marker value no other run (of this or another race-rerun) has. */
export function newMarker(): string {
  serial++;
  return `${nonce}-${process.pid}-${serial}`;
}

/** Scans per kill pass; a process forking as fast as it is killed is not chased further. */
const PASSES = 3;

/** Process group and start time (clock ticks since boot) of a live process, from /proc/<pid>/stat. */
function statOf(pid: string | number): { group: number; started: number } | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
    // pid (comm) state ppid pgrp … starttime (field 22); comm may hold spaces and parentheses.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (fields[0] === 'Z') return undefined;
    return { group: Number(fields[2]), started: Number(fields[19]) };
  } catch {
    return undefined;
  }
}

/** When a process started, in /proc's clock ticks; 0 where that cannot be told. */
export function startTicks(pid: number): number {
  return statOf(pid)?.started ?? 0;
}

function carries(pid: string, needle: Buffer): boolean {
  try {
    const environ = readFileSync(`/proc/${pid}/environ`);
    return environ.indexOf(needle) >= 0;
  } catch {
    return false; // gone, or another user's process
  }
}

/**
 * Live processes outside group `pgid` that carry `marker`; [] where there is no /proc. Only those
 * started at `since` (startTicks of the run's process) or later can be the run's: the environment
 * of older ones is not read.
 */
export function findEscapees(marker: string, pgid: number, since = 0): number[] {
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return [];
  }
  const needle = Buffer.from(`${MARKER_VAR}=${marker}\0`);
  const found: number[] = [];
  for (const pid of entries) {
    if (!/^\d+$/.test(pid) || Number(pid) === process.pid) continue;
    const st = statOf(pid);
    if (st === undefined || st.group === pgid || st.started < since) continue;
    if (carries(pid, needle)) found.push(Number(pid));
  }
  return found;
}

/** Kills the escapees of a run (see findEscapees); how many there were. */
export function killEscapees(marker: string, pgid: number, since = 0): number {
  if (process.platform !== 'linux') return 0;
  const killed = new Set<number>();
  for (let pass = 0; pass < PASSES; pass++) {
    const found = findEscapees(marker, pgid, since).filter((p) => !killed.has(p));
    if (found.length === 0) break;
    for (const pid of found) {
      killed.add(pid);
      try {
        // Its own group too: whatever it started since (and kept in its group) goes with it.
        process.kill(-pid, 'SIGKILL');
      } catch {
        // Not a group leader.
      }
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // Gone already.
      }
    }
  }
  return killed.size;
}
