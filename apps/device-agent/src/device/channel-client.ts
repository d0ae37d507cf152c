import type { Problem } from '@certlab/contracts';
import { request as httpsRequest, type RequestOptions } from 'node:https';
import type { IncomingMessage } from 'node:http';
import type { TLSSocket } from 'node:tls';
import type { z } from 'zod';

/** The client side of the device port: TLS pinned to one anchor, optionally with a client certificate. */
export interface ChannelCredentials {
  /** PEM of the only root the server certificate may chain to. */
  trustAnchor?: string;
  /** PEM private key and certificate for mTLS. */
  key?: string;
  cert?: string;
}

/** A refusal from the cloud, carrying its problem+json. */
export class ChannelError extends Error {
  override readonly name = 'ChannelError';
  constructor(
    readonly status: number,
    readonly problem: Partial<Problem>,
  ) {
    super(`${status} ${problem.title ?? 'request failed'}${problem.detail ? `: ${problem.detail}` : ''}`);
  }
}

export class ChannelClient {
  constructor(
    readonly baseUrl: string,
    private readonly credentials: ChannelCredentials,
  ) {}

  /** POSTs JSON and validates the answer against the contract schema. */
  async post<S extends z.ZodType>(path: string, body: unknown, schema: S): Promise<z.infer<S>> {
    const { res, text } = await this.send('POST', path, JSON.stringify(body ?? {}));
    return parseAnswer(res, text, schema);
  }

  /** For enrollment without a known anchor: the server's certificate, to check once the anchor arrives. */
  async postCapturingServerCertificate<S extends z.ZodType>(path: string, body: unknown, schema: S): Promise<{ answer: z.infer<S>; serverCertificate: Buffer | undefined }> {
    const { res, text, serverCertificate } = await this.send('POST', path, JSON.stringify(body ?? {}));
    return { answer: parseAnswer(res, text, schema), serverCertificate };
  }

  /** Opens a streaming GET (server-sent events); resolves once the response headers arrive. */
  stream(path: string, signal?: AbortSignal): Promise<IncomingMessage> {
    return new Promise((resolve, reject) => {
      const req = httpsRequest(this.options('GET', path, { accept: 'text/event-stream' }, signal), (res) => {
        if (res.statusCode === 200) return resolve(res);
        readAll(res)
          .then((text) => reject(new ChannelError(res.statusCode ?? 0, safeJson(text))))
          .catch(reject);
      });
      req.on('error', reject);
      req.end();
    });
  }

  private send(method: string, path: string, body?: string): Promise<{ res: IncomingMessage; text: string; serverCertificate?: Buffer }> {
    return new Promise((resolve, reject) => {
      const headers: Record<string, string> = { accept: 'application/json' };
      if (body !== undefined) headers['content-type'] = 'application/json';
      let serverCertificate: Buffer | undefined;
      const req = httpsRequest(this.options(method, path, headers), (res) => {
        readAll(res)
          .then((text) => resolve({ res, text, serverCertificate }))
          .catch(reject);
      });
      req.on('socket', (socket) => socket.once('secureConnect', () => (serverCertificate = (socket as TLSSocket).getPeerCertificate().raw)));
      req.on('error', reject);
      req.end(body);
    });
  }

  private options(method: string, path: string, headers: Record<string, string>, signal?: AbortSignal): RequestOptions {
    const url = new URL(path, this.baseUrl);
    if (url.protocol !== 'https:') throw new Error(`the device channel is HTTPS only; got ${this.baseUrl}`);
    const { trustAnchor, key, cert } = this.credentials;
    return {
      method,
      hostname: url.hostname,
      port: url.port || 443,
      path: `${url.pathname}${url.search}`,
      headers,
      signal,
      agent: false,
      // Pinned: only the anchor received at enrollment (or given with --ca-file) is trusted, never
      // the system roots. Without one (first contact), the caller checks the server afterwards.
      ...(trustAnchor ? { ca: trustAnchor, rejectUnauthorized: true } : { rejectUnauthorized: false }),
      ...(key && cert ? { key, cert } : {}),
    };
  }
}

function parseAnswer<S extends z.ZodType>(res: IncomingMessage, text: string, schema: S): z.infer<S> {
  const status = res.statusCode ?? 0;
  if (status < 200 || status >= 300) throw new ChannelError(status, safeJson(text));
  const parsed = schema.safeParse(safeJson(text));
  if (!parsed.success) throw new Error(`the cloud answered with an unexpected body: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return parsed.data;
}

function safeJson(text: string): Partial<Problem> & Record<string, unknown> {
  try {
    return JSON.parse(text) as Partial<Problem> & Record<string, unknown>;
  } catch {
    return { title: text.slice(0, 200) };
  }
}

function readAll(res: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    res.setEncoding('utf8');
    res.on('data', (chunk: string) => (text += chunk));
    res.on('end', () => resolve(text));
    res.on('error', reject);
  });
}
