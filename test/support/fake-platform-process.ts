import { spawn } from 'node:child_process';
import type { GatewayOutcome } from '../../server/adapters/payment-gateway';
import type { EventStats } from './fake-console-events';
import type { FakeMessage } from './fake-message-service';
import type { FakeRefund } from './fake-gateway';
import type { FakeSettings } from './fake-settings';

// `npm run platform:fake -- --port 0 …` as a child process of the test, on a free port, talked to
// over real HTTP only (docs/integration.md §4): the test changes its behaviour through /_control
// and reads what it saw through /_state.

export interface FakeState {
  settings: FakeSettings;
  refunds: (FakeRefund & { outcome: GatewayOutcome })[];
  /** signed POST /refunds per Idempotency-Key, answered or failed on purpose */
  attempts: Record<string, number>;
  messages: FakeMessage[];
  events: EventStats | null;
}

export interface FakePlatform {
  url: string;
  control: (settings: Partial<FakeSettings>) => Promise<FakeSettings>;
  state: () => Promise<FakeState>;
  output: () => string;
  stop: () => Promise<void>;
}

export async function startFakePlatform(opts: {
  gatewaySecret: string;
  messageSecret?: string;
  console?: { url: string; secret: string };
  args?: string[];
}): Promise<FakePlatform> {
  const args = ['--import', 'tsx', 'test/support/fake-platform-cli.ts', '--port', '0', '--gateway-secret', opts.gatewaySecret];
  if (opts.messageSecret) args.push('--message-secret', opts.messageSecret);
  if (opts.console) args.push('--console', opts.console.url, '--secret', opts.console.secret);
  args.push(...(opts.args ?? []));
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, INGEST_SECRET: '' } });
  let out = '';
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const url = await new Promise<string>((resolve, reject) => {
    const onData = (b: Buffer) => {
      out += b.toString('utf8');
      const m = /fake platform listening on (http:\/\/\S+)/.exec(out);
      if (m) resolve(m[1]!);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (b: Buffer) => (out += b.toString('utf8')));
    void exited.then(() => reject(new Error(`the fake platform exited before listening:\n${out}`)));
  });
  const json = async <T>(res: Response): Promise<T> => {
    if (!res.ok) throw new Error(`fake platform: HTTP ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  };
  return {
    url,
    control: async (settings) =>
      json<FakeSettings>(
        await fetch(`${url}/_control`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(settings) }),
      ),
    state: async () => json<FakeState>(await fetch(`${url}/_state`)),
    output: () => out,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

/** Waits until `check` holds (polled every 100 ms), up to `timeoutMs`; the error says what was awaited and what was last seen. */
export async function waitFor<T>(what: string, probe: () => Promise<T>, check: (value: T) => boolean, timeoutMs = 45_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T;
  for (;;) {
    last = await probe();
    if (check(last)) return last;
    if (Date.now() > deadline) throw new Error(`waited ${timeoutMs} ms for ${what}; last seen: ${JSON.stringify(last).slice(0, 2000)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
