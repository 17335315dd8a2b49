import { generateKeyPairSync } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startFakeStoreProcess } from './fake-store-process';

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
  const { base, stop } = await startFakeStoreProcess(
    'test/support/fake-play-api.ts',
    ['--public-key', publicKeyFile, '--client-email', clientEmail, '--package', packageName],
    'Play API',
  );
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
    stop,
  };
}
