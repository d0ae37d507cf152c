import { createTestHierarchy, issueTestCertificate } from '@certlab/pki-core/testing';
import { AppError } from '@certlab/service-kit';
import { describe, expect, it } from 'vitest';
import { readCaCertificate, summarize } from './ca-certificate';

const ec = { kind: 'ec', curve: 'P-256' } as const;
const hierarchy = createTestHierarchy({ keySpec: ec, rootName: 'CN=Contoso Root CA, O=Contoso', issuingName: 'CN=Contoso Issuing CA, O=Contoso' });

function refusal(fn: () => unknown): AppError {
  try {
    fn();
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
  throw new Error('expected a refusal');
}

describe('readCaCertificate', () => {
  it('ok/a root as PEM text', async () => {
    const { root } = await hierarchy;
    const sut = readCaCertificate(root.certificate.pem);
    expect(sut.thumbprintSha256).toBe(root.certificate.thumbprintSha256);
    expect(summarize(sut)).toMatchObject({ subject: 'CN=Contoso Root CA, O=Contoso', selfSigned: true, keyAlgorithm: 'ECDSA P-256' });
  });

  it('ok/an intermediate as base64 of a DER file', async () => {
    const { issuing } = await hierarchy;
    const sut = readCaCertificate(Buffer.from(issuing.certificate.der).toString('base64'));
    expect(summarize(sut)).toMatchObject({ subject: 'CN=Contoso Issuing CA, O=Contoso', issuer: 'CN=Contoso Root CA, O=Contoso', selfSigned: false, pathLength: 0 });
  });

  it('ok/base64 of a PEM file and raw DER bytes', async () => {
    const { root } = await hierarchy;
    expect(readCaCertificate(Buffer.from(root.certificate.pem).toString('base64')).thumbprintSha256).toBe(root.certificate.thumbprintSha256);
    expect(readCaCertificate(root.certificate.der).thumbprintSha256).toBe(root.certificate.thumbprintSha256);
  });

  it('fail/a leaf certificate is refused and named', async () => {
    const { issuing } = await hierarchy;
    const { certificate } = await issueTestCertificate(issuing, { subject: 'CN=laptop-42', keySpec: ec });
    const err = refusal(() => readCaCertificate(certificate.pem));
    expect(err.code).toBe('notACaCertificate');
    expect(err.status).toBe(400);
    expect(err.detail).toContain('"CN=laptop-42" is an end-entity certificate');
  });

  it('fail/a leaf with basicConstraints cA=FALSE says so', async () => {
    const { issuing } = await hierarchy;
    const { certificate } = await issueTestCertificate(issuing, { subject: 'CN=server', keySpec: ec, basicConstraints: { ca: false } });
    expect(refusal(() => readCaCertificate(certificate.pem)).detail).toContain('cA=FALSE');
  });

  it.each([
    ['fail/garbage text', 'hello, this is not a certificate!'],
    ['fail/base64 of random bytes', Buffer.from('not DER at all').toString('base64')],
    ['fail/a PEM with a broken body', '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n'],
  ])('%s', (_name, input) => {
    expect(refusal(() => readCaCertificate(input)).code).toBe('certificateUnreadable');
  });
});
