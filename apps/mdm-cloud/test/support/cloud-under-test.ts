import type { INestApplication } from '@nestjs/common';
import type { AddressInfo } from 'node:net';
import { loadCloudConfig } from '../../src/config';
import { createCloudApp } from '../../src/create-app';

export interface CloudUnderTest {
  app: INestApplication;
  url: string;
  close(): Promise<void>;
}

/** The cloud's admin API in this process on a free port, with the given environment. */
export async function startCloud(env: Record<string, string>): Promise<CloudUnderTest> {
  const config = loadCloudConfig({ LOG_LEVEL: 'warn', CONSOLE_DIR: '/nonexistent', ...env });
  const app = await createCloudApp(config);
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as AddressInfo;
  return { app, url: `http://127.0.0.1:${port}`, close: () => app.close() };
}

/** A cookie-keeping client, as a browser would be for the admin API. */
export class Browser {
  private cookie: string | undefined;

  constructor(private readonly base: string) {}

  async request(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Response> {
    const res = await fetch(`${this.base}${path}`, {
      method,
      headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...(this.cookie ? { cookie: this.cookie } : {}), ...headers },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const set = res.headers.get('set-cookie');
    if (set) this.cookie = set.split(';')[0];
    return res;
  }

  signIn(username: string, password: string): Promise<Response> {
    return this.request('POST', '/api/auth/login', { username, password });
  }
}
