// GitHub annotations: one error per finding on its first repository line, and for a race one more
// on the other side's line, so both show up in the diff.
import type { Finding, Location, Report } from '../model.js';
import {
  accessWords,
  clean,
  countedTitle,
  KIND_LABEL,
  raceSides,
  rerunFor,
  runList,
  stackText,
} from './format.js';

export interface Annotation {
  level: 'error' | 'warning' | 'notice';
  title: string;
  message: string;
  file: string;
  startLine: number;
}

function otherSide(l: Location): string {
  return `the ${l.access ?? 'access'} in ${l.function || 'unknown code'} at ${l.file}:${l.line}`;
}

function explanation(f: Finding, at: Location): string {
  switch (f.kind) {
    case 'race': {
      const { current, previous } = raceSides(f);
      const other = at === current ? previous : current;
      const here = `This ${accessWords(at)}`;
      if (other) return `${here} races with ${otherSide(other)}.`;
      return `${here} races with another ${at === current ? 'earlier' : 'later'} access outside this repository (see the stacks).`;
    }
    case 'panic':
      return `The test binary panicked here: ${f.message}`;
    case 'fatal':
      return `The Go runtime stopped the test binary here: fatal error: ${f.message}`;
    case 'timeout':
      return `The test binary timed out (${f.message}) while a test was stuck here.`;
    case 'failure':
      return `${f.tests[0] ?? 'The test'} failed here: ${f.message}`;
    case 'build':
      return f.message;
  }
}

function message(report: Report, f: Finding, at: Location): string {
  const parts = [explanation(f, at)];
  const stacks = stackText(f);
  if (stacks.length > 0 && f.kind !== 'failure' && f.kind !== 'build') parts.push(stacks.join('\n'));
  if (f.kind !== 'build') {
    const tests = f.tests.length > 0 ? `; tests: ${f.tests.join(', ')}` : '';
    parts.push(`Seen in runs ${runList(f.seenIn)}${tests}`);
  }
  const rerun = rerunFor(report, f);
  parts.push(
    rerun
      ? `Reproduce (may need repeating): ${f.reproduce}\nOr repeat it: ${rerun}`
      : `Reproduce: ${f.reproduce}`,
  );
  return clean(parts.join('\n\n'));
}

export function renderAnnotations(report: Report): Annotation[] {
  const out: Annotation[] = [];
  const seen = new Set<string>();
  const push = (a: Annotation): void => {
    const key = `${a.file}\u0000${a.startLine}\u0000${a.title}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push(a);
  };
  for (const f of report.findings) {
    const first = f.locations[0];
    if (!first) continue;
    push({
      level: 'error',
      title: clean(countedTitle(f)),
      message: message(report, f, first),
      file: first.file,
      startLine: first.line,
    });
    if (f.kind !== 'race') continue;
    const { current, previous } = raceSides(f);
    const other = first === current ? previous : first === previous ? current : undefined;
    if (!other || (other.file === first.file && other.line === first.line)) continue;
    push({
      level: 'error',
      title: clean(
        `${KIND_LABEL.race} (${f.runsSeen}/${f.runs} runs): other side of the race at ${first.file}:${first.line}`,
      ),
      message: message(report, f, other),
      file: other.file,
      startLine: other.line,
    });
  }
  return out;
}
