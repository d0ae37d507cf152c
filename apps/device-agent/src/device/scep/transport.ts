import { type ScepCaps, parseCaCaps, parseGetCaCertResponse } from '@certlab/pki-core';

/** Why a SCEP server could not be talked to (network, HTTP status, unreadable answer). */
export class ScepTransportError extends Error {
  override readonly name = 'ScepTransportError';
}

/**
 * The HTTP side of a SCEP client (RFC 8894 §4). Intune hands out NDES URLs ending in
 * `/certsrv/mscep/mscep.dll`; the operations live at `…/mscep.dll/pkiclient.exe`, which Windows,
 * iOS and Android clients append themselves.
 */
export class ScepTransport {
  readonly endpoint: string;

  constructor(url: string, private readonly timeoutMs = 30_000) {
    const trimmed = url.replace(/\/+$/, '');
    this.endpoint = /\/mscep\.dll$/i.test(trimmed) ? `${trimmed}/pkiclient.exe` : trimmed;
  }

  async getCaCaps(): Promise<ScepCaps> {
    const res = await this.get('GetCACaps');
    return parseCaCaps(await res.text());
  }

  /** The RA and CA certificates, DER, in the order the server sent them. */
  async getCaCert(): Promise<Uint8Array[]> {
    const res = await this.get('GetCACert');
    try {
      return parseGetCaCertResponse(res.headers.get('content-type') ?? '', new Uint8Array(await res.arrayBuffer()));
    } catch (err) {
      throw new ScepTransportError(`GetCACert at ${this.endpoint} is unreadable: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  /** PKIOperation by POST when the server offers it (POSTPKIOperation), else by GET with the base64 message. */
  async pkiOperation(message: Uint8Array, post: boolean): Promise<Uint8Array> {
    const res = post
      ? await this.fetch(`${this.endpoint}?operation=PKIOperation`, { method: 'POST', headers: { 'content-type': 'application/x-pki-message' }, body: Buffer.from(message) })
      : await this.fetch(`${this.endpoint}?operation=PKIOperation&message=${encodeURIComponent(Buffer.from(message).toString('base64'))}`, { method: 'GET' });
    if (!(res.headers.get('content-type') ?? '').includes('application/x-pki-message')) {
      throw new ScepTransportError(`PKIOperation at ${this.endpoint} answered HTTP ${res.status} with ${res.headers.get('content-type') ?? 'no content type'}`);
    }
    return new Uint8Array(await res.arrayBuffer());
  }

  private get(operation: string): Promise<Response> {
    return this.fetch(`${this.endpoint}?operation=${operation}`, { method: 'GET' });
  }

  private async fetch(url: string, init: RequestInit): Promise<Response> {
    let res: Response;
    try {
      res = await fetch(url, { ...init, signal: AbortSignal.timeout(this.timeoutMs) });
    } catch (err) {
      throw new ScepTransportError(`${this.endpoint} is unreachable: ${err instanceof Error ? (err.cause instanceof Error ? err.cause.message : err.message) : String(err)}`);
    }
    if (!res.ok) throw new ScepTransportError(`${url.split('?')[0]} answered HTTP ${res.status} to ${new URL(url).searchParams.get('operation')}`);
    return res;
  }
}
