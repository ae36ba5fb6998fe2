// Renders a comment or job summary (markdown) roughly as GitHub shows it, to look at before
// shipping a change to the renderers: cmark-gfm (GitHub's markdown engine) with GitHub-like CSS
// in a 900 px column, screenshotted by headless Chromium in light and dark. No network.
//
//   node scripts/render-comment.mjs test/golden/comment-new-race-known-panic.md [out-dir]
//
// Needs `cmark-gfm` and `chromium` on PATH (Debian: apt-get install cmark-gfm chromium).
// Writes <name>.html, <name>-light.png and <name>-dark.png to out-dir (default: a temp dir).
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';

const [input, outArg] = process.argv.slice(2);
if (!input) {
  process.stderr.write('usage: node scripts/render-comment.mjs FILE.md [out-dir]\n');
  process.exit(2);
}
const out = resolve(outArg ?? mkdtempSync(join(tmpdir(), 'race-rerun-render-')));
mkdirSync(out, { recursive: true });
const name = basename(input).replace(/\.md$/, '');

// GitHub allows <details>, <summary>, <sub>, <br> and strips the rest: --unsafe keeps them here,
// the tagfilter extension drops what GitHub would filter.
const body = execFileSync(
  'cmark-gfm',
  ['--unsafe', '-e', 'table', '-e', 'strikethrough', '-e', 'autolink', '-e', 'tagfilter', input],
  { encoding: 'utf8' },
);

const themes = {
  light: {
    bg: '#ffffff',
    fg: '#1f2328',
    muted: '#59636e',
    border: '#d1d9e0',
    alt: '#f6f8fa',
    code: 'rgba(129,139,152,0.12)',
    link: '#0969da',
  },
  dark: {
    bg: '#0d1117',
    fg: '#f0f6fc',
    muted: '#9198a1',
    border: '#3d444d',
    alt: '#151b23',
    code: 'rgba(101,108,118,0.2)',
    link: '#4493f8',
  },
};

function page(t) {
  return `<!doctype html><meta charset="utf-8"><style>
body { margin: 0; background: ${t.bg}; color: ${t.fg}; }
.markdown-body { box-sizing: border-box; width: 900px; padding: 16px 24px; font: 14px/1.5 -apple-system, BlinkMacSystemFont, "Segoe UI", "Noto Sans", Helvetica, Arial, sans-serif; word-wrap: break-word; }
a { color: ${t.link}; text-decoration: none; }
h2 { font-size: 1.5em; border-bottom: 1px solid ${t.border}; padding-bottom: .3em; margin: 24px 0 16px; font-weight: 600; }
h3 { font-size: 1.25em; margin: 24px 0 16px; font-weight: 600; }
p, ul, table, pre, details { margin: 0 0 16px; }
table { border-spacing: 0; border-collapse: collapse; display: block; width: max-content; max-width: 100%; overflow: auto; }
th, td { padding: 6px 13px; border: 1px solid ${t.border}; vertical-align: top; }
th { font-weight: 600; }
tr:nth-child(2n) { background: ${t.alt}; }
code { font: 85% ui-monospace, SFMono-Regular, "SF Mono", Menlo, Consolas, "Liberation Mono", monospace; background: ${t.code}; padding: .2em .4em; border-radius: 6px; white-space: break-spaces; }
pre { background: ${t.alt}; padding: 16px; border-radius: 6px; overflow: auto; font-size: 85%; line-height: 1.45; }
pre code { background: none; padding: 0; font-size: 100%; white-space: pre; }
sub { font-size: 75%; }
blockquote { margin: 0 0 16px; padding: 0 1em; color: ${t.muted}; border-left: .25em solid ${t.border}; }
summary { cursor: pointer; }
</style><div class="markdown-body">${body}</div>`;
}

writeFileSync(join(out, `${name}.html`), page(themes.light));
for (const [theme, colours] of Object.entries(themes)) {
  const html = join(out, `${name}-${theme}.html`);
  writeFileSync(html, page(colours));
  const png = join(out, `${name}-${theme}.png`);
  const profile = mkdtempSync(join(tmpdir(), 'race-rerun-chromium-'));
  execFileSync(
    'chromium',
    [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      `--user-data-dir=${profile}`,
      `--screenshot=${png}`,
      `--window-size=${process.env.WIDTH ?? 950},${process.env.HEIGHT ?? 1400}`,
      `file://${html}`,
    ],
    { stdio: ['ignore', 'ignore', 'ignore'] },
  );
  process.stdout.write(`${png}\n`);
}
process.stdout.write(`${join(out, `${name}.html`)}\n`);
