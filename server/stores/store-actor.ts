import type { Actor } from '../audit/record-audit';
import type { Db } from '../db/client';

// What an App Store notification changes is done in the App Store's name. Cases, quotes and
// decisions name a staff row (foreign keys), so the store has one: `app_store`, inactive, with no
// password (it can never sign in), created the first time the store acts.
export const APP_STORE_USERNAME = 'app_store';

export async function appStoreActor(tx: Db, now: Date): Promise<Actor & { id: number }> {
  const held = await tx.selectFrom('staff').select('id').where('username', '=', APP_STORE_USERNAME).executeTakeFirst();
  const id =
    held?.id ??
    (
      await tx
        .insertInto('staff')
        .values({
          username: APP_STORE_USERNAME,
          display_name: 'App Store',
          role: 'agent',
          password_hash: '!no-sign-in',
          approval_limit_fen: 0,
          active: 0,
          created_at: now.toISOString(),
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  return { id, username: APP_STORE_USERNAME, role: 'system' };
}
