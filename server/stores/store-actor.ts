import type { Actor } from '../audit/record-audit';
import type { Db } from '../db/client';

// What an App Store notification changes is done in the App Store's name. Cases, quotes and
// decisions name a staff row (foreign keys), so the store has one: `app_store`, inactive, with no
// password (it can never sign in), created the first time the store acts.
export const APP_STORE_USERNAME = 'app_store';

export const GOOGLE_PLAY_USERNAME = 'google_play';

export function appStoreActor(tx: Db, now: Date): Promise<Actor & { id: number }> {
  return storeActor(tx, now, APP_STORE_USERNAME, 'App Store');
}

/** Google Play's notifications act as `google_play`, made the same way. */
export function googlePlayActor(tx: Db, now: Date): Promise<Actor & { id: number }> {
  return storeActor(tx, now, GOOGLE_PLAY_USERNAME, 'Google Play');
}

async function storeActor(tx: Db, now: Date, username: string, displayName: string): Promise<Actor & { id: number }> {
  const held = await tx.selectFrom('staff').select('id').where('username', '=', username).executeTakeFirst();
  const id =
    held?.id ??
    (
      await tx
        .insertInto('staff')
        .values({
          username,
          display_name: displayName,
          role: 'agent',
          password_hash: '!no-sign-in',
          approval_limit_fen: 0,
          active: 0,
          created_at: now.toISOString(),
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  return { id, username, role: 'system' };
}
