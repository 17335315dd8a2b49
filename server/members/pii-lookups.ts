import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { maskEmail, maskPhone } from '../../shared/mask';
import type { SearchKey } from '../../shared/search-query';
import type { StaffActor } from '../actor';
import { recordAudit } from '../audit/record-audit';
import type { Db } from '../db/client';
import { writeTx } from '../db/write-tx';
import { DomainError } from '../errors';

// A search by a full phone number or e-mail answers "is this person a member, and what did they
// buy" — an oracle a masked phone (189****5089) is 10,000 guesses away from. So each one is a
// lookup: audited (who, when, the masked value — never the value) and limited per staff member
// to `pii_lookup_limit` distinct values in `pii_lookup_window_minutes` (settings rows, 30 in 10
// by default). Past the limit the search is refused (429) and a `security.lookup_limit` alert is
// written once per window for the supervisors' dashboard. The counters are rows of the database
// (pii_lookups), so every server sharing it counts the same. A phone's last four digits, an
// order number, a UID and a nickname are not lookups: they stay free.

export const LOOKUP_SETTINGS = { limit: 'pii_lookup_limit', windowMinutes: 'pii_lookup_window_minutes' } as const;
export const DEFAULT_LOOKUP_LIMIT = 30;
export const DEFAULT_LOOKUP_WINDOW_MINUTES = 10;

export const LOOKUP_ACTION = 'member.lookup';
export const LOOKUP_ALERT_ACTION = 'security.lookup_limit';

type LookupKey = Extract<SearchKey, { kind: 'phone' | 'email' }>;

export function isPiiLookup(key: SearchKey | null): key is LookupKey {
  return key?.kind === 'phone' || key?.kind === 'email';
}

/** A positive whole number from a settings row, or the default when the row is missing or odd. */
function positiveInt(value: string | undefined, fallback: number): number {
  const n = Number(value);
  return Number.isSafeInteger(n) && n > 0 ? n : fallback;
}

export async function lookupSettings(db: Db): Promise<{ limit: number; windowMinutes: number }> {
  const rows = await db.selectFrom('settings').select(['key', 'value']).where('key', 'in', Object.values(LOOKUP_SETTINGS)).execute();
  const value = (key: string) => rows.find((r) => r.key === key)?.value;
  return {
    limit: positiveInt(value(LOOKUP_SETTINGS.limit), DEFAULT_LOOKUP_LIMIT),
    windowMinutes: positiveInt(value(LOOKUP_SETTINGS.windowMinutes), DEFAULT_LOOKUP_WINDOW_MINUTES),
  };
}

const maskOf = (key: LookupKey) => (key.kind === 'phone' ? maskPhone(key.value) : (maskEmail(key.value) ?? '***'));

/**
 * Records a full phone or e-mail search as a lookup by `actor`, or refuses it (TOO_MANY_REQUESTS)
 * when it would be their limit + 1st distinct value in the window. The lookup, its audit event
 * and (when refused) the alert commit together, before the search runs; a refusal is still
 * audited. Any other kind of key returns at once and writes nothing.
 */
export async function recordPiiLookup(db: Db, actor: StaffActor, key: SearchKey | null, now: Date): Promise<void> {
  if (!isPiiLookup(key)) return;
  const masked = maskOf(key);
  const keyHash = createHash('sha256').update(`${key.kind}:${key.value}`).digest('hex');
  const at = now.toISOString();

  const refused = await writeTx(db, async (tx) => {
    const { limit, windowMinutes } = await lookupSettings(tx);
    const since = new Date(now.getTime() - windowMinutes * 60_000).toISOString();
    // the distinct values looked up in the window, and whether this one is among them: one read
    const { n: distinct, again } = await tx
      .selectFrom('pii_lookups')
      .select([sql<number>`count(*)`.as('n'), sql<number | null>`max(case when key_hash = ${keyHash} then 1 else 0 end)`.as('again')])
      .where('staff_id', '=', actor.id)
      .where('looked_up_at', '>', since)
      .executeTakeFirstOrThrow();
    const window = { limit, windowMinutes };

    if (again !== 1 && distinct >= limit) {
      await recordAudit(
        tx,
        actor,
        {
          action: LOOKUP_ACTION,
          entityType: 'lookup',
          entityId: masked,
          after: { kind: key.kind, value: masked, refused: true, distinct, ...window },
        },
        now,
      );
      const alerted = await tx.selectFrom('pii_lookup_alerts').select('alerted_at').where('staff_id', '=', actor.id).executeTakeFirst();
      if (!alerted || alerted.alerted_at <= since) {
        await tx
          .insertInto('pii_lookup_alerts')
          .values({ staff_id: actor.id, alerted_at: at })
          .onConflict((oc) => oc.column('staff_id').doUpdateSet({ alerted_at: at }))
          .execute();
        await recordAudit(
          tx,
          actor,
          {
            action: LOOKUP_ALERT_ACTION,
            entityType: 'staff',
            entityId: String(actor.id),
            after: { staff: actor.username, distinct, ...window },
            reason: `${distinct} distinct phone numbers or e-mail addresses looked up in ${windowMinutes} minutes`,
          },
          now,
        );
      }
      return window;
    }

    await tx
      .insertInto('pii_lookups')
      .values({ staff_id: actor.id, key_hash: keyHash, looked_up_at: at })
      .onConflict((oc) => oc.columns(['staff_id', 'key_hash']).doUpdateSet({ looked_up_at: at }))
      .execute();
    // housekeeping: this staff member's lookups that have left the window count no more
    await tx.deleteFrom('pii_lookups').where('staff_id', '=', actor.id).where('looked_up_at', '<=', since).execute();
    await recordAudit(
      tx,
      actor,
      { action: LOOKUP_ACTION, entityType: 'lookup', entityId: masked, after: { kind: key.kind, value: masked } },
      now,
    );
    return null;
  });

  if (refused) {
    throw new DomainError(
      'TOO_MANY_REQUESTS',
      `You have looked up ${refused.limit} different phone numbers or e-mail addresses in the last ${refused.windowMinutes} minutes, the most allowed. ` +
        "Search by order number, member UID or a phone's last four digits, or wait a few minutes. Supervisors have been alerted.",
      { details: { reason: 'lookup_limit', limit: refused.limit, windowMinutes: refused.windowMinutes } },
    );
  }
}
