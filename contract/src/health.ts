import { z } from 'zod';

/**
 * GET /health: 200 `{status:'ok', storage:'ok', storageAuth}`, or 503 `{status:'degraded', storage:'unreachable',
 * storageAuth}`. `storageAuth` is how the backend signs in to Table Storage: a connection string (Azurite, local)
 * or a token from its managed identity (QMS_STORAGE is an endpoint URL). It never carries the secret.
 */
export const healthSchema = z.object({
  status: z.enum(['ok', 'degraded']),
  storage: z.enum(['ok', 'unreachable']),
  storageAuth: z.enum(['connection-string', 'token']),
});
export type Health = z.infer<typeof healthSchema>;
