import { createTestHierarchy, issueTestCertificate } from '@certlab/pki-core/testing';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CloudConfig } from '../../config';
import { CaPublication } from './ca-publication';

const ec = { kind: 'ec', curve: 'P-256' } as const;

/** Against a real HTTP server standing in for the CA's AIA publication. */
describe('CaPublication', () => {
  let server: Server;
  let base = '';
  let rootThumbprint = '';

  beforeAll(async () => {
    const { root, issuing } = await createTestHierarchy({ keySpec: ec });
    rootThumbprint = root.certificate.thumbprintSha256;
    const leaf = (await issueTestCertificate(issuing, { keySpec: ec })).certificate;
    const files: Record<string, Uint8Array> = { '/aia/root.crt': root.certificate.der, '/aia/leaf.crt': leaf.der };
    server = createServer((req, res) => {
      const body = files[req.url ?? ''];
      res.writeHead(body ? 200 : 404).end(body ? Buffer.from(body) : undefined);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  const sut = () => new CaPublication({ CA_URL: base, CA_CERTIFICATE_NAMES: ['root', 'leaf', 'missing'] } as CloudConfig);

  it('ok/fetches a CA certificate the CA publishes', async () => {
    expect((await sut().fetch(`${base}/aia/root.crt`)).thumbprintSha256).toBe(rootThumbprint);
  });

  it('ok/lists the configured names, each with its certificate or why not', async () => {
    const items = await sut().list();
    expect(items.map((i) => [i.name, i.certificate?.thumbprintSha256 ?? null, i.error])).toEqual([
      ['root', rootThumbprint, null],
      ['leaf', null, expect.stringContaining('end-entity certificate')],
      ['missing', null, expect.stringContaining('HTTP 404')],
    ]);
  });

  it.each([
    ['fail/another host', 'http://example.test/aia/root.crt'],
    ['fail/the CA but outside /aia/', '/crl/root.crl'],
  ])('%s is refused before any request', async (_n, url) => {
    await expect(sut().fetch(url.startsWith('/') ? `${base}${url}` : url)).rejects.toMatchObject({ code: 'caCertificateUrlRefused' });
  });
});
