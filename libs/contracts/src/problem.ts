import { z } from 'zod';

/**
 * RFC 9457 problem details: every 4xx/5xx of every certlab HTTP API has this body with
 * content type `application/problem+json`. 5xx answers carry no detail.
 */
export const problemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string().optional(),
  code: z.string().optional(),
  instance: z.string().optional(),
  /** Field-level reasons for a rejected body. */
  errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});
export type Problem = z.infer<typeof problemSchema>;

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';
