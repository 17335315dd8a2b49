import { literal } from '../db/literal-limit';
import { DEFAULT_POLICY, refundPolicySchema, type RefundPolicy } from '../../shared/refund';
import type { BusinessCalendar } from '../../shared/time/business-days';
import type { Db } from '../db/client';

/** The policy version new quotes use: the latest published one (the default before any). */
export async function currentPolicy(db: Db): Promise<RefundPolicy> {
  const row = await db
    .selectFrom('policy_versions')
    .select(['version', 'settings'])
    .orderBy('version', 'desc')
    .limit(literal(1))
    .executeTakeFirst();
  if (!row) return DEFAULT_POLICY;
  return refundPolicySchema.parse({ ...JSON.parse(row.settings), version: row.version });
}

export async function businessCalendar(db: Db): Promise<BusinessCalendar> {
  const days = await db.selectFrom('calendar_days').select(['date', 'kind']).execute();
  return {
    holidays: days.filter((d) => d.kind === 'holiday').map((d) => d.date),
    makeupWorkdays: days.filter((d) => d.kind === 'makeup_workday').map((d) => d.date),
  };
}
