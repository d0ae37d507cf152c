import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { request as httpsRequest } from 'node:https';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { type CaIdentityEnrollResponse, caIdentityEnrollResponseSchema } from '@certlab/contracts';
import { createCertificateRequest, exportPkcs8, pkcs8ToPem } from '@certlab/pki-core';
import { loadCaConfig } from '../src/config';
import { type RunningCa, startCa } from '../src/start';

/** The CA in this process on free ports (both listeners), over a data dir and an optional PostgreSQL URL. */
export function startTestCa(dataDir: string, databaseUrl: string | undefined, extra: Record<string, string> = {}): Promise<RunningCa> {
  const config = loadCaConfig({
    CERTLAB_DATA_DIR: dataDir,
    DATABASE_URL: databaseUrl ?? '',
    PORT: '0',
    TLS_PORT: '0',
    LOG_LEVEL: 'silent',
    CA_KEYSTORE_PASSPHRASE: 'integration-test-operator-card',
    ...extra,
  });
  return startCa(config, '0.0.0-test');
}

export function readToken(dataDir: string, identity: string): string {
  return readFileSync(join(dataDir, 'ca', 'enrollment-tokens', `${identity}.token`), 'utf8').trim();
}

export interface ClientIdentity {
  name: string;
  keyPem: string;
  certPem: string;
  chain: string[];
  keys: CryptoKeyPair;
  enrolled: CaIdentityEnrollResponse;
}

/** Enrolls a built-in identity with its token file over the plain port, as the on-prem server will. */
export async function enrollIdentity(ca: RunningCa, dataDir: string, name: string, keys: CryptoKeyPair, token = readToken(dataDir, name)): Promise<ClientIdentity> {
  const csr = await createCertificateRequest({ subject: '', keys });
  const res = await fetch(`${ca.httpUrl}/api/identities/enroll`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token, csr: Buffer.from(csr.der).toString('base64') }),
  });
  if (res.status !== 201) throw new Error(`enroll ${name}: ${res.status} ${await res.text()}`);
  const enrolled = caIdentityEnrollResponseSchema.parse(await res.json());
  return { name, keyPem: pkcs8ToPem(await exportPkcs8(keys.privateKey)), certPem: enrolled.certificate, chain: enrolled.chain, keys, enrolled };
}

export interface Reply {
  status: number;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

/** One call on the mTLS port, optionally with a client certificate; trusts only the CA's root. */
export function mtls(ca: RunningCa, rootPem: string, who: ClientIdentity | undefined, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Reply> {
  const url = new URL(path, ca.tlsUrl);
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = httpsRequest(
      url,
      {
        method,
        ca: rootPem,
        ...(who ? { key: who.keyPem, cert: who.certPem } : {}),
        headers: { ...(payload ? { 'content-type': 'application/json' } : {}), ...headers },
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({ status: res.statusCode ?? 0, body: text ? JSON.parse(text) : undefined });
        });
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

const execFileAsync = promisify(execFile);

/** openssl without blocking the event loop: the CA under test answers in this same process. */
export async function openssl(cwd: string, args: string[]): Promise<{ status: number; out: string }> {
  try {
    const { stdout, stderr } = await execFileAsync('openssl', args, { cwd });
    return { status: 0, out: stdout + stderr };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    return { status: typeof e.code === 'number' ? e.code : 1, out: (e.stdout ?? '') + (e.stderr ?? '') };
  }
}
