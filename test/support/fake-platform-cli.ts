import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { fail, parseArgs } from '../../server/cli/args';
import { parseSecrets } from '../../server/integration/signature';
import { deliveryOrder, eventStream, generateEvents, sendEvents, toNdjson } from './fake-platform';
import { createFakePlatformServer } from './fake-platform-server';

// npm run platform:fake -- --port P [--host 127.0.0.1] [--console URL --secret S] [--gateway-secret G]
//   [--message-secret M] [--latency-ms N] [--failure-rate R] [--lose-rate R] [--duplicate-rate R]
//   [--decline-rate R] [--delivery-failure-rate R] [--settle-after-ms N] [--emit-per-second N]
// npm run platform:fake -- --send URL --orders N [--secret S] [--shuffle] [--duplicate 0.2] [--seed 1] [--batch 500]
// npm run platform:fake -- --export N [--out events.ndjson] [--seed 1] [--usage 3] [--shuffle] [--duplicate 0.2]
// A process of its own, standing in for the membership platform (docs/integration.md §4). With
// --port it serves the payment gateway and the message service of §2–§3 (fake-platform-server.ts;
// --port 0 takes a free port; the first line it prints is `fake platform listening on URL`),
// sends its late answers and receipts to --console, and streams orders and usage there at
// --emit-per-second. With --send it signs and posts the fake platform's events once; with
// --export it writes them as NDJSON. The console's ingest secret is --secret or the first of
// INGEST_SECRET; the gateway's --gateway-secret or PAYMENT_GATEWAY_SECRET; the message service's
// --message-secret or MESSAGE_SENDER_SECRET, else the gateway's.
const args = parseArgs(
  process.argv.slice(2),
  [
    'send',
    'orders',
    'secret',
    'duplicate',
    'seed',
    'batch',
    'export',
    'out',
    'port',
    'host',
    'console',
    'gateway-secret',
    'message-secret',
    'latency-ms',
    'failure-rate',
    'lose-rate',
    'duplicate-rate',
    'decline-rate',
    'delivery-failure-rate',
    'settle-after-ms',
    'emit-per-second',
    'usage',
  ],
  ['shuffle'],
);
const seed = Number(args.seed ?? 1);
const count = (v: string | undefined, name: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) fail(`--${name} needs a whole number`);
  return n;
};

if (args.export !== undefined) {
  const orders = count(args.export, 'export');
  const usagePerOrder = args.usage === undefined ? undefined : count(args.usage, 'usage');
  const out = args.out ? createWriteStream(args.out) : process.stdout;
  let written = 0;
  if (args.shuffle === 'true' || Number(args.duplicate ?? 0) > 0) {
    // a shuffle needs them all at once
    const events = deliveryOrder(generateEvents({ orders, seed, usagePerOrder }), {
      shuffle: args.shuffle === 'true',
      duplicate: Number(args.duplicate ?? 0),
      seed,
    });
    out.write(toNdjson(events));
    written = events.length;
  } else {
    // streamed: a million orders are ~7 million events, written as they are made, 1 MiB at a time
    let buffer = '';
    for (const e of eventStream({ orders, seed, usagePerOrder })) {
      buffer += JSON.stringify(e) + '\n';
      written++;
      if (buffer.length >= 1 << 20) {
        if (!out.write(buffer)) await once(out, 'drain');
        buffer = '';
      }
    }
    out.write(buffer);
  }
  if (args.out) {
    out.end();
    await once(out, 'finish');
    console.error(`wrote ${written} events to ${args.out}`);
  }
} else if (args.send !== undefined) {
  const secret = args.secret ?? parseSecrets(process.env.INGEST_SECRET)[0];
  if (!secret) fail('--send needs --secret or INGEST_SECRET');
  const events = deliveryOrder(generateEvents({ orders: count(args.orders ?? '100', 'orders'), seed }), {
    shuffle: args.shuffle === 'true',
    duplicate: Number(args.duplicate ?? 0),
    seed,
  });
  const started = Date.now();
  try {
    const sum = await sendEvents(args.send, secret, events, { batch: args.batch ? count(args.batch, 'batch') : 500 });
    console.log(JSON.stringify({ sent: events.length, ...sum, ms: Date.now() - started }));
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  }
} else if (args.port !== undefined) {
  const rate = (name: string) => {
    const v = args[name];
    if (v === undefined) return undefined;
    const n = Number(v);
    if (!(n >= 0 && n <= 1)) fail(`--${name} needs a share between 0 and 1`);
    return n;
  };
  const ms = (name: string) => (args[name] === undefined ? undefined : count(args[name], name));
  const gatewaySecret = args['gateway-secret'] ?? process.env.PAYMENT_GATEWAY_SECRET;
  if (!gatewaySecret) fail('--port needs --gateway-secret or PAYMENT_GATEWAY_SECRET');
  const consoleSecret = args.secret ?? parseSecrets(process.env.INGEST_SECRET)[0];
  if (args.console && !consoleSecret) fail('--console needs --secret or INGEST_SECRET');
  if (args['emit-per-second'] && !args.console) fail('--emit-per-second needs --console');
  const settings = Object.fromEntries(
    Object.entries({
      latencyMs: ms('latency-ms'),
      failureRate: rate('failure-rate'),
      loseRate: rate('lose-rate'),
      duplicateRate: rate('duplicate-rate'),
      declineRate: rate('decline-rate'),
      deliveryFailureRate: rate('delivery-failure-rate'),
      settleAfterMs: ms('settle-after-ms'),
    }).filter(([, v]) => v !== undefined),
  );
  const fake = createFakePlatformServer({
    gatewaySecret,
    messageSecret: args['message-secret'] ?? (process.env.MESSAGE_SENDER_SECRET || gatewaySecret),
    console: args.console ? { url: args.console, secret: consoleSecret! } : undefined,
    emitPerSecond: args['emit-per-second'] ? count(args['emit-per-second'], 'emit-per-second') : undefined,
    settings,
  });
  fake.server.listen(count(args.port, 'port'), args.host ?? '127.0.0.1', () => {
    const address = fake.server.address();
    const port = typeof address === 'object' && address ? address.port : args.port;
    console.log(`fake platform listening on http://${args.host ?? '127.0.0.1'}:${port}`);
    console.log(`  gateway  POST /refunds, GET /refunds/{key} · messages POST /messages · POST /_control · GET /_state`);
    if (args.console) console.log(`  events to ${args.console}/api/v1/events`);
  });
  const stop = () => {
    fake.stop();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
} else fail('give --port P (the gateway and message service), --send URL (with --orders N) or --export N');
