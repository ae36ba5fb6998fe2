// The workflow's event payload (GITHUB_EVENT_PATH), read once by us: an unreadable file (invalid
// JSON, binary, missing) is one warning for the caller, and the run carries on without it.
import { readFileSync } from 'node:fs';
import { clean } from '../render/format.js';

export interface EventFile {
  /** The parsed payload; {} when there is none or it cannot be read. */
  payload: Record<string, unknown>;
  /** Why the file named by GITHUB_EVENT_PATH could not be used, for one warning. */
  problem?: string;
}

export function readEvent(env: NodeJS.ProcessEnv): EventFile {
  const path = env.GITHUB_EVENT_PATH;
  if (!path) return { payload: {} };
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'it does not exist' : (err as Error).message;
    return { payload: {}, problem: `Cannot read the event file ${path} (GITHUB_EVENT_PATH): ${why}` };
  }
  try {
    const value = JSON.parse(text) as unknown;
    if (value !== null && typeof value === 'object' && !Array.isArray(value))
      return { payload: value as Record<string, unknown> };
    return { payload: {}, problem: `The event file ${path} (GITHUB_EVENT_PATH) holds no JSON object` };
  } catch (err) {
    return {
      payload: {},
      problem: `The event file ${path} (GITHUB_EVENT_PATH) is not valid JSON (${clean((err as Error).message).slice(0, 120)})`,
    };
  }
}
