// The one Octokit the action uses: @actions/github's (REST methods, pagination, proxy support)
// with Octokit's retry and throttling plugins, so 5xx answers and rate limits are retried with
// backoff instead of failing the comment.
import { getOctokit } from '@actions/github';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';

export type GitHubClient = ReturnType<typeof getOctokit>;

export interface ClientOptions {
  /** REST API root: GITHUB_API_URL on a runner (GHES, or a local server in tests). */
  baseUrl: string;
  /** Retries of a failed request (5xx, network) and of a rate-limited one. */
  retries?: number;
  /** Milliseconds per unit of backoff: the n-th retry waits n² units (1 s by default). */
  retryAfterBaseValue?: number;
  /** Longest wait for a rate limit to reset, in seconds; longer waits give up. */
  maxRateLimitWait?: number;
  /** Throttling queues are shared per id: tests give each client its own. */
  throttleId?: string;
  /** Where Octokit's own messages (retries, rate limits) go; never the token. */
  log?: (message: string) => void;
}

export function createClient(token: string, opts: ClientOptions): GitHubClient {
  const retries = opts.retries ?? 3;
  const maxWait = opts.maxRateLimitWait ?? 120;
  const log = opts.log ?? (() => {});
  const onLimit =
    (what: string) =>
    (retryAfter: number, options: { method: string; url: string }, _octokit: unknown, retryCount: number) => {
      const again = retryCount < retries && retryAfter <= maxWait;
      log(
        `GitHub API ${what} on ${options.method} ${options.url}: ${again ? `retrying in ${retryAfter}s` : 'giving up'}`,
      );
      return again;
    };
  return getOctokit(
    token,
    {
      baseUrl: opts.baseUrl.replace(/\/+$/, ''),
      log: { debug: () => {}, info: () => {}, warn: log, error: log },
      retry: {
        retries,
        ...(opts.retryAfterBaseValue !== undefined ? { retryAfterBaseValue: opts.retryAfterBaseValue } : {}),
      },
      throttle: {
        id: opts.throttleId ?? 'race-rerun',
        ...(opts.retryAfterBaseValue !== undefined ? { retryAfterBaseValue: opts.retryAfterBaseValue } : {}),
        onRateLimit: onLimit('rate limit'),
        onSecondaryRateLimit: onLimit('secondary rate limit'),
      },
    },
    retry,
    throttling,
  );
}
