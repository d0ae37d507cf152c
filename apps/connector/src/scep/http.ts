import type { NestExpressApplication } from '@nestjs/platform-express';
import { type Express, type NextFunction, type Request, type Response, raw } from 'express';
import { ScepService } from './scep.service';
import { UnanswerableMessage } from './pki-operation';

/** Where NDES serves SCEP, so stock clients work unchanged, and a short alias. */
export const SCEP_PATHS = ['/certsrv/mscep/mscep.dll/pkiclient.exe', '/scep'];
const PKI_MESSAGE = 'application/x-pki-message';

function problem(res: Response, status: number, code: string, title: string, detail?: string): void {
  res.status(status).type('application/problem+json').send(JSON.stringify({ type: 'about:blank', status, title, code, ...(detail ? { detail } : {}) }));
}

/**
 * Mounts the SCEP endpoint beside the Nest routes (outside the `/api` prefix). PKIOperation works
 * by GET and POST whatever GetCACaps says: certmonger's scep-submit sends GET with the message
 * base64 in `message=`.
 */
export function mountScep(app: NestExpressApplication, maxMessageBytes: number): void {
  const scep = app.get(ScepService);
  const express = app.getHttpAdapter().getInstance() as Express;
  // Any content type: clients disagree on it, and the bytes say what they are.
  express.use(SCEP_PATHS, raw({ type: () => true, limit: maxMessageBytes }));
  express.all(SCEP_PATHS, (req: Request, res: Response, next: NextFunction) => {
    handle(scep, maxMessageBytes, req, res).catch(next);
  });
}

async function handle(scep: ScepService, maxMessageBytes: number, req: Request, res: Response): Promise<void> {
  const operation = String(req.query.operation ?? '');
  if (req.method !== 'GET' && req.method !== 'POST') return problem(res, 405, 'methodNotAllowed', 'SCEP uses GET and POST');
  switch (operation.toLowerCase()) {
    case 'getcacaps':
      res.status(200).type('text/plain').send(scep.caps());
      return;
    case 'getcacert': {
      const r = scep.caCert();
      res.status(200).type(r.contentType).send(Buffer.from(r.body));
      return;
    }
    case 'getnextcacert':
      // RFC 8894 §3.5.3: only meaningful during a CA rollover; there is none, so nothing to send.
      return problem(res, 404, 'noRollover', 'There is no CA rollover in progress', 'The CA has no next certificate; use GetCACert.');
    case 'pkioperation':
      break;
    default:
      return problem(res, 400, 'unknownOperation', 'Unknown SCEP operation', `operation=${operation.slice(0, 40)} is none of GetCACaps, GetCACert, GetNextCACert, PKIOperation`);
  }
  let der: Uint8Array;
  if (req.method === 'GET') {
    // URL decoding turned '+' into ' ' when a client did not escape it; base64 has no spaces.
    const message = typeof req.query.message === 'string' ? req.query.message.replace(/ /g, '+') : '';
    if (!message) return problem(res, 400, 'missingMessage', 'PKIOperation by GET needs the message parameter');
    if (message.length > (maxMessageBytes * 4) / 3 + 4) return problem(res, 413, 'messageTooLarge', 'The message is larger than this endpoint accepts');
    der = new Uint8Array(Buffer.from(message, 'base64'));
  } else {
    const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    // Some clients POST base64 text instead of DER; a DER pkiMessage starts with a SEQUENCE (0x30).
    der = body.length > 0 && body[0] !== 0x30 && /^[A-Za-z0-9+/=\s]+$/.test(body.toString('latin1')) ? new Uint8Array(Buffer.from(body.toString('latin1'), 'base64')) : new Uint8Array(body);
  }
  if (der.length === 0) return problem(res, 400, 'emptyMessage', 'The PKIOperation message is empty');
  try {
    const reply = await scep.pkiOperation(der);
    res.status(200).type(PKI_MESSAGE).send(Buffer.from(reply.der));
  } catch (err) {
    if (err instanceof UnanswerableMessage) return problem(res, 400, 'malformedScepMessage', 'The message is not a SCEP pkiMessage', err.message);
    throw err;
  }
}
