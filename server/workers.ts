import { deliverOutbox } from './comms/deliver-outbox';
import type { Deps } from './context';
import { log } from './log';
import { reconcileRefunds } from './refunds/reconcile-refunds';

function every(ms: number, name: string, job: () => Promise<unknown>): () => void {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    job()
      .catch((e) => log.error(`${name} failed`, { error: e instanceof Error ? e.message : String(e) }))
      .finally(() => (running = false));
  }, ms);
  timer.unref();
  return () => clearInterval(timer);
}

// Background work of the running server: the outbox delivers member messages, the reconciler
// settles refunds whose gateway answer is still outstanding. Each returns a stop function.
export function startWorkers(deps: Deps): () => void {
  const pace = deps.config.workers ?? { reconcileEveryMs: 15_000, reconcileAfterMs: 30_000, outboxRetryBaseMs: 30_000 };
  const stops = [
    every(1_000, 'outbox', () => deliverOutbox(deps.db, deps.sender, deps.now, 20, pace.outboxRetryBaseMs)),
    every(pace.reconcileEveryMs, 'reconciler', () => reconcileRefunds(deps.db, deps.gateway, deps.now, pace.reconcileAfterMs)),
  ];
  return () => stops.forEach((stop) => stop());
}
