// Which findings fail the step, given the `fail-on` kinds (and `only-new`: known ones do not).
import type { Finding, FindingKind, Report } from '../model.js';

export function failingFindings(report: Report, failOn: FindingKind[], onlyNew = false): Finding[] {
  const kinds = new Set(failOn);
  return report.findings.filter((f) => kinds.has(f.kind) && !(onlyNew && f.baseline === 'known'));
}
