// A local stand-in for the GitHub REST API's issue-comments endpoints, on 127.0.0.1: it keeps
// comments per issue, paginates with `Link` headers like GitHub, records every request, and can be
// told to fail the next requests (403, 500, rate limits). It also keeps check runs (create, then
// update with more annotations, at most 50 per request as GitHub allows) and answers pull
// requests seeded with their head commit.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  /** Path with the query string. */
  path: string;
  body: unknown;
  authorization: string | undefined;
}

export interface StoredComment {
  id: number;
  body: string;
  user: { login: string; type: string };
  html_url: string;
  created_at: string;
}

export interface Failure {
  status: number;
  message: string;
  /** Only requests with this method fail (default: any). */
  method?: string;
  headers?: Record<string, string>;
  /** Sent as it is instead of a JSON error body (an HTML page from a proxy). */
  raw?: { contentType: string; body: string };
}

export interface StoredCheckRun {
  id: number;
  name: string;
  head_sha: string;
  status?: string;
  conclusion?: string;
  output: { title?: string; summary?: string };
  annotations: Record<string, unknown>[];
}

export interface FakeGitHub {
  url: string;
  checkRuns: StoredCheckRun[];
  /** Pull requests `owner/repo#number` → head commit, for GET /repos/o/r/pulls/n. */
  pulls: Map<string, string>;
  requests: RecordedRequest[];
  /** Comments per `owner/repo#number`. */
  comments: Map<string, StoredComment[]>;
  /** Answered, in order, instead of the next matching requests. */
  failures: Failure[];
  /** Accept every request and never answer it. */
  hang: boolean;
  /** Every page of comments links to one more (a broken proxy or server). */
  endless: boolean;
  /** The `Link: next` of the first page points at this server instead. */
  nextOrigin?: string;
  /** Adds comments as if other people had written them. */
  seed(issue: string, bodies: string[], user?: StoredComment['user']): void;
  commentsOf(issue: string): StoredComment[];
  close(): Promise<void>;
}

const LIST = /^\/repos\/([^/]+)\/([^/]+)\/issues\/(\d+)\/comments$/;
const ONE = /^\/repos\/([^/]+)\/([^/]+)\/issues\/comments\/(\d+)$/;
const CHECKS = /^\/repos\/([^/]+)\/([^/]+)\/check-runs(?:\/(\d+))?$/;
const PULL = /^\/repos\/([^/]+)\/([^/]+)\/pulls\/(\d+)$/;
const MAX_ANNOTATIONS = 50;

export async function startFakeGitHub(): Promise<FakeGitHub> {
  const comments = new Map<string, StoredComment[]>();
  const requests: RecordedRequest[] = [];
  const failures: Failure[] = [];
  const checkRuns: StoredCheckRun[] = [];
  const pulls = new Map<string, string>();
  let nextId = 1000;
  let base = '';
  const fake = { hang: false, endless: false } as FakeGitHub;

  const add = (issue: string, body: string, user = { login: 'github-actions[bot]', type: 'Bot' }) => {
    const list = comments.get(issue) ?? [];
    const id = nextId++;
    const c: StoredComment = {
      id,
      body,
      user,
      html_url: `https://github.com/${issue.replace('#', '/pull/')}#issuecomment-${id}`,
      created_at: new Date().toISOString(),
    };
    list.push(c);
    comments.set(issue, list);
    return c;
  };

  const send = (res: ServerResponse, status: number, data: unknown, headers: Record<string, string> = {}) => {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
    res.end(JSON.stringify(data));
  };

  const handle = (req: IncomingMessage, res: ServerResponse, text: string) => {
    const url = new URL(req.url ?? '/', base);
    const method = req.method ?? 'GET';
    let body: unknown;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      body = text;
    }
    requests.push({
      method,
      path: `${url.pathname}${url.search}`,
      body,
      authorization: req.headers.authorization,
    });

    if (fake.hang) return;
    const i = failures.findIndex((f) => !f.method || f.method === method);
    const failure = i >= 0 ? failures.splice(i, 1)[0] : undefined;
    if (failure?.raw) {
      res.writeHead(failure.status, { 'content-type': failure.raw.contentType, ...failure.headers });
      res.end(failure.raw.body);
      return;
    }
    if (failure) {
      send(
        res,
        failure.status,
        { message: failure.message, documentation_url: 'https://docs.github.com/rest' },
        failure.headers,
      );
      return;
    }

    const list = LIST.exec(url.pathname);
    if (list) {
      const issue = `${list[1]}/${list[2]}#${list[3]}`;
      if (method === 'GET') {
        const all = comments.get(issue) ?? [];
        const perPage = Math.min(100, Number(url.searchParams.get('per_page') ?? 30) || 30);
        const page = Math.max(1, Number(url.searchParams.get('page') ?? 1) || 1);
        const last = Math.max(1, Math.ceil(all.length / perPage));
        const link = (p: number, rel: string) => {
          const u = new URL(url.pathname, base);
          u.searchParams.set('per_page', String(perPage));
          u.searchParams.set('page', String(p));
          return `<${u.toString()}>; rel="${rel}"`;
        };
        const links: string[] = [];
        if (fake.endless) {
          send(res, 200, [{ id: page, body: `page ${page}`, user: { login: 'x', type: 'User' } }], {
            link: link(page + 1, 'next'),
          });
          return;
        }
        if (fake.nextOrigin) links.push(`<${fake.nextOrigin}${url.pathname}?page=2>; rel="next"`);
        else if (page < last) links.push(link(page + 1, 'next'), link(last, 'last'));
        if (page > 1) links.push(link(1, 'first'), link(page - 1, 'prev'));
        send(
          res,
          200,
          all.slice((page - 1) * perPage, page * perPage),
          links.length > 0 ? { link: links.join(', ') } : {},
        );
        return;
      }
      if (method === 'POST') {
        const b = (body as { body?: unknown } | undefined)?.body;
        if (typeof b !== 'string' || b.length === 0) return send(res, 422, { message: 'body is missing' });
        if (b.length > 65536)
          return send(res, 422, { message: 'Body is too long (maximum is 65536 characters)' });
        send(res, 201, add(issue, b));
        return;
      }
    }
    const checks = CHECKS.exec(url.pathname);
    if (checks) {
      const b = (body ?? {}) as {
        name?: string;
        head_sha?: string;
        status?: string;
        conclusion?: string;
        output?: { title?: string; summary?: string; annotations?: Record<string, unknown>[] };
      };
      const annotations = b.output?.annotations ?? [];
      if (annotations.length > MAX_ANNOTATIONS)
        return send(res, 422, { message: 'Only 50 annotations are allowed per request' });
      if (method === 'POST' && !checks[3]) {
        if (!b.name || !b.head_sha) return send(res, 422, { message: 'name and head_sha are required' });
        const run: StoredCheckRun = {
          id: nextId++,
          name: b.name,
          head_sha: b.head_sha,
          ...(b.status ? { status: b.status } : {}),
          ...(b.conclusion ? { conclusion: b.conclusion } : {}),
          output: {
            ...(b.output?.title ? { title: b.output.title } : {}),
            ...(b.output?.summary ? { summary: b.output.summary } : {}),
          },
          annotations: [...annotations],
        };
        checkRuns.push(run);
        return send(res, 201, {
          ...run,
          html_url: `https://github.com/${checks[1]}/${checks[2]}/runs/${run.id}`,
        });
      }
      const run = checkRuns.find((c) => c.id === Number(checks[3]));
      if (method === 'PATCH' && run) {
        run.annotations.push(...annotations);
        if (b.conclusion) run.conclusion = b.conclusion;
        return send(res, 200, run);
      }
    }
    const pull = PULL.exec(url.pathname);
    if (pull && method === 'GET') {
      const head = pulls.get(`${pull[1]}/${pull[2]}#${pull[3]}`);
      if (!head) return send(res, 404, { message: 'Not Found' });
      return send(res, 200, { number: Number(pull[3]), head: { sha: head } });
    }
    const one = ONE.exec(url.pathname);
    if (one && method === 'PATCH') {
      const issuePrefix = `${one[1]}/${one[2]}#`;
      const id = Number(one[3]);
      for (const [issue, list2] of comments) {
        if (!issue.startsWith(issuePrefix)) continue;
        const c = list2.find((x) => x.id === id);
        if (!c) continue;
        const b = (body as { body?: unknown } | undefined)?.body;
        if (typeof b !== 'string') return send(res, 422, { message: 'body is missing' });
        if (b.length > 65536)
          return send(res, 422, { message: 'Body is too long (maximum is 65536 characters)' });
        c.body = b;
        send(res, 200, c);
        return;
      }
      send(res, 404, { message: 'Not Found' });
      return;
    }
    send(res, 404, { message: 'Not Found' });
  };

  const server: Server = createServer((req, res) => {
    let text = '';
    req.setEncoding('utf8');
    req.on('data', (d: string) => {
      text += d;
    });
    req.on('end', () => handle(req, res, text));
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  Object.assign(fake, {
    url: base,
    checkRuns,
    pulls,
    requests,
    comments,
    failures,
    seed(issue, bodies, user) {
      for (const b of bodies) add(issue, b, user);
    },
    commentsOf: (issue) => comments.get(issue) ?? [],
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  } satisfies Omit<FakeGitHub, 'hang' | 'endless' | 'nextOrigin'>);
  return fake;
}
