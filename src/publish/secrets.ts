// Secrets never leave the process in what race-rerun publishes. GitHub masks registered secrets
// in the log only; the comment, the job summary, the JSON report, annotations and outputs are
// written by us, and a test can print anything it can read (its environment, a file). Every text
// published goes through redact(), and every secret the action knows is registered here.

/** Shorter values are not masked: replacing every `1` or `abc` would garble the report. */
const MIN_LENGTH = 4;

const secrets = new Set<string>();
let patterns: string[] = [];

/** The spellings a secret can take in published text: as it is, JSON-escaped, URL-encoded, per line. */
function spellings(value: string): string[] {
  const out = [value, JSON.stringify(value).slice(1, -1), encodeURIComponent(value)];
  for (const line of value.split(/\r?\n/)) out.push(line.trim());
  return out.filter((s) => s.length >= MIN_LENGTH);
}

/** Registers a value to be replaced by `***` (what core.setSecret tells the runner). */
export function addSecret(value: string | undefined): void {
  if (!value || value.trim().length < MIN_LENGTH || secrets.has(value)) return;
  secrets.add(value);
  // Longest first, so that a secret containing another is replaced whole.
  patterns = [...new Set([...patterns, ...spellings(value)])].sort((a, b) => b.length - a.length);
}

/** Tokens an environment holds by these names: the runner's own, and the usual GitHub token variables. */
export const ENV_SECRETS = [
  'ACTIONS_RUNTIME_TOKEN',
  'ACTIONS_ID_TOKEN_REQUEST_TOKEN',
  'GITHUB_TOKEN',
  'GH_TOKEN',
] as const;

/** Registers the tokens of ENV_SECRETS found in env. */
export function addEnvSecrets(env: NodeJS.ProcessEnv): void {
  for (const name of ENV_SECRETS) addSecret(env[name]);
}

/** The text with every registered secret replaced by `***`. */
export function redact(text: string): string {
  let out = text;
  for (const p of patterns) if (out.includes(p)) out = out.split(p).join('***');
  return out;
}

/** A copy of a JSON-like value (the report) with every string redacted, keys included. */
export function redactDeep<T>(value: T): T {
  if (patterns.length === 0) return value;
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return redact(v);
    if (Array.isArray(v)) return v.map(walk);
    if (v !== null && typeof v === 'object')
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [redact(k), walk(x)]));
    return v;
  };
  return walk(value) as T;
}

/** Tests start from nothing registered. */
export function clearSecrets(): void {
  secrets.clear();
  patterns = [];
}
