import { request } from 'node:https';

export interface TlsIdentity {
  key?: string;
  cert?: string;
}

/** A bare HTTPS client for the device port, to send what a real device would not (no or foreign certificates). */
export function devicePortRequest(
  baseUrl: string,
  anchor: string,
  method: string,
  path: string,
  body?: unknown,
  identity: TlsIdentity = {},
): Promise<{ status: number; json: Record<string, unknown> }> {
  const url = new URL(path, baseUrl);
  return new Promise((resolve, reject) => {
    const req = request(
      { method, hostname: url.hostname, port: url.port, path: url.pathname, ca: anchor, agent: false, headers: { 'content-type': 'application/json' }, ...identity },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, json: text ? (JSON.parse(text) as Record<string, unknown>) : {} }));
      },
    );
    req.on('error', reject);
    req.end(body === undefined ? undefined : JSON.stringify(body));
  });
}
