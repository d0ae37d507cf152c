import { type PipeTransform } from '@nestjs/common';
import type { z } from 'zod';

/**
 * Validates a body, query or param against a contracts schema at the edge (STYLE habit 13):
 * `@Body(new ZodPipe(loginRequestSchema)) body: LoginRequest`. A failure throws the ZodError,
 * which the problem filter renders as 400 with a reason per field.
 */
export class ZodPipe<S extends z.ZodType> implements PipeTransform<unknown, z.infer<S>> {
  constructor(private readonly schema: S) {}

  transform(value: unknown): z.infer<S> {
    return this.schema.parse(value);
  }
}
