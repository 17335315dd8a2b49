import { createLocalJWKSet, jwtVerify } from 'jose';
import { DomainError } from '../errors';
import type { GoogleConfig } from './google-config';

// Verifies a Google Play real-time developer notification pushed by Pub/Sub (docs/integration.md
// §6): the push's OIDC token (Authorization: Bearer, RS256) against the keys of
// GOOGLE_PUSH_JWKS_FILE (no key is downloaded), the audience GOOGLE_PUSH_AUDIENCE, the issuer
// accounts.google.com, a verified e-mail and, when configured, the push's service account; then
// the push body `{message: {data: base64 JSON, messageId, publishTime}, subscription}`.
// A bad token is UNAUTHORIZED, a bad body BAD_REQUEST: nothing is written either way.

export interface GoogleNotification {
  /** the Pub/Sub messageId: the notification's identity (a redelivery carries the same) */
  messageId: string;
  publishTime: string;
  packageName: string;
  /** eventTimeMillis as an ISO instant */
  eventAt: string;
  voided: {
    purchaseToken: string;
    orderId: string;
    productType: number | null;
    refundType: number | null;
    voidedSource: number | null;
  } | null;
  subscription: { notificationType: number; purchaseToken: string; subscriptionId: string | null } | null;
  /** the kind named in the data: voidedPurchaseNotification, subscriptionNotification, testNotification, … */
  kind: string;
}

const ISSUERS = ['accounts.google.com', 'https://accounts.google.com'];
const keySets = new WeakMap<object, ReturnType<typeof createLocalJWKSet>>();

export async function verifyGooglePush(
  push: NonNullable<GoogleConfig['push']>,
  authorization: string | undefined,
  now: Date,
): Promise<void> {
  const token = /^Bearer (\S+)$/i.exec(authorization ?? '')?.[1];
  if (!token) throw new DomainError('UNAUTHORIZED', 'The push carries no bearer token');
  let keys = keySets.get(push.jwks);
  if (!keys) keySets.set(push.jwks, (keys = createLocalJWKSet(push.jwks)));
  let claims: Record<string, unknown>;
  try {
    ({ payload: claims } = await jwtVerify(token, keys, {
      issuer: ISSUERS,
      audience: push.audience,
      algorithms: ['RS256'],
      currentDate: now,
      clockTolerance: 60,
      requiredClaims: ['exp', 'iat'],
    }));
  } catch (error) {
    throw new DomainError('UNAUTHORIZED', `The push's token was refused: ${error instanceof Error ? error.message : 'invalid'}`);
  }
  if (claims.email_verified !== true) throw new DomainError('UNAUTHORIZED', "The push's token has no verified e-mail");
  if (push.serviceAccount && claims.email !== push.serviceAccount)
    throw new DomainError('UNAUTHORIZED', "The push's token names another service account");
}

const str = (v: unknown) => (typeof v === 'string' && v.length > 0 && v.length <= 2000 ? v : null);
const int = (v: unknown) => (typeof v === 'number' && Number.isInteger(v) ? v : null);

/** The push body read into a notification; BAD_REQUEST when it is not one. */
export function readGooglePush(body: unknown): GoogleNotification {
  const message = (body as { message?: Record<string, unknown> } | null)?.message;
  const messageId = str(message?.messageId ?? message?.message_id);
  const data = str(message?.data) ?? (typeof message?.data === 'string' ? message.data : null);
  if (!message || !messageId || data === null)
    throw new DomainError('BAD_REQUEST', 'The body must be a Pub/Sub push: {message: {data, messageId}}');
  let n: Record<string, unknown>;
  try {
    n = JSON.parse(Buffer.from(data, 'base64').toString('utf8')) as Record<string, unknown>;
    if (!n || typeof n !== 'object') throw new Error('not an object');
  } catch {
    throw new DomainError('BAD_REQUEST', 'message.data is not base64 JSON');
  }
  const packageName = str(n.packageName);
  const millis = Number(n.eventTimeMillis);
  if (!packageName || !Number.isFinite(millis) || millis <= 0)
    throw new DomainError('BAD_REQUEST', 'The notification needs packageName and eventTimeMillis');
  const v = n.voidedPurchaseNotification as Record<string, unknown> | undefined;
  const s = n.subscriptionNotification as Record<string, unknown> | undefined;
  let voided: GoogleNotification['voided'] = null;
  let subscription: GoogleNotification['subscription'] = null;
  if (v) {
    const purchaseToken = str(v.purchaseToken);
    const orderId = str(v.orderId);
    if (!purchaseToken || !orderId) throw new DomainError('BAD_REQUEST', 'voidedPurchaseNotification needs purchaseToken and orderId');
    voided = { purchaseToken, orderId, productType: int(v.productType), refundType: int(v.refundType), voidedSource: int(v.voidedSource) };
  }
  if (s) {
    const purchaseToken = str(s.purchaseToken);
    const notificationType = int(s.notificationType);
    if (!purchaseToken || notificationType === null)
      throw new DomainError('BAD_REQUEST', 'subscriptionNotification needs notificationType and purchaseToken');
    subscription = { notificationType, purchaseToken, subscriptionId: str(s.subscriptionId) };
  }
  const kind = voided
    ? 'voidedPurchaseNotification'
    : subscription
      ? 'subscriptionNotification'
      : (Object.keys(n).find((k) => k.endsWith('Notification')) ?? 'unknown');
  const publishTime = str(message.publishTime) ?? new Date(millis).toISOString();
  return { messageId, publishTime, packageName, eventAt: new Date(millis).toISOString(), voided, subscription, kind };
}
