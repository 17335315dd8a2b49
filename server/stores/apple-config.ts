import { readFileSync } from 'node:fs';

// What the console needs to hear from and answer the App Store (docs/integration.md §6), from the
// environment (server/env.ts). Without a root certificate and a bundle id the notification route
// answers 404; without the API key the consumption answer cannot be sent (the case page says so).
export interface AppleConfig {
  /** the trusted roots (PEM or DER): Apple Root CA - G3 in production, the tests' own root in tests */
  rootCertificates: Buffer[];
  bundleId: string;
  /** required in Production: the app's numeric id, checked against data.appAppleId */
  appAppleId?: number;
  environment: 'Production' | 'Sandbox';
  /** the App Store Server API, for the consumption answer; absent: not configured */
  api: { base: string; keyId: string; issuerId: string; privateKeyPem: string } | null;
  /** send the computed consumption answer as soon as the request comes (with the member's consent) */
  autoSend: boolean;
}

export interface AppleEnv {
  APPLE_ROOT_CA_FILE: string;
  APPLE_BUNDLE_ID: string;
  APPLE_APP_APPLE_ID: string;
  APPLE_ENVIRONMENT: 'Production' | 'Sandbox';
  APPLE_API_BASE: string;
  APPLE_PRIVATE_KEY_FILE: string;
  APPLE_KEY_ID: string;
  APPLE_ISSUER_ID: string;
  APPLE_CONSUMPTION_AUTO_SEND: boolean;
}

export function appleConfig(env: AppleEnv): AppleConfig | null {
  if (!env.APPLE_ROOT_CA_FILE || !env.APPLE_BUNDLE_ID) return null;
  const appAppleId = env.APPLE_APP_APPLE_ID ? Number(env.APPLE_APP_APPLE_ID) : undefined;
  if (env.APPLE_ENVIRONMENT === 'Production' && (appAppleId === undefined || !Number.isSafeInteger(appAppleId)))
    throw new Error('invalid environment: APPLE_APP_APPLE_ID (a number) is required when APPLE_ENVIRONMENT=Production');
  const api =
    env.APPLE_PRIVATE_KEY_FILE && env.APPLE_KEY_ID && env.APPLE_ISSUER_ID
      ? {
          base: env.APPLE_API_BASE.replace(/\/+$/, ''),
          keyId: env.APPLE_KEY_ID,
          issuerId: env.APPLE_ISSUER_ID,
          privateKeyPem: readFileSync(env.APPLE_PRIVATE_KEY_FILE, 'utf8'),
        }
      : null;
  return {
    rootCertificates: [readFileSync(env.APPLE_ROOT_CA_FILE)],
    bundleId: env.APPLE_BUNDLE_ID,
    appAppleId,
    environment: env.APPLE_ENVIRONMENT,
    api,
    autoSend: env.APPLE_CONSUMPTION_AUTO_SEND,
  };
}
