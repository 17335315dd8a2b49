import { signatureHeaders } from '../../server/integration/signature';
import type { FakeEvent } from './fake-platform';

// The fake platform's way back into the console: events (refund.settled, message.delivered, the
// streamed orders and usage) queued and posted, signed, to the console's POST /api/v1/events in
// batches every `everyMs`. A batch that fails stays queued and goes again at the next tick.

export interface EventStats {
  queued: number;
  posted: number;
  accepted: number;
  duplicates: number;
  stale: number;
  refusedBatches: number;
  lastError: string | null;
}

export interface ConsoleEvents {
  push: (event: FakeEvent) => void;
  stats: () => EventStats;
  stop: () => void;
}

export function createConsoleEvents(opts: { console: string; secret: string; everyMs?: number; batch?: number }): ConsoleEvents {
  const url = `${opts.console.replace(/\/+$/, '')}/api/v1/events`;
  const queue: FakeEvent[] = [];
  const stats: EventStats = { queued: 0, posted: 0, accepted: 0, duplicates: 0, stale: 0, refusedBatches: 0, lastError: null };
  let busy = false;

  async function flush() {
    if (busy || queue.length === 0) return;
    busy = true;
    const batch = queue.slice(0, opts.batch ?? 500);
    const body = JSON.stringify({ events: batch });
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...signatureHeaders(opts.secret, body) },
        body,
      });
      const answer = (await res.json().catch(() => ({}))) as Record<string, unknown>;
      if (res.status === 200) {
        queue.splice(0, batch.length);
        stats.posted += batch.length;
        stats.accepted += Number(answer.accepted ?? 0);
        stats.duplicates += Number(answer.duplicates ?? 0);
        stats.stale += Number(answer.stale ?? 0);
      } else {
        stats.refusedBatches++;
        stats.lastError = `HTTP ${res.status} ${JSON.stringify(answer).slice(0, 300)}`;
        // a batch the console refuses for what it holds (400, 409) would block the queue for ever
        if (res.status === 400 || res.status === 409) queue.splice(0, batch.length);
      }
    } catch (error) {
      stats.lastError = error instanceof Error ? error.message : String(error);
    } finally {
      busy = false;
    }
  }

  const timer = setInterval(() => void flush(), opts.everyMs ?? 100);
  return {
    push: (event) => {
      queue.push(event);
      stats.queued++;
    },
    stats: () => ({ ...stats }),
    stop: () => clearInterval(timer),
  };
}
