import { useCallback, useEffect, useRef, useState } from 'react';
import type { SyncProgress } from '@qms/client';
import type { FlushOutcome, PendingSync, SyncQueue } from './queue.ts';

/**
 * Drives the queue from React: retries when the back-off ends and at once when the browser comes back
 * online. Returns the pending entries, the last outcome and a `flush` for the Sync button.
 */
export function useSyncQueue(queue: SyncQueue) {
  const [pending, setPending] = useState<PendingSync[]>(() => queue.list());
  const [outcome, setOutcome] = useState<FlushOutcome | undefined>();
  const [progress, setProgress] = useState<{ entry: PendingSync; progress: SyncProgress } | undefined>();
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const flush = useCallback(
    async (force = false) => {
      const result = await queue.flush({ force, onProgress: (entry, p) => setProgress({ entry, progress: p }) });
      setOutcome(result);
      setPending(queue.list());
      setProgress(undefined);
      return result;
    },
    [queue],
  );

  useEffect(() => {
    clearTimeout(timer.current);
    const next = queue.nextRetryAt();
    if (next !== undefined) {
      timer.current = setTimeout(() => void flush(), Math.max(0, next - Date.now()));
    }
    return () => clearTimeout(timer.current);
  }, [pending, outcome, queue, flush]);

  useEffect(() => {
    const online = () => void flush(true);
    window.addEventListener('online', online);
    return () => window.removeEventListener('online', online);
  }, [flush]);

  return { pending, outcome, progress, flush, refresh: () => setPending(queue.list()) };
}
