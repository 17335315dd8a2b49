import { importPKCS8, SignJWT } from 'jose';
import { recordAudit, type Actor } from '../audit/record-audit';
import type { Db } from '../db/client';
import { writeTx } from '../db/write-tx';
import { DomainError, found } from '../errors';
import { log } from '../log';
import type { AppleConfig } from './apple-config';
import { storeDb } from './store-schema';

// Answers Apple's CONSUMPTION_REQUEST (docs/integration.md §6): PUT
// {APPLE_API_BASE}/inApps/v2/transactions/consumption/{transactionId} with an ES256 JWT made with
// the App Store Connect key — the console's own request, since the library's client has Apple's
// addresses built in. Only with the member's consent on record (customerConsented); once per
// request (a second send is refused); audited whether Apple took it or not. Apple's PUT replaces
// what it holds, so two agents sending at the same moment tell Apple the same thing twice at most.

export const SEND_TIMEOUT_MS = 10_000;

/** The request on a case still waiting for its answer (the newest). */
export async function waitingRequest(db: Db, caseNo: string) {
  return storeDb(db).selectFrom('store_requests').selectAll().where('case_no', '=', caseNo).orderBy('id', 'desc').executeTakeFirst();
}

/** Whether the member agreed that usage may be shared with the store, and who recorded it. */
export async function storeConsent(db: Db, memberUid: string) {
  const row = await storeDb(db)
    .selectFrom('member_consents')
    .select(['store_consumption_data', 'at', 'source', 'recorded_by'])
    .where('member_uid', '=', memberUid)
    .executeTakeFirst();
  return row
    ? { consented: row.store_consumption_data === 1, at: row.at, source: row.source, recordedBy: row.recorded_by }
    : { consented: false, at: null, source: null, recordedBy: null };
}

async function appleToken(api: NonNullable<AppleConfig['api']>, bundleId: string, now: Date): Promise<string> {
  const key = await importPKCS8(api.privateKeyPem, 'ES256');
  const iat = Math.floor(now.getTime() / 1000);
  return new SignJWT({ bid: bundleId })
    .setProtectedHeader({ alg: 'ES256', kid: api.keyId, typ: 'JWT' })
    .setIssuer(api.issuerId)
    .setIssuedAt(iat)
    .setExpirationTime(iat + 300)
    .setAudience('appstoreconnect-v1')
    .sign(key);
}

export async function sendConsumption(
  db: Db,
  config: AppleConfig | null | undefined,
  actor: Actor,
  caseNo: string,
  now: Date,
): Promise<{ sentAt: string }> {
  const request = await waitingRequest(db, caseNo);
  if (!request) throw new DomainError('NOT_FOUND', `Case ${caseNo} has no App Store request to answer`);
  if (request.sent_at) throw new DomainError('CONFLICT', `The answer to Apple was sent already (${request.sent_at})`);
  const kase = await db.selectFrom('refund_cases').select('member_uid').where('case_no', '=', caseNo).executeTakeFirstOrThrow();
  const consent = await storeConsent(db, kase.member_uid);
  if (!consent.consented)
    throw new DomainError(
      'PRECONDITION_FAILED',
      'The member has not agreed that usage data may be shared with Apple: record their consent first (or wait for it)',
    );
  if (!config?.api)
    throw new DomainError(
      'PRECONDITION_FAILED',
      'The App Store Server API is not configured (APPLE_PRIVATE_KEY_FILE, APPLE_KEY_ID, APPLE_ISSUER_ID)',
    );
  const body = consumptionBody(request);
  let failure: string | null = null;
  try {
    const res = await fetch(`${config.api.base}/inApps/v2/transactions/consumption/${encodeURIComponent(request.transaction_id)}`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${await appleToken(config.api, config.bundleId, now)}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(SEND_TIMEOUT_MS),
    });
    await res.arrayBuffer().catch(() => undefined);
    if (!res.ok) failure = `Apple answered HTTP ${res.status}`;
  } catch (error) {
    failure = `Apple could not be reached: ${error instanceof Error ? error.message : String(error)}`;
  }
  await writeTx(db, (tx) => recordConsumptionSend(tx, actor, { caseNo, request, consentSource: consent.source, failure }, now));
  if (failure) {
    log.warn('consumption answer not sent', { caseNo, reason: failure });
    throw new DomainError('SERVICE_UNAVAILABLE', `The answer did not reach Apple: ${failure}. Try again.`);
  }
  return { sentAt: now.toISOString() };
}

type StoreRequest = NonNullable<Awaited<ReturnType<typeof waitingRequest>>>;

/** What Apple is told (the body of the PUT). */
export function consumptionBody(request: StoreRequest) {
  return {
    customerConsented: true,
    consumptionPercentage: request.consumption_percentage,
    deliveryStatus: request.delivery_status,
    refundPreference: request.refund_preference,
    sampleContentProvided: false,
  };
}

/**
 * What sending came to, in the caller's write transaction with its audit event: the request
 * answered (once), or the failure kept on it for the agent to try again. The demo seed writes its
 * answered request through here too (server/seed/store-events.ts).
 */
export async function recordConsumptionSend(
  tx: Db,
  actor: Actor,
  s: { caseNo: string; request: StoreRequest; consentSource: string | null; failure: string | null },
  now: Date,
) {
  const sdb = storeDb(tx);
  if (s.failure) await sdb.updateTable('store_requests').set({ last_error: s.failure }).where('id', '=', s.request.id).execute();
  else
    await sdb
      .updateTable('store_requests')
      .set({ sent_at: now.toISOString(), sent_by: actor.username, last_error: null })
      .where('id', '=', s.request.id)
      .where('sent_at', 'is', null)
      .execute();
  await recordAudit(
    tx,
    actor,
    {
      action: s.failure ? 'case.store_answer_failed' : 'case.store_answer_sent',
      entityType: 'case',
      entityId: s.caseNo,
      after: { notificationUUID: s.request.notification_uuid, ...consumptionBody(s.request), consentSource: s.consentSource },
      reason: s.failure,
    },
    now,
  );
}

/** An agent writes down the member's spoken consent (or refusal) to share usage with the store: audited. */
export async function recordStoreConsent(
  db: Db,
  actor: Actor,
  input: { caseNo: string; consented: boolean; note: string },
  now: Date,
): Promise<{ consented: boolean }> {
  return writeTx(db, async (tx) => {
    const kase = await found(
      tx.selectFrom('refund_cases').select('member_uid').where('case_no', '=', input.caseNo),
      `No case ${input.caseNo}`,
    );
    const before = await storeConsent(tx, kase.member_uid);
    const row = {
      store_consumption_data: input.consented ? 1 : 0,
      at: now.toISOString(),
      source: 'agent' as const,
      recorded_by: actor.username,
    };
    await storeDb(tx)
      .insertInto('member_consents')
      .values({ member_uid: kase.member_uid, ...row })
      .onConflict((oc) => oc.column('member_uid').doUpdateSet(row))
      .execute();
    await recordAudit(
      tx,
      actor,
      {
        action: 'member.store_consent',
        entityType: 'member',
        entityId: kase.member_uid,
        before: { consented: before.consented, source: before.source },
        after: { consented: input.consented, source: 'agent', caseNo: input.caseNo },
        reason: input.note,
      },
      now,
    );
    return { consented: input.consented };
  });
}
