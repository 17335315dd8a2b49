import { writeFileSync } from 'node:fs';
import { fail, parseArgs } from '../../server/cli/args';
import { parseSecrets } from '../../server/integration/signature';
import { deliveryOrder, generateEvents, sendEvents, toNdjson } from './fake-platform';

// npm run platform:fake -- --send URL --orders N [--secret S] [--shuffle] [--duplicate 0.2] [--seed 1] [--batch 500]
// npm run platform:fake -- --export N [--out events.ndjson] [--seed 1]
// A process of its own, standing in for the membership platform (docs/integration.md §4): it signs
// and streams the fake platform's events into a console, or writes them as NDJSON. The secret
// is --secret or the first of INGEST_SECRET. (The gateway and message service of §2–§3 are not
// here yet.)
const args = parseArgs(process.argv.slice(2), ['send', 'orders', 'secret', 'duplicate', 'seed', 'batch', 'export', 'out'], ['shuffle']);
const seed = Number(args.seed ?? 1);
const count = (v: string | undefined, name: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) fail(`--${name} needs a whole number`);
  return n;
};

if (args.export !== undefined) {
  const events = deliveryOrder(generateEvents({ orders: count(args.export, 'export'), seed }), {
    shuffle: args.shuffle === 'true',
    duplicate: Number(args.duplicate ?? 0),
    seed,
  });
  if (args.out) {
    writeFileSync(args.out, toNdjson(events));
    console.error(`wrote ${events.length} events to ${args.out}`);
  } else process.stdout.write(toNdjson(events));
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
} else fail('give --send URL (with --orders N) or --export N');
