// The one Octokit the action uses: REST methods, the runner's proxy settings, throttling (rate
// limits, spacing of writes), retries with backoff, and time bounds: every request has a timeout
// and all requests of one client share one deadline, so no API can hold the step.
// Built from @octokit/core rather than @actions/github, whose import parses GITHUB_EVENT_PATH and
// throws on an unreadable event file before any of our code runs.
import { HttpClient } from '@actions/http-client';
import { Octokit } from '@octokit/core';
import { restEndpointMethods } from '@octokit/plugin-rest-endpoint-methods';
import { throttling } from '@octokit/plugin-throttling';
import { fetch as undiciFetch } from 'undici';

const GitHub = Octokit.plugin(restEndpointMethods, throttling);
export type GitHubClient = InstanceType<typeof GitHub>;

/** All API calls of one publish step (find and update the comment) end within this. */
export const API_DEADLINE_MS = 60_000;
/** One request, from sending to the last byte of the answer. */
export const REQUEST_TIMEOUT_MS = 20_000;

export interface ClientOptions {
  /** REST API root: GITHUB_API_URL on a runner (GHES, or a local server in tests). */
  baseUrl: string;
  /** Retries of a failed request (5xx, network, timeout) and of a rate-limited one. */
  retries?: number;
  /** Milliseconds per unit of backoff: the n-th retry waits n² units (1 s by default). */
  retryAfterBaseValue?: number;
  /** Longest wait for a rate limit to reset, in seconds; longer waits give up. */
  maxRateLimitWait?: number;
  /** Throttling queues are shared per id: tests give each client its own. */
  throttleId?: string;
  /** Where retries and rate limits are told; never the token. */
  log?: (message: string) => void;
  /** Per request (default REQUEST_TIMEOUT_MS). */
  requestTimeoutMs?: number;
  /** Epoch milliseconds after which no request is sent or waited for (default: now + API_DEADLINE_MS). */
  deadline?: number;
  /** Stops every request at once (the job is being cancelled). */
  signal?: AbortSignal;
}

export type ApiErrorKind = 'network' | 'timeout' | 'deadline' | 'cancelled' | 'not-json' | 'http';

/** A failed API call, said as what happened: `connect ECONNREFUSED …`, `timeout …`, `403 …`. */
export class ApiError extends Error {
  constructor(
    readonly kind: ApiErrorKind,
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

function seconds(ms: number): string {
  return `${Math.round(ms / 100) / 10} s`;
}

interface Budget {
  start: number;
  deadline: number;
  signal: AbortSignal;
  timeoutMs: number;
}

/** The proxy (https_proxy, no_proxy) as @actions/http-client reads it, as @actions/github does. */
function proxyFetch(baseUrl: string): typeof undiciFetch {
  const dispatcher = new HttpClient().getAgentDispatcher(baseUrl);
  return (url, init) => undiciFetch(url, { ...init, ...(dispatcher ? { dispatcher } : {}) });
}

function deadlineText(b: Budget): string {
  return `deadline reached: ${seconds(b.deadline - b.start)} for all requests`;
}

const NULL_BODY = new Set([101, 204, 205, 304]);

/**
 * fetch bounded by the request timeout, the deadline and the cancel signal; the body is read
 * here too (a server can stall after the headers). Errors are ApiErrors saying what happened.
 */
function boundedFetch(budget: Budget, base: typeof undiciFetch) {
  return async (url: string, init: Parameters<typeof undiciFetch>[1] = {}): Promise<Response> => {
    const left = budget.deadline - Date.now();
    if (budget.signal.aborted) throw new ApiError('cancelled', 'cancelled before the request was sent');
    if (left <= 0) throw new ApiError('deadline', deadlineText(budget));
    const limit = Math.min(budget.timeoutMs, left);
    const ctl = new AbortController();
    const timer = setTimeout(() => ctl.abort(), limit);
    const cancel = () => ctl.abort();
    budget.signal.addEventListener('abort', cancel, { once: true });
    try {
      const res = await base(url, { ...init, signal: ctl.signal });
      const body = NULL_BODY.has(res.status) ? null : await res.arrayBuffer();
      return new Response(body, { status: res.status, statusText: res.statusText, headers: res.headers });
    } catch (err) {
      if (budget.signal.aborted) throw new ApiError('cancelled', 'cancelled while waiting for the answer');
      if (ctl.signal.aborted) {
        if (limit < budget.timeoutMs) throw new ApiError('deadline', deadlineText(budget));
        throw new ApiError('timeout', `timeout: no answer within ${seconds(limit)}`);
      }
      const cause = (err as { cause?: unknown }).cause;
      const message = cause instanceof Error ? cause.message : (err as Error).message;
      throw new ApiError('network', message || String(err));
    } finally {
      clearTimeout(timer);
      budget.signal.removeEventListener('abort', cancel);
    }
  };
}

interface OctokitError {
  status?: number;
  message?: string;
  cause?: unknown;
  response?: { data?: unknown; headers?: Record<string, string | undefined> };
}

/** Any error from a request as an ApiError. */
export function asApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  const e = err as OctokitError;
  if (e.cause instanceof ApiError) return e.cause;
  if (typeof e.status === 'number' && e.response) {
    const data = e.response.data;
    if (data !== null && typeof data === 'object' && !(data instanceof ArrayBuffer)) {
      return new ApiError('http', `${e.status} ${String(e.message ?? '')}`.trim(), e.status);
    }
    const type = e.response.headers?.['content-type'] || 'no content type';
    return new ApiError('http', `${e.status} with a ${type} answer instead of JSON`, e.status);
  }
  return new ApiError('network', String(e.message ?? err));
}

function retryable(e: ApiError): boolean {
  return e.kind === 'network' || e.kind === 'timeout' || (e.kind === 'http' && (e.status ?? 0) >= 500);
}

/** What GitHub answers is JSON (or nothing); an HTML page from a proxy is not an answer. */
function checkJson(res: { status: number; data: unknown; headers: Record<string, unknown> }): void {
  if (NULL_BODY.has(res.status)) return;
  const d = res.data;
  if (d !== null && typeof d === 'object' && !(d instanceof ArrayBuffer)) return;
  const type = String(res.headers['content-type'] || 'no content type');
  const text = typeof d === 'string' ? d.replace(/\s+/g, ' ').trim().slice(0, 60) : '';
  throw new ApiError(
    'not-json',
    `answered ${res.status} with ${type}, not JSON${text ? ` (starts with "${text}")` : ''}`,
  );
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((done) => {
    const timer = setTimeout(finish, ms);
    function finish() {
      clearTimeout(timer);
      signal.removeEventListener('abort', finish);
      done();
    }
    signal.addEventListener('abort', finish, { once: true });
  });
}

export function createClient(token: string, opts: ClientOptions): GitHubClient {
  const retries = opts.retries ?? 3;
  const maxWait = opts.maxRateLimitWait ?? 120;
  const base = opts.retryAfterBaseValue ?? 1000;
  const log = opts.log ?? (() => {});
  const baseUrl = opts.baseUrl.replace(/\/+$/, '');
  const budget: Budget = {
    start: Date.now(),
    deadline: opts.deadline ?? Date.now() + API_DEADLINE_MS,
    signal: opts.signal ?? new AbortController().signal,
    timeoutMs: opts.requestTimeoutMs ?? REQUEST_TIMEOUT_MS,
  };
  const onLimit =
    (what: string) =>
    (retryAfter: number, options: { method: string; url: string }, _octokit: unknown, retryCount: number) => {
      // A wait past the deadline would be cut short anyway: give up now, said plainly.
      const fits = Date.now() + retryAfter * base < budget.deadline;
      const again = retryCount < retries && retryAfter <= maxWait && fits;
      log(
        `GitHub API ${what} on ${options.method} ${options.url}: ${again ? `retrying in ${retryAfter}s` : 'giving up'}`,
      );
      return again;
    };
  const client = new GitHub({
    auth: `token ${token}`,
    baseUrl,
    request: { fetch: boundedFetch(budget, proxyFetch(baseUrl)) },
    log: { debug: () => {}, info: () => {}, warn: log, error: log },
    throttle: {
      id: opts.throttleId ?? 'race-rerun',
      retryAfterBaseValue: base,
      onRateLimit: onLimit('rate limit'),
      onSecondaryRateLimit: onLimit('secondary rate limit'),
    },
  });
  // Outermost: retries network errors, timeouts and 5xx with backoff while the deadline allows.
  client.hook.wrap('request', async (request, options) => {
    const what = `${options.method} ${client.request.endpoint.parse(options).url.replace(baseUrl, '')}`;
    for (let attempt = 0; ; attempt++) {
      try {
        const res = await request(options);
        checkJson(res);
        return res;
      } catch (err) {
        const e = asApiError(err);
        const wait = (attempt + 1) ** 2 * base;
        const again = retryable(e) && attempt < retries && Date.now() + wait < budget.deadline;
        if (!again) {
          const tries = attempt > 0 ? ` (after ${attempt + 1} attempts)` : '';
          throw new ApiError(e.kind, `${what}: ${e.message}${tries}`, e.status);
        }
        log(`GitHub API ${what}: ${e.message}; retrying in ${seconds(wait)}`);
        await sleep(wait, budget.signal);
      }
    }
  });
  return client;
}
