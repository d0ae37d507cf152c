import type { CmsWritableContentCipher } from '../cms';
import type { HashName } from '../cms/algorithms';

/**
 * GetCACaps keywords (RFC 8894 §3.5.2). "A client MUST be able to accept and ignore any unknown
 * keywords"; keywords are matched case-insensitively and written as spelled here.
 */
export const SCEP_CAPABILITIES = {
  AES: 'CA supports the AES128-CBC encryption algorithm',
  DES3: 'CA supports the triple DES-CBC encryption algorithm',
  GetNextCACert: 'CA supports the GetNextCACert message',
  POSTPKIOperation: 'CA supports PKIOPeration messages sent via HTTP POST',
  Renewal: 'CA supports the Renewal CA operation',
  'SHA-1': 'CA supports the SHA-1 hashing algorithm',
  'SHA-256': 'CA supports the SHA-256 hashing algorithm',
  'SHA-512': 'CA supports the SHA-512 hashing algorithm',
  SCEPStandard: 'CA supports all mandatory-to-implement sections of the SCEP standard (AES, POSTPKIOperation, SHA-256)',
  Update: 'CA supports the Update CA operation',
} as const;
export type ScepCapability = keyof typeof SCEP_CAPABILITIES;

const BY_LOWER = new Map<string, ScepCapability>(
  (Object.keys(SCEP_CAPABILITIES) as ScepCapability[]).map((c) => [c.toLowerCase(), c]),
);

export interface ScepCaps {
  readonly capabilities: readonly ScepCapability[];
  /** Lines that are no known keyword, kept verbatim (trimmed) so a proxy can pass them on. */
  readonly unknown: readonly string[];
}

/** Parses a GetCACaps body: one keyword per line, LF or CRLF, blank lines ignored. Never throws. */
export function parseCaCaps(text: string): ScepCaps {
  const capabilities: ScepCapability[] = [];
  const unknown: string[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line) continue;
    const known = BY_LOWER.get(line.toLowerCase());
    if (known) {
      if (!capabilities.includes(known)) capabilities.push(known);
    } else {
      unknown.push(line);
    }
  }
  return { capabilities, unknown };
}

/** Serializes capabilities one per line with LF, as NDES and micromdm answer GetCACaps. */
export function serializeCaCaps(caps: ScepCaps | readonly ScepCapability[]): string {
  const lines = Array.isArray(caps) ? [...caps] : [...(caps as ScepCaps).capabilities, ...(caps as ScepCaps).unknown];
  return lines.map((l) => `${l}\n`).join('');
}

export function hasCap(caps: ScepCaps, cap: ScepCapability): boolean {
  // RFC 8894 §3.5.2: SCEPStandard implies AES, POSTPKIOperation and SHA-256.
  const implied = caps.capabilities.includes('SCEPStandard') && (cap === 'AES' || cap === 'POSTPKIOperation' || cap === 'SHA-256');
  return implied || caps.capabilities.includes(cap);
}

/** The content cipher a client should use with this CA: AES when offered, else 3DES (never single DES). */
export function preferredCipher(caps: ScepCaps): CmsWritableContentCipher {
  return hasCap(caps, 'AES') ? 'aes-128-cbc' : 'des-ede3-cbc';
}

/** The strongest hash the CA offers; SHA-1 is the RFC's fallback for a CA that lists none. */
export function preferredHash(caps: ScepCaps): HashName {
  if (hasCap(caps, 'SHA-512')) return 'SHA-512';
  if (hasCap(caps, 'SHA-256')) return 'SHA-256';
  return 'SHA-1';
}
