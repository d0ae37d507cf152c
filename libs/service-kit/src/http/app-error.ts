/**
 * One typed error catalogue per service (STYLE habit 6): each entry has a stable `code`, the
 * HTTP status and a title; the one exception filter renders them as problem+json. Tables are
 * declared once with `defineErrors`, so code, status and text can never drift apart.
 */
export interface ErrorSpec {
  status: number;
  title: string;
}

export class AppError extends Error {
  override readonly name = 'AppError';

  constructor(
    readonly code: string,
    readonly status: number,
    readonly title: string,
    readonly detail?: string,
    options?: { cause?: unknown; exposeDetail?: boolean },
  ) {
    super(detail ? `${title}: ${detail}` : title, options);
    this.exposeDetail = options?.exposeDetail ?? false;
  }

  /**
   * A 5xx answer normally hides its detail; set for a detail written for the caller (e.g. which
   * upstream is down and what an operator should do), never for one carrying internals.
   */
  readonly exposeDetail: boolean;
}

export type ErrorFactory = ((detail?: string, options?: { cause?: unknown }) => AppError) & { code: string } & ErrorSpec;

export function defineErrors<T extends Record<string, ErrorSpec>>(table: T): { [K in keyof T]: ErrorFactory } {
  const out = {} as { [K in keyof T]: ErrorFactory };
  for (const code of Object.keys(table) as (keyof T & string)[]) {
    const spec = table[code];
    const factory = (detail?: string, options?: { cause?: unknown }) => new AppError(code, spec.status, spec.title, detail, options);
    out[code] = Object.assign(factory, { code, ...spec });
  }
  return out;
}
