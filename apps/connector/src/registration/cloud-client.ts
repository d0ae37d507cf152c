import type { Problem } from '@certlab/contracts';
import type { IncomingMessage } from 'node:http';
import { request } from 'node:https';
import type { TLSSocket } from 'node:tls';
import type { z } from 'zod';

/** A refusal from the cloud with its problem+json. */
export class CloudRefusal extends Error {
  override readonly name = 'CloudRefusal';
  constructor(
    readonly status: number,
    readonly problem: Partial<Problem>,
  ) {
    super(`${status} ${problem.title ?? 'refused'}${problem.detail ? `: ${problem.detail}` : ''}`);
  }
}

export interface CloudCredentials {
  /** The only root the cloud's device-port certificate may chain to; absent only at first registration. */
  trustAnchor?: string;
  key?: string;
  cert?: string;
}

/**
 * Outbound HTTPS to the cloud's device port, the only direction the connector ever talks to the
 * cloud (the real connector sits behind a firewall that admits no inbound connection).
 */
export class CloudClient {
  constructor(
    readonly baseUrl: string,
    private readonly credentials: CloudCredentials,
  ) {}

  async post<S extends z.ZodType>(path: string, body: unknown, schema: S): Promise<{ answer: z.infer<S>; serverCertificate?: Buffer }> {
    const url = new URL(path, this.baseUrl);
    if (url.protocol !== 'https:') throw new Error(`the cloud channel is HTTPS only; got ${this.baseUrl}`);
    const { trustAnchor, key, cert } = this.credentials;
    const payload = JSON.stringify(body);
    const { res, text, serverCertificate } = await new Promise<{ res: IncomingMessage; text: string; serverCertificate?: Buffer }>((resolve, reject) => {
      let serverCertificate: Buffer | undefined;
      const req = request(
        {
          method: 'POST',
          hostname: url.hostname,
          port: url.port || 443,
          path: url.pathname,
          headers: { 'content-type': 'application/json', accept: 'application/json' },
          agent: false,
          timeout: 30_000,
          ...(trustAnchor ? { ca: trustAnchor, rejectUnauthorized: true } : { rejectUnauthorized: false }),
          ...(key && cert ? { key, cert } : {}),
        },
        (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (c: string) => (text += c));
          res.on('end', () => resolve({ res, text, serverCertificate }));
          res.on('error', reject);
        },
      );
      req.on('socket', (s) => s.once('secureConnect', () => (serverCertificate = (s as TLSSocket).getPeerCertificate().raw)));
      req.on('timeout', () => req.destroy(new Error('the cloud did not answer within 30 s')));
      req.on('error', reject);
      req.end(payload);
    });
    const json = parseJson(text);
    const status = res.statusCode ?? 0;
    if (status < 200 || status >= 300) throw new CloudRefusal(status, json as Partial<Problem>);
    const parsed = schema.safeParse(json);
    if (!parsed.success) throw new Error(`unexpected answer from the cloud at ${path}: ${parsed.error.message}`);
    return { answer: parsed.data, serverCertificate };
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return { title: text.slice(0, 200) };
  }
}
