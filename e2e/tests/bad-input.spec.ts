import { PROBLEM_CONTENT_TYPE, problemSchema } from '@certlab/contracts';
import { expect, test } from '@playwright/test';
import { E2E } from '../support/platform-under-test';

const services = [
  { name: 'mdm-cloud', url: `http://127.0.0.1:${E2E.cloudPort}` },
  { name: 'connector', url: `http://127.0.0.1:${E2E.connectorPort}` },
  { name: 'ca', url: `http://127.0.0.1:${E2E.caPort}` },
];

for (const service of services) {
  test.describe(`${service.name} refuses bad input with a clear problem and keeps running`, () => {
    test('an unknown route is a 404 problem', async ({ request }) => {
      const res = await request.get(`${service.url}/api/no-such-route`);
      expect(res.status()).toBe(404);
      expect(res.headers()['content-type']).toContain(PROBLEM_CONTENT_TYPE);
      expect(problemSchema.parse(await res.json())).toMatchObject({ status: 404, code: 'notFound' });
    });

    test('a malformed JSON body is a 400 problem', async ({ request }) => {
      const res = await request.post(`${service.url}/api/no-such-route`, { headers: { 'content-type': 'application/json' }, data: '{"unterminated": ' });
      expect(res.status()).toBe(400);
      expect(problemSchema.parse(await res.json())).toMatchObject({ status: 400, code: 'malformedJson', title: 'The request body is not valid JSON' });
    });

    test('an oversized body is a 413 problem', async ({ request }) => {
      const res = await request.post(`${service.url}/api/no-such-route`, {
        headers: { 'content-type': 'application/json' },
        data: JSON.stringify({ blob: 'x'.repeat(2 * 1024 * 1024) }),
      });
      expect(res.status()).toBe(413);
      expect(problemSchema.parse(await res.json())).toMatchObject({ status: 413, code: 'bodyTooLarge' });
    });

    test('is still healthy afterwards', async ({ request }) => {
      const res = await request.get(`${service.url}/api/health`);
      expect(res.status()).toBe(200);
      expect(await res.json()).toMatchObject({ service: service.name, status: 'ok', database: { status: 'up', driver: 'pglite' } });
    });
  });
}

test('a sign-in with a malformed body is refused with a reason per field', async ({ request }) => {
  const res = await request.post(`http://127.0.0.1:${E2E.cloudPort}/api/auth/login`, { data: { username: '' } });
  expect(res.status()).toBe(400);
  const problem = problemSchema.parse(await res.json());
  expect(problem.code).toBe('invalidRequest');
  expect(problem.errors?.map((e) => e.path).sort()).toEqual(['password', 'username']);
});
