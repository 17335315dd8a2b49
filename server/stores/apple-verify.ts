import { X509Certificate } from 'node:crypto';
import { Environment, SignedDataVerifier, VerificationException } from '@apple/app-store-server-library';
import { DomainError } from '../errors';
import type { AppleConfig } from './apple-config';

// Verifies an App Store Server Notification V2 (docs/integration.md §6) with Apple's own
// SignedDataVerifier: the JWS's ES256 signature by the leaf of its x5c chain, the chain up to a
// configured root with Apple's marker extensions, the bundle id (and the app id in Production),
// the environment; then the nested signedTransactionInfo / signedRenewalInfo the same way.
// With online checks off the library checks certificate dates at the payload's signedDate only,
// so the chain's dates are also checked against the current time here. Anything that fails is
// UNAUTHORIZED: nothing is written.

export interface AppleTransaction {
  transactionId: string;
  originalTransactionId: string;
  revocationDate?: number;
  revocationReason?: number;
  price?: number;
  currency?: string;
}

export interface AppleRenewal {
  originalTransactionId?: string;
  autoRenewStatus?: number;
  autoRenewProductId?: string;
}

export interface AppleNotification {
  notificationUUID: string;
  notificationType: string;
  subtype: string | null;
  /** the payload's signedDate as an ISO instant */
  signedAt: string;
  consumptionRequestReason: string | null;
  transaction: AppleTransaction | null;
  renewal: AppleRenewal | null;
}

const verifiers = new WeakMap<AppleConfig, SignedDataVerifier>();

function verifierFor(config: AppleConfig): SignedDataVerifier {
  let v = verifiers.get(config);
  if (!v) {
    const env = config.environment === 'Production' ? Environment.PRODUCTION : Environment.SANDBOX;
    v = new SignedDataVerifier(config.rootCertificates, false, env, config.bundleId, config.appAppleId);
    verifiers.set(config, v);
  }
  return v;
}

const REFUSALS: Record<number, string> = {
  1: 'the signature or certificate chain does not verify',
  2: 'the certificate chain does not verify',
  3: 'the notification names another app (bundleId / appAppleId)',
  4: 'the notification is for another App Store environment',
  5: 'the certificate chain must hold three certificates',
  6: 'the certificate chain is malformed',
  7: 'the certificate chain could not be checked',
};

function unauthorized(error: unknown): DomainError {
  const status = error instanceof VerificationException ? error.status : undefined;
  const reason = (status !== undefined && REFUSALS[status]) || 'the signed payload does not verify';
  return new DomainError('UNAUTHORIZED', `App Store notification refused: ${reason}`);
}

/** The chain's certificates (x5c and the configured root it ends at) must all be valid now too. */
function checkDatesNow(jws: string, config: AppleConfig, now: Date) {
  let x5c: unknown;
  try {
    x5c = (JSON.parse(Buffer.from(jws.split('.')[0] ?? '', 'base64url').toString('utf8')) as { x5c?: unknown }).x5c;
  } catch {
    throw new DomainError('UNAUTHORIZED', 'App Store notification refused: the JWS header is malformed');
  }
  const certs = (Array.isArray(x5c) ? x5c.slice(0, 2) : []).map((c) => new X509Certificate(Buffer.from(String(c), 'base64')));
  const roots = config.rootCertificates.map((r) => new X509Certificate(r));
  const root = roots.find((r) => certs[1]?.checkIssued(r));
  for (const cert of [...certs, ...(root ? [root] : [])]) {
    if (now < new Date(cert.validFrom) || now > new Date(cert.validTo))
      throw new DomainError('UNAUTHORIZED', 'App Store notification refused: a certificate of its chain is not valid now');
  }
}

export async function verifyAppleNotification(config: AppleConfig, signedPayload: string, now: Date): Promise<AppleNotification> {
  const verifier = verifierFor(config);
  try {
    const n = await verifier.verifyAndDecodeNotification(signedPayload);
    checkDatesNow(signedPayload, config, now);
    const data = n.data;
    if (!n.notificationUUID || !n.notificationType || !n.signedDate)
      throw new DomainError('BAD_REQUEST', 'The notification lacks notificationUUID, notificationType or signedDate');
    let transaction: AppleTransaction | null = null;
    if (data?.signedTransactionInfo) {
      checkDatesNow(data.signedTransactionInfo, config, now);
      const t = await verifier.verifyAndDecodeTransaction(data.signedTransactionInfo);
      if (!t.transactionId || !t.originalTransactionId) throw new DomainError('BAD_REQUEST', 'The transaction lacks its ids');
      transaction = {
        transactionId: t.transactionId,
        originalTransactionId: t.originalTransactionId,
        revocationDate: t.revocationDate,
        revocationReason: t.revocationReason,
        price: t.price,
        currency: t.currency,
      };
    }
    let renewal: AppleRenewal | null = null;
    if (data?.signedRenewalInfo) {
      checkDatesNow(data.signedRenewalInfo, config, now);
      const r = await verifier.verifyAndDecodeRenewalInfo(data.signedRenewalInfo);
      renewal = {
        originalTransactionId: r.originalTransactionId,
        autoRenewStatus: r.autoRenewStatus,
        autoRenewProductId: r.autoRenewProductId,
      };
    }
    return {
      notificationUUID: n.notificationUUID,
      notificationType: String(n.notificationType),
      subtype: n.subtype ? String(n.subtype) : null,
      signedAt: new Date(n.signedDate).toISOString(),
      consumptionRequestReason: (data as { consumptionRequestReason?: string } | undefined)?.consumptionRequestReason ?? null,
      transaction,
      renewal,
    };
  } catch (error) {
    if (error instanceof DomainError) throw error;
    throw unauthorized(error);
  }
}
