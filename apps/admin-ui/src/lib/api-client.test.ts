import { sessionResponseSchema } from '@certlab/contracts';
import { describe, expect, it, vi } from 'vitest';
import { json, mockApi, noContent, problem } from '../testing/api-mock';
import { aUser } from '../testing/data';
import { ApiError, apiClient, apiRequest } from './api-client';

async function caught(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ApiError);
  return error as ApiError;
}

describe('apiRequest', () => {
  it('turns a problem+json body into an ApiError with its status, title and detail', async () => {
    mockApi({ 'POST /api/auth/login': () => problem(401, 'Invalid username or password', 'Check both and try again.') });

    const error = await caught(apiClient.post('/api/auth/login', { username: 'a', password: 'b' }));

    expect(error.kind).toBe('problem');
    expect(error.status).toBe(401);
    expect(error.title).toBe('Invalid username or password');
    expect(error.detail).toBe('Check both and try again.');
    expect(error.problem?.type).toBe('about:blank');
    expect(error.isUnauthorized).toBe(true);
  });

  it('reports an error status without a problem body as an http error', async () => {
    mockApi({ 'GET /api/x': () => new Response('<html>Bad gateway</html>', { status: 502, statusText: 'Bad Gateway' }) });

    const error = await caught(apiRequest('/api/x'));

    expect(error.kind).toBe('http');
    expect(error.status).toBe(502);
    expect(error.title).toBe('Bad Gateway');
  });

  it('reports a failed connection as a network error with status 0', async () => {
    vi.stubGlobal('fetch', vi.fn().mockRejectedValue(new TypeError('Failed to fetch')));

    const error = await caught(apiRequest('/api/x'));

    expect(error.kind).toBe('network');
    expect(error.status).toBe(0);
  });

  it('rejects a 2xx body that does not match the contract', async () => {
    mockApi({ 'GET /api/auth/me': () => json(200, { user: { username: 'adele' } }) });

    const error = await caught(apiClient.get('/api/auth/me', sessionResponseSchema));

    expect(error.kind).toBe('invalid-response');
    expect(error.detail).toContain('user.displayName');
  });

  it('returns the validated body and sends JSON with the same-origin cookie', async () => {
    const fetchMock = mockApi({ 'POST /api/auth/login': () => json(200, { user: aUser() }) });

    const session = await apiClient.post('/api/auth/login', { username: 'adele', password: 'pw' }, sessionResponseSchema);

    expect(session.user.displayName).toBe('Adele Vance');
    const init = fetchMock.mock.calls[0][1]!;
    expect(init.credentials).toBe('same-origin');
    expect(init.method).toBe('POST');
    expect((init.headers as Record<string, string>)['Content-Type']).toBe('application/json');
    expect(init.body).toBe(JSON.stringify({ username: 'adele', password: 'pw' }));
  });

  it('resolves a 204 to undefined', async () => {
    mockApi({ 'POST /api/auth/logout': () => noContent() });

    await expect(apiClient.post('/api/auth/logout')).resolves.toBeUndefined();
  });

  it('rethrows an abort untouched so callers can ignore it', async () => {
    const abort = new DOMException('The operation was aborted.', 'AbortError');
    vi.stubGlobal('fetch', vi.fn().mockRejectedValue(abort));

    await expect(apiRequest('/api/x')).rejects.toBe(abort);
  });
});
