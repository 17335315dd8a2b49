import { generateKeyPairSync } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startFakeStoreProcess } from './fake-store-process';

// Starts test/support/fake-app-store.ts in a process of its own on a free port, with a fresh
// ES256 key: the private half is what APPLE_PRIVATE_KEY_FILE holds for the console, the public
// half what the fake checks the console's JWTs against.
export interface FakeAppStore {
  base: string;
  privateKeyFile: string;
  keyId: string;
  issuerId: string;
  received: () => Promise<{ transactionId: string; body: Record<string, unknown> }[]>;
  failNext: () => Promise<void>;
  stop: () => Promise<void>;
}

export async function startFakeAppStore(dir: string, bundleId: string): Promise<FakeAppStore> {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const privateKeyFile = join(dir, 'AuthKey_TEST.p8');
  const publicKeyFile = join(dir, 'AuthKey_TEST.pub.pem');
  writeFileSync(privateKeyFile, privateKey.export({ type: 'pkcs8', format: 'pem' }));
  writeFileSync(publicKeyFile, publicKey.export({ type: 'spki', format: 'pem' }));
  const keyId = 'TESTKEY123';
  const issuerId = '57246542-96fe-1a63-e053-0824d011072a';
  const { base, stop } = await startFakeStoreProcess(
    'test/support/fake-app-store.ts',
    ['--public-key', publicKeyFile, '--key-id', keyId, '--issuer', issuerId, '--bundle', bundleId],
    'App Store',
  );
  return {
    base,
    privateKeyFile,
    keyId,
    issuerId,
    received: async () => (await (await fetch(`${base}/received`)).json()) as { transactionId: string; body: Record<string, unknown> }[],
    failNext: async () => void (await fetch(`${base}/fail-next`, { method: 'POST' })),
    stop,
  };
}
