import { vi } from 'vitest';

export interface MockRequest {
  method: string;
  path: string;
  body: unknown;
  init: RequestInit | undefined;
}

export type MockHandler = (request: MockRequest) => Response | Promise<Response>;

/**
 * Replaces `fetch` with a table of `"METHOD /path"` handlers: the console is tested against the
 * HTTP boundary, not against its own modules. A call nobody expected fails the test loudly.
 */
export function mockApi(routes: Record<string, MockHandler>) {
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const method = (init?.method ?? 'GET').toUpperCase();
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const path = new URL(url, 'http://console.test').pathname;
    const handler = routes[`${method} ${path}`];
    if (!handler) throw new Error(`unexpected request in test: ${method} ${path}`);
    const body = typeof init?.body === 'string' ? (JSON.parse(init.body) as unknown) : undefined;
    return handler({ method, path, body, init });
  });
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

/** Calls made to one endpoint, e.g. `callsTo(fetchMock, 'POST /api/auth/login')`. */
export function callsTo(fetchMock: ReturnType<typeof mockApi>, route: string) {
  const [method, path] = route.split(' ');
  return fetchMock.mock.calls.filter(([input, init]) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    return (init?.method ?? 'GET') === method && new URL(url, 'http://console.test').pathname === path;
  });
}

export function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

export function problem(status: number, title: string, detail?: string): Response {
  return new Response(JSON.stringify({ type: 'about:blank', title, status, ...(detail ? { detail } : {}) }), {
    status,
    headers: { 'Content-Type': 'application/problem+json' },
  });
}

export function noContent(): Response {
  return new Response(null, { status: 204 });
}

/** A promise the test settles when it wants, to look at the screen while a request is in flight. */
export function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}
