import type { z } from 'zod';
import type { policyPublishInput } from '../../shared/schemas/policy';
import type { StaffActor } from '../actor';
import { recordAudit } from '../audit/record-audit';
import type { Db } from '../db/client';
import { literal } from '../db/literal-limit';
import { writeTx } from '../db/write-tx';
import { DomainError } from '../errors';
import { currentPolicy } from './current-policy';

export async function policyHistory(db: Db) {
  const rows = await db
    .selectFrom('policy_versions')
    .select(['version', 'settings', 'note', 'published_by', 'published_at'])
    .orderBy('version', 'desc')
    .execute();
  return rows.map((r) => ({
    version: r.version,
    settings: JSON.parse(r.settings),
    note: r.note,
    publishedBy: r.published_by,
    publishedAt: r.published_at,
  }));
}

/** A new version never edits an old one: quotes keep pointing at the version they used. */
export function publishPolicy(db: Db, actor: StaffActor, input: z.output<typeof policyPublishInput>, now: Date) {
  return writeTx(db, async (tx) => {
    const current = await currentPolicy(tx);
    const latest = await tx.selectFrom('policy_versions').select('version').orderBy('version', 'desc').limit(literal(1)).executeTakeFirst();
    // an empty table means the built-in default, which is version 1
    const currentVersion = latest?.version ?? current.version;
    if (input.baseVersion !== currentVersion) {
      throw new DomainError('CONFLICT', `Version ${currentVersion} was published meanwhile: review it and publish again`);
    }
    const version = currentVersion + 1;
    const { version: _v, ...before } = current;
    await tx
      .insertInto('policy_versions')
      .values({
        version,
        settings: JSON.stringify(input.settings),
        note: input.note,
        published_by: actor.username,
        published_at: now.toISOString(),
      })
      .execute();
    await recordAudit(
      tx,
      actor,
      { action: 'policy.publish', entityType: 'policy', entityId: String(version), before, after: input.settings, reason: input.note },
      now,
    );
    return { version };
  });
}
