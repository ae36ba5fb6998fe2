// GitHub annotations: one error per finding on its first repository line, and for a race one more
// on the other side's line, so both show up in the diff.
import type { Finding, Location, Report } from '../model.js';
import {
  accessWords,
  baselineText,
  clean,
  countedTitle,
  KIND_LABEL,
  raceSides,
  rankFindings,
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
    case 'overlap':
      return `${f.tests[0] ?? 'The test'} failed here only while other runs overlapped it: ${f.message}`;
  }
}

function message(report: Report, f: Finding, at: Location): string {
  const parts = [explanation(f, at)];
  const known = report.baseline ? baselineText(f, report.baseline.label) : undefined;
  if (known)
    parts.push(
      known === 'new'
        ? `New: not seen on ${report.baseline?.label}.`
        : `${known.charAt(0).toUpperCase()}${known.slice(1)}.`,
    );
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

/**
 * GitHub cuts an annotation's message at about 4 KB (silently, mid-line); longer ones are cut
 * here, at a line, with a pointer to where the rest is.
 */
export const ANNOTATION_MESSAGE_BYTES = 4000;
/** The Checks API's limit for a title, which the runner applies too. */
export const ANNOTATION_TITLE_CHARS = 255;
const CUT_NOTE = '\n… (shortened: the job summary and the JSON report have all of it)';

/** The message within ANNOTATION_MESSAGE_BYTES of UTF-8, cut at a line break when there is one. */
export function capMessage(message: string, max = ANNOTATION_MESSAGE_BYTES): string {
  const bytes = new TextEncoder().encode(message);
  if (bytes.length <= max) return message;
  const room = max - new TextEncoder().encode(CUT_NOTE).length;
  // A character split at the cut decodes as U+FFFD: dropped.
  let cut = new TextDecoder().decode(bytes.subarray(0, room)).replace(/\uFFFD$/, '');
  const nl = cut.lastIndexOf('\n');
  if (nl > room / 2) cut = cut.slice(0, nl);
  return `${cut}${CUT_NOTE}`;
}

function capTitle(title: string): string {
  return title.length <= ANNOTATION_TITLE_CHARS ? title : `${title.slice(0, ANNOTATION_TITLE_CHARS - 1)}…`;
}

/** GitHub shows at most this many annotations of each level per step and drops the rest silently. */
export const ANNOTATIONS_PER_LEVEL = 10;
const LEVELS = ['error', 'warning', 'notice'] as const;

export interface AnnotationPlan {
  annotations: Annotation[];
  /** Findings with a repository line that got no annotation, as `Data race (3/30 runs): … at file:line`. */
  unannotated: string[];
}

export interface AnnotationBudget {
  /** Annotations of each level the step prints besides these (its `::error::` failure message, a warning). */
  reserved?: Partial<Record<Annotation['level'], number>>;
  /** Per level; GitHub's limit by default. */
  perLevel?: number;
  /** `only-new`: known findings are not annotated (the summary and comment list them). */
  onlyNew?: boolean;
}

interface Site {
  level: Annotation['level'];
  file: string;
  line: number;
  /** Title and message of each finding landing here, most important first. */
  parts: { id: string; title: string; message: string }[];
}

/** Where a finding is annotated: its first location, and for a race the other side too. */
function sitesOf(report: Report, f: Finding): { at: Location; title: string; message: string }[] {
  // Only files of this checkout are annotated (not another machine's paths).
  const inRepo = f.locations.filter((l) => l.origin === undefined);
  const first = inRepo[0];
  if (!first) return [];
  const out = [{ at: first, title: clean(countedTitle(f)), message: message(report, f, first) }];
  if (f.kind !== 'race') return out;
  const { current, previous } = raceSides({ ...f, locations: inRepo });
  const other = first === current ? previous : first === previous ? current : undefined;
  if (other && !(other.file === first.file && other.line === first.line)) {
    out.push({
      at: other,
      title: clean(
        `${KIND_LABEL.race} (${f.runsSeen}/${f.runs} runs): other side of the race at ${first.file}:${first.line}`,
      ),
      message: message(report, f, other),
    });
  }
  return out;
}

/**
 * Spends GitHub's per-step budget (10 error, 10 warning, 10 notice) on the most important
 * findings: ranked by reproducibility then kind, errors first, then warnings and notices once the
 * errors are used up. A finding landing on an already annotated line joins that annotation and
 * costs nothing; a race needs one annotation per side.
 */
export function planAnnotations(report: Report, budget: AnnotationBudget = {}): AnnotationPlan {
  const per = budget.perLevel ?? ANNOTATIONS_PER_LEVEL;
  const left: Record<Annotation['level'], number> = {
    error: Math.max(0, per - (budget.reserved?.error ?? 0)),
    warning: Math.max(0, per - (budget.reserved?.warning ?? 0)),
    notice: Math.max(0, per - (budget.reserved?.notice ?? 0)),
  };
  const sites: Site[] = [];
  const unannotated: string[] = [];
  // A collision between race-rerun's own runs does not fail the step by default: no error.
  const take = (f: Finding): Annotation['level'] | undefined => {
    const level = LEVELS.slice(f.kind === 'overlap' ? 1 : 0).find((l) => left[l] > 0);
    if (level) left[level]--;
    return level;
  };
  const ranked = rankFindings(report.findings);
  // New findings first; under only-new the known ones get no annotation at all.
  const order = [
    ...ranked.filter((f) => f.baseline !== 'known'),
    ...(budget.onlyNew ? [] : ranked.filter((f) => f.baseline === 'known')),
  ];
  for (const f of order) {
    let placed = 0;
    for (const s of sitesOf(report, f)) {
      const existing = sites.find((x) => x.file === s.at.file && x.line === s.at.line);
      if (existing) {
        if (!existing.parts.some((p) => p.id === f.id)) existing.parts.push({ id: f.id, ...s });
        placed++;
        continue;
      }
      const level = take(f);
      if (!level) break;
      sites.push({ level, file: s.at.file, line: s.at.line, parts: [{ id: f.id, ...s }] });
      placed++;
    }
    const first = f.locations[0];
    if (placed === 0 && first) unannotated.push(clean(`${countedTitle(f)} at ${first.file}:${first.line}`));
  }
  const annotations = sites.map((s): Annotation => {
    const [head, ...rest] = s.parts;
    const title =
      rest.length > 0 ? `${head?.title} (and ${rest.length} more on this line)` : (head?.title ?? '');
    const message = s.parts
      .map((p, i) => (i === 0 ? p.message : `Also on this line: ${p.title}\n\n${p.message}`))
      .join('\n\n');
    return {
      level: s.level,
      title: capTitle(title),
      message: capMessage(message),
      file: s.file,
      startLine: s.line,
    };
  });
  return { annotations, unannotated };
}

/** The annotations alone, within GitHub's default budget. */
export function renderAnnotations(report: Report): Annotation[] {
  return planAnnotations(report).annotations;
}
