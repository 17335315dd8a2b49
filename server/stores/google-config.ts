import { readFileSync } from 'node:fs';
import type { JSONWebKeySet } from 'jose';

// What the console needs to hear from Google Play and to refund through it (docs/integration.md
// §6), from the environment (server/env.ts). Without an audience and a key file the RTDN route
// answers 404; without the Play Developer API's service account, Google Play orders cannot be
// refunded from the console (the approval says so and nothing is paid).
export interface GoogleConfig {
  /** the Pub/Sub push's OIDC token: audience, Google's signing keys (a local JWKS), and optionally the push's service account */
  push: { audience: string; jwks: JSONWebKeySet; serviceAccount: string | null } | null;
  /** the app; a notification naming another package is refused */
  packageName: string | null;
  /** the Play Developer API (orders.refund with revoke), called as a service account */
  api: { base: string; packageName: string; clientEmail: string; privateKeyPem: string; tokenUri: string } | null;
}

export interface GoogleEnv {
  GOOGLE_PUSH_AUDIENCE: string;
  GOOGLE_PUSH_JWKS_FILE: string;
  GOOGLE_PUSH_SERVICE_ACCOUNT: string;
  GOOGLE_PLAY_PACKAGE_NAME: string;
  GOOGLE_PLAY_API_BASE: string;
  GOOGLE_PLAY_SERVICE_ACCOUNT_FILE: string;
}

export function googleConfig(env: GoogleEnv): GoogleConfig | null {
  const push =
    env.GOOGLE_PUSH_AUDIENCE && env.GOOGLE_PUSH_JWKS_FILE
      ? {
          audience: env.GOOGLE_PUSH_AUDIENCE,
          jwks: readJwks(env.GOOGLE_PUSH_JWKS_FILE),
          serviceAccount: env.GOOGLE_PUSH_SERVICE_ACCOUNT || null,
        }
      : null;
  let api: GoogleConfig['api'] = null;
  if (env.GOOGLE_PLAY_SERVICE_ACCOUNT_FILE) {
    if (!env.GOOGLE_PLAY_PACKAGE_NAME)
      throw new Error('invalid environment: GOOGLE_PLAY_PACKAGE_NAME is required with GOOGLE_PLAY_SERVICE_ACCOUNT_FILE');
    const key = JSON.parse(readFileSync(env.GOOGLE_PLAY_SERVICE_ACCOUNT_FILE, 'utf8')) as {
      client_email?: string;
      private_key?: string;
      token_uri?: string;
    };
    if (!key.client_email || !key.private_key || !key.token_uri)
      throw new Error('invalid environment: GOOGLE_PLAY_SERVICE_ACCOUNT_FILE needs client_email, private_key and token_uri');
    api = {
      base: env.GOOGLE_PLAY_API_BASE.replace(/\/+$/, ''),
      packageName: env.GOOGLE_PLAY_PACKAGE_NAME,
      clientEmail: key.client_email,
      privateKeyPem: key.private_key,
      tokenUri: key.token_uri,
    };
  }
  if (!push && !api) return null;
  return { push, packageName: env.GOOGLE_PLAY_PACKAGE_NAME || null, api };
}

function readJwks(file: string): JSONWebKeySet {
  const jwks = JSON.parse(readFileSync(file, 'utf8')) as JSONWebKeySet;
  if (!Array.isArray(jwks.keys) || jwks.keys.length === 0) throw new Error('invalid environment: GOOGLE_PUSH_JWKS_FILE holds no keys');
  return jwks;
}
