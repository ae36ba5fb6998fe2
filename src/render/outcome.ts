// Which findings fail the step, given the `fail-on` kinds.
import type { Finding, FindingKind, Report } from '../model.js';

export function failingFindings(report: Report, failOn: FindingKind[]): Finding[] {
  const kinds = new Set(failOn);
  return report.findings.filter((f) => kinds.has(f.kind));
}
