import { defaultCrypto } from '../crypto-provider';
import { bytesEqual } from '../encoding/bytes';
import type { Crl } from '../crl/crl';
import type { RevocationReason } from '../crl/reasons';
import type { Certificate } from './certificate';

export interface ChainInput {
  readonly leaf: Certificate;
  readonly intermediates?: readonly Certificate[];
  readonly trustedRoots: readonly Certificate[];
  /** Validation time; now by default. */
  readonly at?: Date;
  /** CRLs to check revocation against; a certificate is checked only when a CRL from its issuer verifies. */
  readonly crls?: readonly Crl[];
  readonly maxDepth?: number;
}

/** Why a chain does not validate; `certificate` is the one at fault. */
export type ChainFailure =
  | { readonly code: 'expired'; readonly certificate: Certificate; readonly notAfter: Date }
  | { readonly code: 'not-yet-valid'; readonly certificate: Certificate; readonly notBefore: Date }
  | { readonly code: 'bad-signature'; readonly certificate: Certificate }
  | { readonly code: 'issuer-not-found'; readonly certificate: Certificate }
  | { readonly code: 'not-a-ca'; readonly certificate: Certificate }
  | { readonly code: 'path-length-exceeded'; readonly certificate: Certificate; readonly pathLength: number }
  | { readonly code: 'key-usage-lacks-keyCertSign'; readonly certificate: Certificate }
  | { readonly code: 'revoked'; readonly certificate: Certificate; readonly reason?: RevocationReason; readonly revocationDate: Date };

export type ChainResult =
  | { readonly ok: true; /** Leaf first, trusted root last. */ readonly chain: readonly Certificate[] }
  | { readonly ok: false; readonly failure: ChainFailure; readonly message: string };

function describeFailure(f: ChainFailure): string {
  const who = `"${f.certificate.subject}" (serial ${f.certificate.serialNumber})`;
  switch (f.code) {
    case 'expired':
      return `${who} expired at ${f.notAfter.toISOString()}`;
    case 'not-yet-valid':
      return `${who} is not valid before ${f.notBefore.toISOString()}`;
    case 'bad-signature':
      return `the signature on ${who} does not verify with its issuer's key`;
    case 'issuer-not-found':
      return `no issuer "${f.certificate.issuer}" for ${who} among the intermediates and trusted roots`;
    case 'not-a-ca':
      return `${who} issued a certificate but is not a CA (basicConstraints cA is not true)`;
    case 'path-length-exceeded':
      return `${who} allows ${f.pathLength} intermediate CA(s) below it and the chain has more`;
    case 'key-usage-lacks-keyCertSign':
      return `${who} issued a certificate but its keyUsage lacks keyCertSign`;
    case 'revoked':
      return `${who} is revoked (${f.reason ?? 'no reason given'}) since ${f.revocationDate.toISOString()}`;
  }
}

function fail(failure: ChainFailure): ChainResult {
  return { ok: false, failure, message: describeFailure(failure) };
}

function sameCert(a: Certificate, b: Certificate): boolean {
  return bytesEqual(a.der, b.der);
}

/** Candidates whose subject is `cert`'s issuer, and whose key id matches when both sides carry one. */
function candidatesFor(cert: Certificate, pool: readonly Certificate[]): Certificate[] {
  return pool.filter(
    (c) =>
      bytesEqual(c.subjectNameDer, cert.issuerNameDer) &&
      (cert.authorityKeyIdentifier === undefined || c.subjectKeyIdentifier === undefined || c.subjectKeyIdentifier === cert.authorityKeyIdentifier),
  );
}

/**
 * Builds the path from a leaf to a trusted root and validates it at a time, RFC 5280 §6.1 in the
 * parts certlab relies on: validity, signatures, basicConstraints cA and pathLenConstraint,
 * keyUsage keyCertSign, and revocation by the supplied CRLs. Failures are reported leaf first.
 */
export async function verifyChain(input: ChainInput, crypto: Crypto = defaultCrypto): Promise<ChainResult> {
  const at = input.at ?? new Date();
  const roots = input.trustedRoots;
  const pool = [...roots, ...(input.intermediates ?? [])];
  const maxDepth = input.maxDepth ?? 8;

  const chain: Certificate[] = [input.leaf];
  let current = input.leaf;
  while (!roots.some((r) => sameCert(r, current))) {
    if (chain.length > maxDepth) return fail({ code: 'issuer-not-found', certificate: current });
    const candidates = candidatesFor(current, pool).filter((c) => !chain.some((x) => sameCert(x, c)));
    if (candidates.length === 0) return fail({ code: 'issuer-not-found', certificate: current });
    let issuer: Certificate | undefined;
    // Trusted roots come first in the pool, so a cross-signed intermediate never shadows a root.
    for (const candidate of candidates) {
      if (await current.verifySignature(candidate, crypto)) {
        issuer = candidate;
        break;
      }
    }
    if (!issuer) return fail({ code: 'bad-signature', certificate: current });
    chain.push(issuer);
    current = issuer;
  }

  for (let i = 0; i < chain.length; i++) {
    const cert = chain[i];
    if (at.getTime() > cert.notAfter.getTime()) return fail({ code: 'expired', certificate: cert, notAfter: cert.notAfter });
    if (at.getTime() < cert.notBefore.getTime()) return fail({ code: 'not-yet-valid', certificate: cert, notBefore: cert.notBefore });
    if (i > 0) {
      // A trust anchor is trusted by configuration, not by its extensions (RFC 5280 §6.1.1(d)):
      // a version 1 root, which cannot carry basicConstraints, is accepted as openssl accepts it.
      // A v3 certificate without cA=TRUE is not (openssl: "invalid CA certificate").
      const v1Anchor = i === chain.length - 1 && cert.version === 1;
      if (!cert.isCa && !v1Anchor) return fail({ code: 'not-a-ca', certificate: cert });
      if (cert.keyUsage !== undefined && !cert.keyUsage.includes('keyCertSign')) {
        return fail({ code: 'key-usage-lacks-keyCertSign', certificate: cert });
      }
      // RFC 5280 §4.2.1.9: pathLenConstraint counts the non-self-issued intermediate CA
      // certificates that may follow this one; the leaf is not counted.
      const pathLength = cert.basicConstraints?.pathLength;
      if (pathLength !== undefined) {
        const below = chain.slice(1, i).filter((c) => !c.isSelfIssued).length;
        if (below > pathLength) return fail({ code: 'path-length-exceeded', certificate: cert, pathLength });
      }
    }
    if (i + 1 < chain.length) {
      const issuer = chain[i + 1];
      for (const crl of input.crls ?? []) {
        if (!(await crl.verify(issuer, crypto))) continue;
        const entry = crl.lookup(cert.serialNumber);
        if (entry && entry.revocationDate.getTime() <= at.getTime()) {
          return fail({ code: 'revoked', certificate: cert, revocationDate: entry.revocationDate, ...(entry.reason ? { reason: entry.reason } : {}) });
        }
      }
    }
  }
  return { ok: true, chain };
}
