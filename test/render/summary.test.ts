// Golden files: UPDATE_GOLDEN=1 npx vitest run test/render rewrites test/golden/*; review the diff.
// The key lines are also asserted below, so a regenerated golden cannot hide a regression.
import { describe, expect, it } from 'vitest';
import { buildReport } from '../../src/analysis/report.js';
import { renderComment } from '../../src/render/comment.js';
import { showControls } from '../../src/render/markdown.js';
import { code, escapeMarkdown, renderSummary } from '../../src/render/summary.js';
import { failure, input, outcome, run } from '../analysis/fixtures.js';
import { expectGolden } from './golden.js';
import { cleanReport, racePanicReport } from './reports.js';

describe('renderSummary', () => {
  it('renders a race and a panic', () => {
    const md = renderSummary(racePanicReport(), { runUrl: 'https://github.com/acme/daemon/actions/runs/42' });
    expectGolden('summary-race-panic.md', md);
    const lines = md.split('\n');
    expect(lines[0]).toBe('## race-rerun');
    expect(lines).toContain(
      '❌ **1 data race · 1 panic** — 30 runs · [workflow run](https://github.com/acme/daemon/actions/runs/42)',
    );
    expect(lines).toContain('| Finding | Where | Seen |');
    expect(lines).toContain(
      '| **Data race**<br>write in Shutdown vs read in write<br><sub>fails `TestWriter`</sub> | `daemon.go:51` ↔ `daemon.go:31` | **7/30**\u00a0<sub>95%\u00a0CI\u00a012–\u206041%</sub><br>`▁▁▌▁▁▁▌▁▌▁▁▌▁▁▌▁▁▁▁▁▌▁▁▁▁▁▁▌▁▁` |',
    );
    expect(lines).toContain(
      '| **Panic**<br>runtime error: invalid memory address or nil pointer dereference<br><sub>fails `TestReload`</sub> | `config.go:22` | **2/30**\u00a0<sub>95%\u00a0CI\u00a02–\u206021%</sub><br>`▁▁▁▁▌▁▁▁▁▁▁▁▁▁▁▁▁▁▌▁▁▁▁▁▁▁▁▁▁▁` |',
    );
    expect(lines).toContain(
      '<summary><b>Data race</b>: write in Shutdown vs read in write (7/30 runs)</summary>',
    );
    expect(lines).toContain(
      "cd examples/flaky-daemon && go test -race -count=1 -run '^TestWriter$' ./daemon",
    );
    expect(lines).toContain(
      "cd examples/flaky-daemon && npx --yes github:org/race-rerun run --count 30 --run '^TestWriter$' ./daemon",
    );
    expect(md).toContain('[workflow run](https://github.com/acme/daemon/actions/runs/42)');
    // Every <details> is closed, every fence is closed.
    expect(md.match(/<details>/g)?.length).toBe(md.match(/<\/details>/g)?.length);
    expect((md.match(/^```/gm)?.length ?? 0) % 2).toBe(0);
  });

  it('renders a clean run', () => {
    const md = renderSummary(cleanReport());
    expectGolden('summary-clean.md', md);
    expect(md).toContain('✅ **No data race, panic or failure** — 30 runs');
    expect(md).not.toContain('| Finding |');
  });

  it('renders errors, notes and findings that could not be annotated', () => {
    const r = buildReport(
      input([], { errors: ['go: command not found'], notes: ['log 2 held no Go test output'] }),
    );
    const md = renderSummary(r, { unannotated: ['Data race (1/30 runs): x'] });
    expect(md).toContain('⚠️ **Nothing was run: go: command not found**');
    expect(md).toContain('### Errors\n\n- go: command not found');
    expect(md).toContain('### Notes\n\n- log 2 held no Go test output');
    expect(md).toContain('### Not annotated');
  });

  it('escapes text from test output', () => {
    const evil = 'got a|b <script>alert(1)</script> from @octocat in #12 `x`\nsecond line';
    const r = buildReport(
      input([
        run(
          1,
          [failure('TestEvil/@octocat|x', 'daemon_test.go', 9, evil)],
          [outcome('TestEvil/@octocat|x', 'fail')],
        ),
      ]),
    );
    const md = renderSummary(r);
    // Outside code blocks and code spans, nothing of it is live markup or a mention.
    const prose = md.replace(/^```[\s\S]*?^```/gm, '').replace(/(`+)[^`]*?\1/g, '');
    expect(prose).not.toContain('<script>');
    expect(prose).not.toMatch(/@octocat/);
    expect(prose).not.toMatch(/#12/);
    const row = md.split('\n').find((l) => l.startsWith('| **Test failure**'));
    expect(row).toBeDefined();
    // Four unescaped `|` delimiters: the cells did not split.
    expect(row?.replace(/\\\|/g, '').split('|').length).toBe(5);
    expect(escapeMarkdown('a|b <i> @me #3 *x*')).toBe('a\\|b &lt;i&gt; @\u2060me #\u20603 \\*x\\*');
    expect(code('a`b|c')).toBe('``a`b\\|c``');
    expect(code('`x`')).toBe('`` `x` ``');
  });

  it('shows control characters from test output escaped, in the summary as in the comment', () => {
    const message = 'got \x1b[31mred\x1b[0m, NUL \x00, bell \x07, carriage\rreturn, C1 \x9b';
    const r = buildReport(
      input([run(1, [failure('TestCtl', 'daemon_test.go', 9, message)], [outcome('TestCtl', 'fail')])]),
    );
    const summary = renderSummary(r);
    const comment = renderComment(r, { identity: { workflow: 'CI', job: 'race' } }) ?? '';
    for (const md of [summary, comment]) {
      // biome-ignore lint/suspicious/noControlCharactersInRegex: looking for them is the point
      expect(md).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f-\x9f]/);
      expect(md).toContain('got \\x1b[31mred\\x1b[0m, NUL \\x00, bell \\x07, carriage\\rreturn, C1 \\x9b');
    }
    expect(showControls('a\r\nb\tc\n')).toBe('a\nb\tc\n');
  });
});
