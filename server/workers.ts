import type { Deps } from './context';

// Background work of the running server (outbox delivery, refund reconciliation) is
// registered here; each returns a stop function.
export function startWorkers(_deps: Deps): () => void {
  const stops: (() => void)[] = [];
  return () => stops.forEach((stop) => stop());
}
