import { Certificate, createCertificateRequest, verifyChain } from '@certlab/pki-core';
import { testKeyPair } from '@certlab/pki-core/testing';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadCloudConfig } from '../config';
import { MdmCaService } from './mdm-ca.service';

describe('MdmCaService', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'certlab-mdm-ca-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
  const open = async () => {
    const sut = new MdmCaService(loadCloudConfig({ CERTLAB_DATA_DIR: dataDir }));
    await sut.onModuleInit();
    return sut;
  };

  it('ok/creates the CA on first start and finds the same CA and TLS certificate on the next', async () => {
    const first = await open();
    const passphraseFile = join(dataDir, 'mdm-cloud', 'keys', 'master.passphrase');
    expect(statSync(passphraseFile).mode & 0o777).toBe(0o600);
    expect(first.rootCertificate.isCa).toBe(true);
    const second = await open();
    expect(second.rootCertificate.thumbprintSha256).toBe(first.rootCertificate.thumbprintSha256);
    expect(second.tlsServerCredentials().cert).toBe(first.tlsServerCredentials().cert);
    // The CA key is in the simulated HSM: its store holds no plaintext key.
    expect(readFileSync(join(dataDir, 'mdm-cloud', 'keys', 'hsm', 'mdm-device-ca.key.json'), 'utf8')).not.toContain('PRIVATE KEY');
  });

  it('ok/issues a client-auth certificate named by the cloud for the CSR key, chaining to the root', async () => {
    const sut = await open();
    const keys = await testKeyPair({ kind: 'ec', curve: 'P-256' }, 'device');
    const csr = await createCertificateRequest({ subject: 'CN=whatever the device says', keys });
    const cert = await sut.issue('device', csr.pem, 'f3b0c7e4-0000-4000-8000-000000000001');
    expect(cert.subject).toBe('CN=f3b0c7e4-0000-4000-8000-000000000001');
    expect(cert.extendedKeyUsage).toEqual(['1.3.6.1.5.5.7.3.2']);
    expect(cert.basicConstraints?.ca).toBe(false);
    const chain = await verifyChain({ leaf: cert, intermediates: [], trustedRoots: [sut.rootCertificate] });
    expect(chain.ok).toBe(true);
    const tls = Certificate.parse(sut.tlsServerCredentials().cert);
    expect(tls.subjectAltNames).toContainEqual({ type: 'ip', value: '127.0.0.1' });
  });

  it('fail/refuses bytes that are no CSR with a clear 400 problem', async () => {
    const sut = await open();
    await expect(sut.issue('device', 'not a csr', 'x')).rejects.toMatchObject({ code: 'badCsr', status: 400 });
  });
});
