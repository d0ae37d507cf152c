import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { json, urlencoded } from 'express';
import { AppError } from './app-error';

/** body-parser's errors carry these fields; they arrive before any controller runs. */
interface BodyParserError extends Error {
  type: string;
  status: number;
}

const BODY_ERRORS: Record<string, { code: string; title: string; detail?: string }> = {
  'entity.parse.failed': { code: 'malformedJson', title: 'The request body is not valid JSON' },
  'entity.too.large': { code: 'bodyTooLarge', title: 'The request body is larger than this endpoint accepts', detail: 'Send a smaller body.' },
  'encoding.unsupported': { code: 'unsupportedEncoding', title: 'The request body encoding is not supported' },
  'charset.unsupported': { code: 'unsupportedCharset', title: 'The request body charset is not supported' },
  'request.aborted': { code: 'requestAborted', title: 'The request was aborted' },
};

function isBodyParserError(err: unknown): err is BodyParserError {
  return err instanceof Error && typeof (err as Partial<BodyParserError>).type === 'string' && typeof (err as Partial<BodyParserError>).status === 'number';
}

/** Turns a body-parser failure into a catalogued AppError; Nest would otherwise keep only a bare 400 message. */
export function bodyError(err: unknown): unknown {
  if (!isBodyParserError(err)) return err;
  const known = BODY_ERRORS[err.type] ?? { code: 'unreadableBody', title: 'The request body could not be read' };
  return new AppError(known.code, err.status, known.title, known.detail ?? err.message, { cause: err });
}

function translated(parser: RequestHandler): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => parser(req, res, (err?: unknown) => next(err ? bodyError(err) : undefined));
}

/** JSON and form parsers capped at `limit`, whose failures become problem+json with a stable code. */
export function bodyParsers(limit: string): RequestHandler[] {
  return [
    translated(json({ limit, type: ['application/json', 'application/*+json'] })),
    translated(urlencoded({ limit, extended: false })),
  ];
}
