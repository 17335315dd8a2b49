import { createPrivateKey } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeAppleChain, signJws } from '../../support/apple-certs';
import { startFakeAppStore, type FakeAppStore } from '../../support/fake-app-store-process';
import { BASE_URL } from './browser';

// The App Store for the browser tests (docs/integration.md §6): run.ts makes a test certificate
// chain, starts the fake App Store Server API in a process of its own, and hands the server the
// APPLE_* settings that trust the chain and send consumption answers to the fake; the tests sign
// notifications with the chain's leaf (written to a file the run names in E2E_APPLE_CHAIN_FILE)
// and ask the fake what it received (E2E_APP_STORE_URL).

export const E2E_APPLE_BUNDLE = 'com.example.refunddesk.e2e';

export interface E2eAppStore {
  /** the console's APPLE_* settings */
  serverEnv: Record<string, string>;
  /** what the browser tests need to post notifications and read the fake */
  testEnv: Record<string, string>;
  fake: FakeAppStore;
}

export async function startE2eAppStore(dir: string): Promise<E2eAppStore> {
  const chain = makeAppleChain();
  const rootFile = join(dir, 'apple-root.pem');
  const chainFile = join(dir, 'apple-chain.json');
  writeFileSync(rootFile, chain.rootPem);
  writeFileSync(chainFile, JSON.stringify({ x5c: chain.x5c, leafKeyPem: chain.leafKey.export({ type: 'pkcs8', format: 'pem' }) }));
  const fake = await startFakeAppStore(dir, E2E_APPLE_BUNDLE);
  return {
    serverEnv: {
      APPLE_ROOT_CA_FILE: rootFile,
      APPLE_BUNDLE_ID: E2E_APPLE_BUNDLE,
      APPLE_ENVIRONMENT: 'Sandbox',
      APPLE_API_BASE: fake.base,
      APPLE_PRIVATE_KEY_FILE: fake.privateKeyFile,
      APPLE_KEY_ID: fake.keyId,
      APPLE_ISSUER_ID: fake.issuerId,
    },
    testEnv: { E2E_APPLE_CHAIN_FILE: chainFile, E2E_APP_STORE_URL: fake.base },
    fake,
  };
}

function chainForTests() {
  const file = process.env.E2E_APPLE_CHAIN_FILE;
  if (!file) throw new Error('E2E_APPLE_CHAIN_FILE is not set: run the browser tests with `npm run e2e`');
  const saved = JSON.parse(readFileSync(file, 'utf8')) as { x5c: string[]; leafKeyPem: string };
  return { x5c: saved.x5c, leafKey: createPrivateKey(saved.leafKeyPem) };
}

/** Posts an App Store Server Notification V2 about `transactionId`, signed as Apple would; returns the console's answer. */
export async function postAppleNotification(type: string, transactionId: string, notificationUUID: string) {
  const chain = chainForTests();
  const now = Date.now();
  const signedPayload = signJws(chain, {
    notificationType: type,
    notificationUUID,
    version: '2.0',
    signedDate: now,
    data: {
      bundleId: E2E_APPLE_BUNDLE,
      environment: 'Sandbox',
      signedTransactionInfo: signJws(chain, {
        transactionId,
        originalTransactionId: transactionId,
        bundleId: E2E_APPLE_BUNDLE,
        productId: 'vip.month',
        purchaseDate: now - 10 * 86_400_000,
        type: 'Auto-Renewable Subscription',
        environment: 'Sandbox',
        signedDate: now,
      }),
      ...(type === 'CONSUMPTION_REQUEST' ? { consumptionRequestReason: 'UNINTENDED_PURCHASE' } : {}),
    },
  });
  const res = await fetch(`${BASE_URL}/api/v1/stores/apple/notifications`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ signedPayload }),
  });
  return { status: res.status, body: (await res.json()) as { outcome?: string; caseNo?: string | null; error?: unknown } };
}

/** What the fake App Store Server API received: the consumption answers, by transaction. */
export async function appStoreReceived(): Promise<{ transactionId: string; body: Record<string, unknown> }[]> {
  const base = process.env.E2E_APP_STORE_URL;
  if (!base) throw new Error('E2E_APP_STORE_URL is not set: run the browser tests with `npm run e2e`');
  return (await (await fetch(`${base}/received`)).json()) as { transactionId: string; body: Record<string, unknown> }[];
}
