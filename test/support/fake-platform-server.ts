import { createServer, type Server } from 'node:http';
import { createConsoleEvents, type ConsoleEvents } from './fake-console-events';
import { createFakeGateway } from './fake-gateway';
import { createFakeMessageService } from './fake-message-service';
import { generateEvents } from './fake-platform';
import { readBody, sendJson, type FakeKit } from './fake-service-kit';
import { DEFAULT_FAKE_SETTINGS, fakeSettingsSchema, type FakeSettings } from './fake-settings';

// The fake platform as a server (docs/integration.md §4), run by `npm run platform:fake -- --port P`:
// the payment gateway (/refunds), the message service (/messages), and two routes for tests and
// demos, unsigned, meant for localhost only:
// - POST /_control {down, latencyMs, failureRate, failNext, loseRate, duplicateRate, declineRate,
//   deliveryFailureRate, settleAfterMs, notify} changes the behaviour at run time (a partial object), answers the settings;
// - GET /_state: every refund and message it saw (requests and payments / deliveries per key)
//   and the events sent back to the console.
// With a console (URL and ingest secret) it sends its late answers and receipts there, and with
// `emitPerSecond` streams the fake platform's orders and usage into it.

export interface FakePlatformOptions {
  gatewaySecret: string;
  messageSecret: string;
  console?: { url: string; secret: string };
  emitPerSecond?: number;
  settings?: Partial<FakeSettings>;
  random?: () => number;
}

export function createFakePlatformServer(opts: FakePlatformOptions): { server: Server; stop: () => void } {
  const events: ConsoleEvents | null = opts.console
    ? createConsoleEvents({ console: opts.console.url, secret: opts.console.secret })
    : null;
  const kit: FakeKit = { settings: { ...DEFAULT_FAKE_SETTINGS, ...opts.settings }, events, random: opts.random ?? Math.random };
  const gateway = createFakeGateway(kit, opts.gatewaySecret);
  const messages = createFakeMessageService(kit, opts.messageSecret);
  const stopEmitting = events && opts.emitPerSecond ? emitStream(events, opts.emitPerSecond) : () => {};

  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://fake').pathname;
    void (async () => {
      if (await gateway.handle(req, res, path)) return;
      if (await messages.handle(req, res, path)) return;
      if (path === '/_control' && req.method === 'POST') {
        const parsed = fakeSettingsSchema
          .partial()
          .strict()
          .safeParse(JSON.parse((await readBody(req)).toString('utf8') || '{}'));
        if (!parsed.success) return sendJson(res, 400, { error: parsed.error.message });
        Object.assign(kit.settings, parsed.data);
        return sendJson(res, 200, kit.settings);
      }
      if (path === '/_state' && req.method === 'GET')
        return sendJson(res, 200, {
          settings: kit.settings,
          refunds: [...gateway.refunds.values()],
          attempts: Object.fromEntries(gateway.attempts),
          messages: [...messages.messages.values()],
          events: events?.stats() ?? null,
        });
      if (path === '/healthz') return sendJson(res, 200, { ok: true });
      sendJson(res, 404, { error: 'not found' });
    })().catch((error: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { error: error instanceof Error ? error.message : String(error) });
    });
  });
  return {
    server,
    stop: () => {
      stopEmitting();
      events?.stop();
      server.close();
    },
  };
}

/** The fake platform's order and usage stream, `perSecond` events a second, seed after seed. */
function emitStream(events: ConsoleEvents, perSecond: number): () => void {
  let seed = 1000 + (process.pid % 1000) * 1000;
  let pending = generateEvents({ orders: 50, seed, startMs: Date.now() - 30 * 86_400_000 });
  const tick = 100;
  let owed = 0;
  const timer = setInterval(() => {
    owed += (perSecond * tick) / 1000;
    while (owed >= 1) {
      if (pending.length === 0) pending = generateEvents({ orders: 50, seed: ++seed, startMs: Date.now() - 30 * 86_400_000 });
      events.push(pending.shift()!);
      owed--;
    }
  }, tick);
  return () => clearInterval(timer);
}
