// npm run demo: runs the committed action (dist/index.js) the way a runner would, on
// examples/flaky-daemon, then shows what a reviewer would see. Needs only Node and Go.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const temp = mkdtempSync(join(tmpdir(), 'race-rerun-demo-'));
const summary = join(temp, 'step-summary.md');
const output = join(temp, 'github-output');
const event = join(temp, 'event.json');
writeFileSync(summary, '');
writeFileSync(output, '');
writeFileSync(event, JSON.stringify({}));

const count = process.env.DEMO_COUNT ?? '30';
const env = {
  ...process.env,
  GITHUB_ACTIONS: 'true',
  GITHUB_WORKSPACE: root,
  GITHUB_STEP_SUMMARY: summary,
  GITHUB_OUTPUT: output,
  GITHUB_EVENT_NAME: 'push',
  GITHUB_EVENT_PATH: event,
  GITHUB_REPOSITORY: 'example/race-rerun-demo',
  GITHUB_SERVER_URL: 'https://github.com',
  GITHUB_RUN_ID: '1',
  GITHUB_SHA: '0000000000000000000000000000000000000000',
  RUNNER_TEMP: temp,
  GOTOOLCHAIN: process.env.GOTOOLCHAIN ?? 'local',
  GOFLAGS: process.env.GOFLAGS ?? '-mod=mod',
  'INPUT_WORKING-DIRECTORY': 'examples/flaky-daemon',
  INPUT_PACKAGES: './...',
  INPUT_COUNT: count,
  INPUT_TIMEOUT: '2m',
  'INPUT_FAIL-ON': 'race,panic,fatal,timeout,failure',
  INPUT_COMMENT: 'false',
  'INPUT_GITHUB-TOKEN': '',
};

const rule = (title) => `\n${'─'.repeat(20)} ${title} ${'─'.repeat(Math.max(0, 56 - title.length))}\n`;
process.stdout.write(rule(`node dist/index.js (count ${count}) on examples/flaky-daemon`));
const action = spawnSync(process.execPath, [join(root, 'dist', 'index.js')], { env, stdio: 'inherit' });
process.stdout.write(rule('job summary ($GITHUB_STEP_SUMMARY)'));
process.stdout.write(readFileSync(summary, 'utf8'));
process.stdout.write(rule('outputs ($GITHUB_OUTPUT)'));
// GITHUB_OUTPUT holds `name<<DELIMITER` blocks; show them as name = value.
process.stdout.write(readFileSync(output, 'utf8').replace(/^([^\n<]+)<<(\S+)\n([\s\S]*?)\n\2$/gm, '$1 = $3'));

const reportPath = join(temp, 'race-rerun', 'report.json');
const report = existsSync(reportPath) ? JSON.parse(readFileSync(reportPath, 'utf8')) : undefined;
process.stdout.write(rule('result'));
if (!report) {
  process.stdout.write(`No JSON report was written (action exit ${action.status}).\n`);
  process.exit(1);
}
process.stdout.write(`${report.summary}\nJSON report: ${reportPath}\n`);
if (action.status === 1 && report.findings.length > 0) {
  process.stdout.write('The action failed the step, as it would in CI: the example has a data race.\n');
  process.exit(0);
}
process.stdout.write(`Unexpected: action exit ${action.status} with ${report.findings.length} findings.\n`);
process.exit(1);
