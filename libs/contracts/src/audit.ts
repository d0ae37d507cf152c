import { z } from 'zod';
import { pageQuerySchema } from './paging';

/** One recorded action: who did what to which object, and whether it was allowed. */
export const auditEventSchema = z.object({
  id: z.string(),
  at: z.string(),
  actor: z.string(),
  action: z.string(),
  target: z.string().nullable(),
  outcome: z.enum(['success', 'failure']),
  details: z.record(z.string(), z.unknown()).nullable(),
});
export type AuditEvent = z.infer<typeof auditEventSchema>;

export const auditQuerySchema = pageQuerySchema.extend({
  actor: z.string().trim().max(128).optional(),
  action: z.string().trim().max(128).optional(),
  outcome: z.enum(['success', 'failure']).optional(),
  order: z.enum(['asc', 'desc']).default('desc'),
});
export type AuditQuery = z.infer<typeof auditQuerySchema>;
