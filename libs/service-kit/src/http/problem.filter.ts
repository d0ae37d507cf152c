import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Problem } from '@certlab/contracts';
import { PROBLEM_CONTENT_TYPE } from '@certlab/contracts';
import type { Request, Response } from 'express';
import { STATUS_CODES } from 'node:http';
import { ZodError } from 'zod';
import { AppError } from './app-error';

/** Maps anything thrown in a request to RFC 9457 problem+json. 5xx answers carry no detail unless the AppError was written to expose it. */
export function toProblem(err: unknown, instance?: string): Problem {
  const base = (status: number, code: string, title: string, detail?: string, errors?: Problem['errors'], exposeDetail = false): Problem => ({
    type: `urn:certlab:problem:${code}`,
    title,
    status,
    code,
    ...(detail && (status < 500 || exposeDetail) ? { detail } : {}),
    ...(errors ? { errors } : {}),
    ...(instance ? { instance } : {}),
  });

  if (err instanceof AppError) return base(err.status, err.code, err.title, err.detail, undefined, err.exposeDetail);
  if (err instanceof ZodError) {
    const errors = err.issues.map((i) => ({ path: i.path.join('.') || '(body)', message: i.message }));
    return base(400, 'invalidRequest', 'The request is invalid', errors.map((e) => `${e.path}: ${e.message}`).join('; '), errors);
  }
  if (err instanceof HttpException) {
    const status = err.getStatus();
    const response = err.getResponse();
    const message = typeof response === 'string' ? response : (response as { message?: unknown }).message;
    const detail = Array.isArray(message) ? message.join('; ') : typeof message === 'string' ? message : undefined;
    const code = status === 404 ? 'notFound' : status === 401 ? 'unauthenticated' : status === 403 ? 'forbidden' : `http${status}`;
    return base(status, code, STATUS_CODES[status] ?? 'Error', detail);
  }
  return base(500, 'internal', 'Internal Server Error');
}

@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemFilter');

  catch(err: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const req = http.getRequest<Request>();
    const res = http.getResponse<Response>();
    const problem = toProblem(err, req.originalUrl?.split('?')[0]);
    // The client sees the problem; the log gets the cause, and the stack for server faults.
    if (problem.status >= 500) this.logger.error({ err, url: req.originalUrl }, 'request failed');
    else this.logger.warn({ code: problem.code, status: problem.status, url: req.originalUrl }, problem.detail ?? problem.title);
    if (res.headersSent) return;
    res.status(problem.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(problem));
  }
}
