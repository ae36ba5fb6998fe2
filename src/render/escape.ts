// Making text from test output safe in GitHub-flavoured markdown: entities for HTML, backslashes
// for markdown punctuation, code spans and fences that nothing inside can close, and no
// mentions, references or autolinks.

// Word joiner: breaks mentions, references and autolinks without changing what is read, and
// (unlike a zero-width space) without letting a line break inside the word.
export const WJ = '\u2060';

function defuse(s: string): string {
  return s
    .replace(/@(?=\w)/g, `@${WJ}`)
    .replace(/#(?=\d)/g, `#${WJ}`)
    .replace(/:\/\//g, `:${WJ}//`)
    .replace(/www\./gi, (m) => `${m.slice(0, 3)}${WJ}.`);
}

/** Text for markdown and HTML: entities for `& < >`, `\` before markdown punctuation, no mentions. */
export function escapeMarkdown(s: string): string {
  return defuse(
    s
      .replace(/[\r\n]+/g, ' ')
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/([\\`*_[\]|~])/g, '\\$1'),
  );
}

/** For HTML (`<summary>`): markdown does not apply there, mentions and autolinks still do. */
export function escapeHtml(s: string): string {
  return (
    defuse(
      s
        .replace(/[\r\n]+/g, ' ')
        .replace(/&/g, '&amp;')
        .replace(/</g, '&lt;')
        .replace(/>/g, '&gt;')
        .replace(/"/g, '&quot;'),
    )
      // Literal in HTML anyway; entities keep them so should a renderer read markdown there.
      // After defuse, whose `#` rule would break `&#96;`.
      .replace(/[`[\]]/g, (c) => `&#${c.charCodeAt(0)};`)
  );
}

/**
 * Control characters from test output (NUL, ESC, BEL, a lone CR, C1) shown as escapes such as
 * `\x1b`, so that what a test printed is seen, not acted on by whatever displays the markdown.
 * Newlines and tabs stay; CRLF becomes LF.
 */
export function showControls(s: string): string {
  return (
    s
      .replace(/\r\n/g, '\n')
      // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
      .replace(/[\x00-\x08\x0b-\x1f\x7f-\x9f]/g, (c) =>
        c === '\r' ? '\\r' : `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`,
      )
  );
}

export function shorten(s: string, max: number): string {
  return s.length <= max ? s : `${s.slice(0, max - 1)}…`;
}

/** An inline code span that survives backticks in the text and `|` in a table cell. */
export function code(s: string, inTable = true): string {
  const text = s.replace(/[\r\n]+/g, ' ');
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((r) => r.length));
  const fence = '`'.repeat(longest + 1);
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  const body = inTable ? text.replace(/\|/g, '\\|') : text;
  return `${fence}${pad}${body}${pad}${fence}`;
}

/** A fenced block whose fence is longer than any backtick run inside. */
export function block(text: string, lang: string): string {
  const longest = Math.max(0, ...(text.match(/`{3,}/g) ?? []).map((r) => r.length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return `${fence}${lang}\n${text}\n${fence}`;
}

/** A URL from the environment, made safe inside `(…)`. */
export function safeUrl(url: string): string {
  return url.replace(/[()\s<>]/g, encodeURIComponent);
}

export function plural(n: number, noun: string, many = `${noun}s`): string {
  return `${n} ${n === 1 ? noun : many}`;
}
