import type { MessageSender, OutgoingMessage } from './message-sender';

export interface RecordingSender extends MessageSender {
  sent: OutgoingMessage[];
  /** the next n sends fail, for tests and demos of retries */
  failNext: (n: number) => void;
}

export function createRecordingSender(options: { latencyMs?: number } = {}): RecordingSender {
  const sent: OutgoingMessage[] = [];
  let failures = 0;
  return {
    sent,
    failNext: (n) => {
      failures = n;
    },
    async send(message) {
      if (options.latencyMs) await new Promise((r) => setTimeout(r, options.latencyMs));
      if (failures > 0) {
        failures--;
        throw new Error('sender unavailable (simulated)');
      }
      sent.push(message);
      return { providerRef: `MSG${sent.length}` };
    },
  };
}
