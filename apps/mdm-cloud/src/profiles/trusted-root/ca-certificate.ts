import type { CertificateSummary } from '@certlab/contracts';
import { Certificate, describeKey } from '@certlab/pki-core';
import { CloudErrors } from '../../errors';

const PEM_MARK = '-----BEGIN';

/**
 * Reads what an admin uploads as a trusted root: PEM text, base64 of a DER file, or base64 of a
 * PEM file (the console base64s every file so binary DER survives JSON). Only a CA certificate
 * (basicConstraints cA=TRUE) is accepted: a device trust store is for issuers, and a leaf
 * installed there would silently trust nothing.
 */
export function readCaCertificate(input: string | Uint8Array): Certificate {
  const bytes = typeof input === 'string' ? decodeUpload(input) : input;
  let cert: Certificate;
  try {
    cert = Certificate.parse(looksLikePem(bytes) ? Buffer.from(bytes).toString('latin1') : bytes);
  } catch (err) {
    throw CloudErrors.certificateUnreadable(
      'Upload an X.509 certificate as PEM (-----BEGIN CERTIFICATE-----) or DER (.cer/.crt); this file could not be parsed.',
      { cause: err },
    );
  }
  if (!cert.isCa) {
    const why = cert.basicConstraints ? 'its basicConstraints say cA=FALSE' : 'it has no basicConstraints extension';
    throw CloudErrors.notACaCertificate(
      `"${cert.subject}" is an end-entity certificate (${why}). Upload the root or intermediate CA certificate that issued it instead.`,
    );
  }
  return cert;
}

export function summarize(cert: Certificate): CertificateSummary {
  return {
    subject: cert.subject,
    issuer: cert.issuer,
    serialNumber: cert.serialNumber,
    notBefore: cert.notBefore.toISOString(),
    notAfter: cert.notAfter.toISOString(),
    thumbprintSha1: cert.thumbprintSha1,
    thumbprintSha256: cert.thumbprintSha256,
    selfSigned: cert.isSelfIssued,
    pathLength: cert.basicConstraints?.pathLength ?? null,
    keyAlgorithm: describeKey(cert.publicKey),
  };
}

function decodeUpload(text: string): Uint8Array {
  const trimmed = text.trim();
  if (trimmed.includes(PEM_MARK)) return Buffer.from(trimmed, 'latin1');
  if (!/^[A-Za-z0-9+/=\s_-]+$/.test(trimmed)) {
    throw CloudErrors.certificateUnreadable('The upload is neither PEM text nor base64 of a certificate file.');
  }
  return Buffer.from(trimmed, 'base64');
}

function looksLikePem(bytes: Uint8Array): boolean {
  return Buffer.from(bytes.subarray(0, 2048)).toString('latin1').includes(PEM_MARK);
}
