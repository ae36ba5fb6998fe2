// The comment and the job summary for the pull request questions of issue 14: new or known
// against the base branch, lines that moved, base findings not seen now, monorepo paths, and
// only-new. Golden files: UPDATE_GOLDEN=1 npx vitest run test/render rewrites
// test/golden/{comment,summary}-<scenario>.md; key lines are asserted here too.
import { describe, expect, it } from 'vitest';
import { compareWithBaseline } from '../../src/analysis/baseline.js';
import type { Report } from '../../src/model.js';
import { planAnnotations } from '../../src/render/annotations.js';
import { COMMENT_LIMIT, renderComment } from '../../src/render/comment.js';
import { failingFindings } from '../../src/render/outcome.js';
import { renderSummary } from '../../src/render/summary.js';
import { expectGolden } from './golden.js';
import { detailsBalance, prose } from './markdown-check.js';
import { onMain, PANIC_RUNS, RACE_RUNS, seriesReport } from './reports.js';

const SHA = 'abc1234def5678abc1234def5678abc1234def56';
const REPO_URL = 'https://github.com/acme/daemon';
const RUN_URL = 'https://github.com/acme/daemon/actions/runs/42';
const BLOB = `${REPO_URL}/blob/${SHA}/`;
const identity = { workflow: 'CI', job: 'race' };

function compared(now: Report, base: Report): Report {
  compareWithBaseline(now, onMain(base), 'race-rerun-main.json');
  return now;
}

function both(name: string, report: Report, onlyNew = false): { comment: string; summary: string } {
  const comment = renderComment(report, {
    identity,
    sha: SHA,
    repoUrl: REPO_URL,
    runUrl: RUN_URL,
    ...(onlyNew ? { onlyNew } : {}),
  });
  if (comment === undefined) throw new Error('no comment');
  const summary = renderSummary(report, {
    runUrl: RUN_URL,
    blobUrl: BLOB,
    sha: SHA,
    commitUrl: `${REPO_URL}/commit/${SHA}`,
    ...(onlyNew ? { onlyNew } : {}),
  });
  expectGolden(`comment-${name}.md`, comment);
  expectGolden(`summary-${name}.md`, summary);
  for (const md of [comment, summary]) {
    prose(md);
    const { open, close } = detailsBalance(md);
    expect(open).toBe(close);
  }
  expect(comment.length).toBeLessThanOrEqual(COMMENT_LIMIT);
  return { comment, summary };
}

const line = (md: string, start: string) => md.split('\n').find((l) => l.startsWith(start)) ?? '';

describe('new or known', () => {
  it('a new race and a known panic: counts and deltas on the first line, new/known per row', () => {
    const now = compared(
      seriesReport({ race: [...RACE_RUNS, ...PANIC_RUNS], panic: PANIC_RUNS }),
      seriesReport({ panic: [4, 11] }),
    );
    const { comment, summary } = both('new-race-known-panic', now);
    const head = `❌ **1 new data race · 1 known panic** — 30 runs at [\`abc1234\`](${REPO_URL}/commit/${SHA}) (vs main: +1 race) · [workflow run](${RUN_URL})`;
    expect(comment.split('\n')[3]).toBe(head);
    expect(summary.split('\n')[2]).toBe(head);
    expect(line(comment, '| **Data race**')).toMatch(
      /^\| \*\*Data race\*\* · \*\*new\*\*<br>write in Shutdown vs read in write<br><sub>fails `TestWriter`; panic at `config\.go:22` follows it in both runs<\/sub> \| \[`daemon\.go:51`\]/,
    );
    expect(line(comment, '| **Panic**')).toMatch(/^\| \*\*Panic\*\* · known: 2\/30 on main<br>/);
    // The tests fail only because of the race and the panic: not counted again, no flaky table.
    expect(comment).not.toContain('flaky test');
    expect(comment).not.toContain('### Flaky and failing tests');
  });

  it('a known race whose lines moved says where it was', () => {
    const now = compared(
      seriesReport({ race: RACE_RUNS }),
      seriesReport({ race: [2, 9, 16], writeLine: 47 }),
    );
    const { comment } = both('known-moved', now);
    expect(comment).toContain('**1 known data race** — 30 runs at');
    expect(comment).toContain('(vs main: no change)');
    expect(line(comment, '| **Data race**')).toMatch(
      /^\| \*\*Data race\*\* · known: 3\/30 on main<br>write in Shutdown vs read in write<br><sub>moved from `daemon\.go:47`; fails `TestWriter`<\/sub>/,
    );
  });

  it('base findings not seen now: the chance they would have shown, "likely fixed" only above 95%', () => {
    const now = compared(
      seriesReport({ race: RACE_RUNS }),
      (() => {
        const a = seriesReport({ race: [1, 5, 9, 13, 17, 21, 25], panic: [6, 20] });
        const b = seriesReport({ race: [2, 4, 8, 12, 15, 19, 22, 26, 29], writeLine: 120 });
        return { ...a, findings: [...a.findings, ...b.findings.map((f) => ({ ...f, id: 'b0b0b0b0' }))] };
      })(),
    );
    const { comment, summary } = both('gone', now);
    for (const md of [comment, summary]) {
      expect(md).toContain('(vs main: −1 race, −1 panic)');
      expect(md).toContain('**Not seen now**, but seen on main before:');
      expect(md).toContain(
        '- **Data race** at `daemon.go:31 ↔ daemon.go:120` (read in write vs write in Shutdown, 9/30 on main): not seen in 30 runs (at its earlier 30% it would have shown with over 99.9% probability): likely fixed.',
      );
      expect(md).toContain(
        '- **Panic** at `config.go:22` (runtime error: invalid memory address or nil pointer dereference, 2/30 on main): not seen in 30 runs (at its earlier 7% it would have shown with 87% probability).',
      );
    }
  });
});

/** The cause report moved into a monorepo: two services, long directories. */
function monorepoReport(): Report {
  const r = seriesReport({ race: [...RACE_RUNS, ...PANIC_RUNS], panic: PANIC_RUNS });
  const [race, panic] = r.findings;
  const move = (dir: string) => (l: { file: string }) => {
    l.file = `${dir}/${l.file.slice(l.file.lastIndexOf('/') + 1)}`;
  };
  race?.locations.forEach(move('services/payments-gateway/internal/ledger/reconcile'));
  panic?.locations.forEach(move('services/payments-gateway/internal/config/loader'));
  return r;
}

describe('paths', () => {
  it('a monorepo: link texts drop the shared directory and stay short', () => {
    const { comment } = both('monorepo', monorepoReport());
    expect(comment).toContain('<sub>Files in `services/payments-gateway/internal/`.');
    expect(line(comment, '| **Data race**')).toContain(
      `[\`ledger/reconcile/daemon.go:51\`](${BLOB}services/payments-gateway/internal/ledger/reconcile/daemon.go#L51)`,
    );
    expect(line(comment, '| **Panic**')).toContain('[`config/loader/config.go:22`]');
  });
});

describe('only-new', () => {
  it('fails and annotates only new findings; the verdict is red only for them', () => {
    const now = compared(
      seriesReport({ race: RACE_RUNS, panic: PANIC_RUNS }),
      seriesReport({ race: [3, 8] }),
    );
    const { comment } = both('only-new', now, true);
    expect(comment).toContain('❌ **1 known data race · 1 new panic** — 30 runs at');
    // New findings first: the table, and the command above the fold.
    expect(comment.indexOf('| **Panic** · **new**')).toBeLessThan(comment.indexOf('| **Data race** · known'));
    expect(comment).toContain('**Reproduce** the panic at `config.go:22`');
    expect(failingFindings(now, ['race', 'panic'], true).map((f) => f.kind)).toEqual(['panic']);
    expect(failingFindings(now, ['race', 'panic'], false).map((f) => f.kind)).toEqual(['race', 'panic']);
    const files = planAnnotations(now, { onlyNew: true }).annotations.map((a) => `${a.file}:${a.startLine}`);
    expect(files).toEqual(['examples/flaky-daemon/daemon/config.go:22']);
    // Without only-new, new findings are still annotated first.
    const all = planAnnotations(now).annotations.map((a) => a.startLine);
    expect(all[0]).toBe(22);

    const knownOnly = compared(seriesReport({ race: RACE_RUNS }), seriesReport({ race: [3, 8] }));
    const md = renderComment(knownOnly, { identity, sha: SHA, onlyNew: true }) ?? '';
    expect(md).toContain('⚠️ **1 known data race** — 30 runs at `abc1234` (vs main: no change)');
  });
});
