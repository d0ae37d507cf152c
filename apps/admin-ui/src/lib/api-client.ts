import { PROBLEM_CONTENT_TYPE, problemSchema, type Problem } from '@certlab/contracts';
import type { z } from 'zod';

/**
 * Why a call to the cloud failed, in a shape the screens can show:
 * - `problem`: the cloud answered with an RFC 9457 problem+json body (title, detail, code);
 * - `http`: an error status without a readable problem body (a proxy's 502, say);
 * - `network`: no answer at all (the cloud is down or unreachable from the browser);
 * - `invalid-response`: a 2xx whose body does not match the contract;
 * - `unexpected`: a bug on this side (a throw that is not about the HTTP call).
 */
export type ApiErrorKind = 'problem' | 'http' | 'network' | 'invalid-response' | 'unexpected';

export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly kind: ApiErrorKind;
  /** HTTP status; 0 when no answer arrived. */
  readonly status: number;
  readonly title: string;
  readonly detail: string | undefined;
  /** The problem body as the cloud sent it, when there was one. */
  readonly problem: Problem | undefined;

  constructor(init: {
    kind: ApiErrorKind;
    status: number;
    title: string;
    detail?: string;
    problem?: Problem;
    cause?: unknown;
  }) {
    super(init.detail ? `${init.title}: ${init.detail}` : init.title, { cause: init.cause });
    this.kind = init.kind;
    this.status = init.status;
    this.title = init.title;
    this.detail = init.detail;
    this.problem = init.problem;
  }

  /** The cloud says there is no valid session. */
  get isUnauthorized(): boolean {
    return this.status === 401;
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

/** Anything a fetcher threw, as an {@link ApiError} the screens know how to show. */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  return new ApiError({
    kind: 'unexpected',
    status: 0,
    title: 'Something went wrong in the console',
    detail: error instanceof Error ? error.message : String(error),
    cause: error,
  });
}

export interface RequestOptions<T> {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Sent as JSON. */
  body?: unknown;
  /** Validates the 2xx body; omit for answers without one (204). */
  schema?: z.ZodType<T>;
  signal?: AbortSignal;
}

/**
 * One call to the cloud's API: JSON in and out, the session cookie of this origin, and every
 * failure turned into an {@link ApiError}. Aborts are rethrown untouched so callers can ignore them.
 */
export async function apiRequest<T = void>(path: string, options: RequestOptions<T> = {}): Promise<T> {
  const { method = 'GET', body, schema, signal } = options;
  const headers: Record<string, string> = { Accept: `application/json, ${PROBLEM_CONTENT_TYPE}` };
  if (body !== undefined) headers['Content-Type'] = 'application/json';

  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
      signal,
    });
  } catch (cause) {
    if (isAbort(cause)) throw cause;
    throw new ApiError({
      kind: 'network',
      status: 0,
      title: 'Cannot reach the certlab cloud',
      detail: 'Check that the cloud is running and try again.',
      cause,
    });
  }

  if (!response.ok) throw await errorFromResponse(response);

  if (response.status === 204 || !schema) return undefined as T;

  const payload = await readJson(response).catch(() => undefined);
  const parsed = schema.safeParse(payload);
  if (!parsed.success) {
    throw new ApiError({
      kind: 'invalid-response',
      status: response.status,
      title: 'Unexpected answer from the cloud',
      detail: `${method} ${path} returned a body that does not match the contract: ${summarise(parsed.error)}`,
      cause: parsed.error,
    });
  }
  return parsed.data;
}

export const apiClient = {
  get: <T>(path: string, schema: z.ZodType<T>, signal?: AbortSignal) =>
    apiRequest<T>(path, { method: 'GET', schema, signal }),
  post: <T = void>(path: string, body?: unknown, schema?: z.ZodType<T>, signal?: AbortSignal) =>
    apiRequest<T>(path, { method: 'POST', body, schema, signal }),
};

async function errorFromResponse(response: Response): Promise<ApiError> {
  const payload = isJson(response) ? await readJson(response).catch(() => undefined) : undefined;
  const problem = problemSchema.safeParse(payload);
  if (problem.success) {
    return new ApiError({
      kind: 'problem',
      status: response.status,
      title: problem.data.title,
      detail: problem.data.detail,
      problem: problem.data,
    });
  }
  return new ApiError({
    kind: 'http',
    status: response.status,
    title: response.statusText || `HTTP ${response.status}`,
    detail: `The cloud answered ${response.status} without a problem description.`,
  });
}

function isJson(response: Response): boolean {
  const type = response.headers.get('content-type') ?? '';
  return type.includes('json');
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  return text === '' ? undefined : (JSON.parse(text) as unknown);
}

export function isAbort(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { name?: unknown }).name === 'AbortError';
}

function summarise(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.join('.') || '(body)'}: ${issue.message}`)
    .join('; ');
}
