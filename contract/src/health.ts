import { z } from 'zod';

/** GET /health: 200 `{status:'ok', storage:'ok'}`, or 503 `{status:'degraded', storage:'unreachable'}`. */
export const healthSchema = z.object({
  status: z.enum(['ok', 'degraded']),
  storage: z.enum(['ok', 'unreachable']),
});
export type Health = z.infer<typeof healthSchema>;
