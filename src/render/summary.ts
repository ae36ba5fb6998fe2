// The job summary (GitHub-flavoured markdown). It carries what the pull request comment carries
// (both are rendered by markdown.ts), so runs without a pull request lose nothing.
import type { Report } from '../model.js';
import type { HeadlineOptions } from './headline.js';
import { renderDocument } from './markdown.js';

export { code, escapeMarkdown } from './markdown.js';

/**
 * GitHub accepts 1 MiB of summary per step; a character is at most 3 bytes in UTF-8 here (we
 * count UTF-16 code units), so this stays under it.
 */
export const SUMMARY_LIMIT = 340_000;

export function renderSummary(
  report: Report,
  opts: HeadlineOptions & { unannotated?: string[]; blobUrl?: string } = {},
): string {
  return renderDocument(report, {
    ...(opts.sha ? { sha: opts.sha } : {}),
    ...(opts.commitUrl ? { commitUrl: opts.commitUrl } : {}),
    ...(opts.onlyNew ? { onlyNew: true } : {}),
    ...(opts.runUrl ? { runUrl: opts.runUrl } : {}),
    ...(opts.blobUrl ? { blobUrl: opts.blobUrl } : {}),
    ...(opts.unannotated ? { unannotated: opts.unannotated } : {}),
    fullReport: 'the JSON report (the `report` output)',
    limit: SUMMARY_LIMIT,
    limitText: "the job summary's size limit",
  });
}
