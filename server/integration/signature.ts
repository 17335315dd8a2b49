import { createHmac, timingSafeEqual } from 'node:crypto';

// Stripe-style signatures (docs/integration.md §1): `Refund-Desk-Signature: v1=<hex>` where hex
// is HMAC-SHA256(secret, timestamp + "." + raw body), and `Refund-Desk-Timestamp: <unix s>`.

export const TIMESTAMP_HEADER = 'refund-desk-timestamp';
export const SIGNATURE_HEADER = 'refund-desk-signature';
/** How far the timestamp may be from the server's clock, either way. */
export const TOLERANCE_SECONDS = 300;

export function signPayload(secret: string, timestamp: number | string, body: Buffer | string): string {
  return createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest('hex');
}

/** The two headers for a body, signed now (or at `timestamp`). */
export function signatureHeaders(secret: string, body: Buffer | string, timestamp = Math.floor(Date.now() / 1000)) {
  return { 'Refund-Desk-Timestamp': String(timestamp), 'Refund-Desk-Signature': `v1=${signPayload(secret, timestamp, body)}` };
}

/** Secrets from INGEST_SECRET: several, comma-separated, any one verifies (rotation). */
export function parseSecrets(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

export type SignatureCheck = { ok: true } | { ok: false; reason: string };

export function verifySignature(
  secrets: readonly string[],
  headers: { timestamp: string | undefined; signature: string | undefined },
  body: Buffer,
  now: Date,
): SignatureCheck {
  const { timestamp, signature } = headers;
  if (!timestamp || !/^\d{1,12}$/.test(timestamp)) return { ok: false, reason: 'Refund-Desk-Timestamp is missing or not unix seconds' };
  const skew = Math.abs(now.getTime() / 1000 - Number(timestamp));
  if (skew > TOLERANCE_SECONDS)
    return {
      ok: false,
      reason: `Refund-Desk-Timestamp is ${Math.round(skew)} s away from the server's clock (at most ${TOLERANCE_SECONDS})`,
    };
  // Stripe's form: several comma-separated `v1=` entries may be sent (e.g. during a rotation).
  const given = (signature ?? '')
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p.startsWith('v1='))
    .map((p) => p.slice(3))
    .filter((hex) => /^[0-9a-f]{64}$/i.test(hex))
    .map((hex) => Buffer.from(hex, 'hex'));
  if (given.length === 0) return { ok: false, reason: 'Refund-Desk-Signature is missing or not of the form v1=<64 hex digits>' };
  let match = false;
  // every secret against every given signature, without stopping early: constant time per pair
  for (const secret of secrets) {
    const expected = createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest();
    for (const g of given) if (timingSafeEqual(expected, g)) match = true;
  }
  return match ? { ok: true } : { ok: false, reason: 'Refund-Desk-Signature does not match the body and timestamp' };
}
