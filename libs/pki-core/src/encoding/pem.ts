import { PkiFormatError } from '../errors';

const PEM_BLOCK = /-----BEGIN ([A-Z0-9 #]+)-----([\s\S]*?)-----END \1-----/g;

/** Wraps DER in a PEM block with 64-column base64 lines, as openssl writes it. */
export function toPem(der: Uint8Array, label: string): string {
  const b64 = Buffer.from(der).toString('base64');
  const lines = b64.match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}

/** Every PEM block in `text`, in order. */
export function pemBlocks(text: string): { label: string; der: Uint8Array }[] {
  const blocks: { label: string; der: Uint8Array }[] = [];
  for (const match of text.matchAll(PEM_BLOCK)) {
    const body = match[2].replace(/\s+/g, '');
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(body)) {
      throw new PkiFormatError('PEM', `block "${match[1]}" is not valid base64`);
    }
    blocks.push({ label: match[1], der: new Uint8Array(Buffer.from(body, 'base64')) });
  }
  return blocks;
}

/** The DER of the first PEM block with one of `labels`; throws if there is none. */
export function fromPem(text: string, ...labels: string[]): Uint8Array {
  const block = pemBlocks(text).find((b) => labels.length === 0 || labels.includes(b.label));
  if (!block) {
    throw new PkiFormatError('PEM', `no ${labels.join(' or ') || 'PEM'} block found`);
  }
  return block.der;
}

/** Accepts PEM text or DER bytes; returns DER. Lets every loader take what openssl writes by default. */
export function derOrPem(input: Uint8Array | string, ...labels: string[]): Uint8Array {
  if (typeof input === 'string') return fromPem(input, ...labels);
  const head = Buffer.from(input.subarray(0, 11)).toString('latin1');
  if (head === '-----BEGIN ') return fromPem(Buffer.from(input).toString('latin1'), ...labels);
  return input;
}
