import { spawn, type ChildProcess } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

// Starts test/support/fake-play-api.ts in a process of its own on a free port, with a fresh
// service account: its JSON key (client_email, private_key, token_uri at the fake) is what
// GOOGLE_PLAY_SERVICE_ACCOUNT_FILE holds for the console, the public half what the fake checks.
export interface FakePlayApi {
  base: string;
  serviceAccountFile: string;
  key: { client_email: string; private_key: string; token_uri: string };
  received: () => Promise<{ requests: { orderId: string; revoke: boolean }[]; refunded: string[] }>;
  stop: () => Promise<void>;
}

export async function startFakePlayApi(dir: string, packageName: string): Promise<FakePlayApi> {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const publicKeyFile = join(dir, 'play-service-account.pub.pem');
  writeFileSync(publicKeyFile, publicKey.export({ type: 'spki', format: 'pem' }));
  const clientEmail = 'refund-desk@refund-desk-test.iam.gserviceaccount.com';
  const child: ChildProcess = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'test/support/fake-play-api.ts',
      '--public-key',
      publicKeyFile,
      '--client-email',
      clientEmail,
      '--package',
      packageName,
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const port = await new Promise<number>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.once('line', (line) => resolve((JSON.parse(line) as { port: number }).port));
    child.once('exit', (code) => reject(new Error(`the fake Play API exited (${code}) before listening`)));
  });
  const base = `http://127.0.0.1:${port}`;
  const key = {
    type: 'service_account',
    client_email: clientEmail,
    private_key: privateKey.export({ type: 'pkcs8', format: 'pem' }) as string,
    token_uri: `${base}/token`,
  };
  const serviceAccountFile = join(dir, 'play-service-account.json');
  writeFileSync(serviceAccountFile, JSON.stringify(key));
  return {
    base,
    serviceAccountFile,
    key,
    received: async () => (await (await fetch(`${base}/received`)).json()) as Awaited<ReturnType<FakePlayApi['received']>>,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
