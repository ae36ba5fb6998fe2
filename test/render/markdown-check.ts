// Reads markdown the way GitHub does, enough to say what of it is live: fenced code blocks close
// only on a fence at least as long as the opening one, code spans on a backtick run of the same
// length. What is left is the prose, where HTML, links and mentions would take effect.

/** The markdown without its fenced code blocks and code spans. Throws on an unclosed fence. */
export function prose(md: string): string {
  const out: string[] = [];
  let open: number | undefined;
  for (const line of md.split('\n')) {
    const fence = /^ {0,3}(`{3,})(.*)$/.exec(line);
    if (open === undefined) {
      if (fence && !(fence[2] ?? '').includes('`')) {
        open = fence[1]?.length ?? 3;
        continue;
      }
      out.push(line);
    } else if (fence && (fence[1]?.length ?? 0) >= open && (fence[2] ?? '').trim() === '') {
      open = undefined;
    }
  }
  if (open !== undefined) throw new Error('a fenced code block is never closed');
  // A code span does not cross a blank line.
  return out.join('\n').split('\n\n').map(stripSpans).join('\n\n');
}

/** Removes code spans; a backslash-escaped backtick does not open one (CommonMark). */
function stripSpans(text: string): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === '\\' && i + 1 < text.length) {
      out += text.slice(i, i + 2);
      i += 2;
      continue;
    }
    if (c !== '`') {
      out += c;
      i++;
      continue;
    }
    let n = 0;
    while (text[i + n] === '`') n++;
    // The closing run has exactly n backticks.
    const close = new RegExp(`(?<!\`)\`{${n}}(?!\`)`, 'g');
    close.lastIndex = i + n;
    const m = close.exec(text);
    if (!m) {
      out += '`'.repeat(n);
      i += n;
      continue;
    }
    i = m.index + n;
  }
  return out;
}

/** `<details>` opened and closed in the prose. */
export function detailsBalance(md: string): { open: number; close: number } {
  const p = prose(md);
  return { open: p.match(/<details>/g)?.length ?? 0, close: p.match(/<\/details>/g)?.length ?? 0 };
}
