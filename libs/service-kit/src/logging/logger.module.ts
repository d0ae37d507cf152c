import { type DynamicModule, Module, RequestMethod } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import type { IncomingMessage } from 'node:http';

/**
 * Paths whose values never reach a log line. Secrets (passwords, challenges, tokens, PFX
 * passwords, keys) are redacted wherever they appear in a logged object, and the headers that
 * carry credentials are dropped from request logs.
 */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  '*.password',
  '*.passphrase',
  '*.challenge',
  '*.challengePassword',
  '*.token',
  '*.privateKey',
  '*.pfxPassword',
  '*.secret',
];

/** pino JSON logs for a service: one line per request, `service` on every line. */
@Module({})
export class ServiceLoggerModule {
  static forService(service: string, level: string): DynamicModule {
    return {
      module: ServiceLoggerModule,
      imports: [
        LoggerModule.forRoot({
          pinoHttp: {
            level,
            base: { service },
            redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
            // Health probes arrive every second from the supervisor; they would drown the log.
            autoLogging: { ignore: (req: IncomingMessage) => req.url === '/api/health' },
            // Refusals and faults are worth reading at the default level; every successful call
            // (a connector's long-poll answers every few seconds) is there at LOG_LEVEL=debug.
            customLogLevel: (_req: IncomingMessage, res: { statusCode: number }, err?: Error) =>
              err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'debug',
            serializers: {
              req: (req: { id: unknown; method: string; url: string }) => ({ id: req.id, method: req.method, url: req.url }),
              res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
            },
          },
          // Nest 11 path syntax: a bare '*' route warns; this matches every route.
          forRoutes: [{ path: '{*splat}', method: RequestMethod.ALL }],
        }),
      ],
    };
  }
}
