import { importPKCS8, SignJWT } from 'jose';
import type { Db } from '../db/client';
import { log } from '../log';
import type { GoogleConfig } from '../stores/google-config';
import type { GatewayOutcome, GatewayRefundRequest, PaymentGateway } from './payment-gateway';
import { GatewayUnavailableError } from './payment-gateway';

// Google Play orders refunded from the console (docs/integration.md §6) behind the same
// PaymentGateway interface: the Play Developer API's orders.refund with revoke=true
// (POST {base}/androidpublisher/v3/applications/{package}/orders/{orderId}:refund?revoke=true),
// called as a service account (an RS256 JWT assertion exchanged at its token_uri for an access
// token, kept until a minute before it expires). Google's refund takes no amount: it refunds the
// whole order, so only full refunds get here (server/cases/quote-currency.ts refuses the rest).
// Other channels go to the gateway this one wraps. Refunding an order Google has refunded already
// is harmless (Google does not pay twice); a lookup asks for the order's state.

type Api = NonNullable<GoogleConfig['api']>;

const ANSWER_TIMEOUT_MS = 10_000;

export function createPlayGateway(api: Api, db: Db, other: PaymentGateway): PaymentGateway {
  let cached: { token: string; until: number } | null = null;

  async function accessToken(): Promise<string> {
    if (cached && cached.until > Date.now()) return cached.token;
    const key = await importPKCS8(api.privateKeyPem, 'RS256');
    const now = Math.floor(Date.now() / 1000);
    const assertion = await new SignJWT({ scope: 'https://www.googleapis.com/auth/androidpublisher' })
      .setProtectedHeader({ alg: 'RS256', typ: 'JWT' })
      .setIssuer(api.clientEmail)
      .setAudience(api.tokenUri)
      .setIssuedAt(now)
      .setExpirationTime(now + 3600)
      .sign(key);
    const res = await fetch(api.tokenUri, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion }),
      signal: AbortSignal.timeout(ANSWER_TIMEOUT_MS),
    });
    const json = (await res.json().catch(() => ({}))) as { access_token?: string; expires_in?: number };
    if (!res.ok || !json.access_token) throw new GatewayUnavailableError(`Google's token endpoint answered HTTP ${res.status}`);
    cached = { token: json.access_token, until: Date.now() + ((json.expires_in ?? 3600) - 60) * 1000 };
    return json.access_token;
  }

  const orderUrl = (orderId: string) =>
    `${api.base}/androidpublisher/v3/applications/${encodeURIComponent(api.packageName)}/orders/${encodeURIComponent(orderId)}`;

  async function call(method: 'GET' | 'POST', url: string): Promise<Response> {
    try {
      return await fetch(url, {
        method,
        headers: { authorization: `Bearer ${await accessToken()}` },
        signal: AbortSignal.timeout(ANSWER_TIMEOUT_MS),
      });
    } catch (error) {
      if (error instanceof GatewayUnavailableError) throw error;
      // no answer: the refund stays pending and the reconciler asks again
      throw new GatewayUnavailableError(`Google Play did not answer: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  async function refund(request: GatewayRefundRequest): Promise<GatewayOutcome> {
    if (request.channel !== 'google_play') return other.refund(request);
    const res = await call('POST', `${orderUrl(request.transactionId)}:refund?revoke=true`);
    if (res.ok) return { status: 'succeeded', gatewayRef: `play:${request.transactionId}` };
    if (res.status >= 500 || res.status === 429 || res.status === 401 || res.status === 403) {
      log.warn('google play refund not answered', { status: res.status, orderNo: request.orderNo });
      throw new GatewayUnavailableError(`Google Play answered HTTP ${res.status}`);
    }
    const body = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
    return { status: 'failed', reason: `Google Play refused the refund: ${body?.error?.message ?? `HTTP ${res.status}`}` };
  }

  async function lookup(idempotencyKey: string): Promise<GatewayOutcome | null> {
    const row = await db
      .selectFrom('refunds')
      .innerJoin('orders', 'orders.order_no', 'refunds.order_no')
      .select(['orders.transaction_id', 'refunds.payment_channel'])
      .where('refunds.idempotency_key', '=', idempotencyKey)
      .executeTakeFirst();
    if (row?.payment_channel !== 'google_play') return other.lookup(idempotencyKey);
    const res = await call('GET', orderUrl(row.transaction_id));
    if (!res.ok) return null;
    const order = (await res.json().catch(() => ({}))) as { state?: string };
    return order.state === 'REFUNDED' ? { status: 'succeeded', gatewayRef: `play:${row.transaction_id}` } : null;
  }

  return { refund, lookup };
}
