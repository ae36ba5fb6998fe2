// The environment test processes (and the go commands that build them) get: what a `run: go test`
// step would get. An action's process also holds its inputs (the github-token among them), the
// runner's tokens for the artifact, cache and OIDC services, and the files through which an action
// sets its outputs and summary: test code must see none of them.

/** Exact names an action gets and a `run:` step does not (or that let a test write our outputs). */
const DROPPED = new Set([
  'ACTIONS_RUNTIME_TOKEN',
  'ACTIONS_RUNTIME_URL',
  'ACTIONS_RESULTS_URL',
  'ACTIONS_CACHE_URL',
  'GITHUB_OUTPUT',
  'GITHUB_ENV',
  'GITHUB_PATH',
  'GITHUB_STATE',
  'GITHUB_STEP_SUMMARY',
]);

/** Name prefixes dropped: every action input, and the OIDC token request. */
const DROPPED_PREFIXES = ['INPUT_', 'ACTIONS_ID_TOKEN_REQUEST_'];

/** Whether a variable of this name is kept from the test processes. */
export function isWithheld(name: string): boolean {
  // Windows names are case-insensitive; on Linux nobody spells these in lower case.
  const upper = name.toUpperCase();
  return DROPPED.has(upper) || DROPPED_PREFIXES.some((p) => upper.startsWith(p));
}

/** `parent` without the action's inputs, the runner's tokens and its command files. */
export function testEnvironment(parent: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(parent)) {
    if (value !== undefined && !isWithheld(name)) env[name] = value;
  }
  return env;
}
