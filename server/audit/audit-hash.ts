import { createHash } from 'node:crypto';

export const GENESIS_HASH = '0'.repeat(64);

export interface HashedFields {
  id: number;
  at: string;
  actor_id: number | null;
  actor_username: string;
  actor_role: string;
  action: string;
  entity_type: string;
  entity_id: string;
  before: string | null;
  after: string | null;
  reason: string | null;
  request_id: string | null;
  client_ip: string | null;
}

// Each event's hash covers its own fields (its id included, so a reordering shows) and the
// previous event's hash: changing, removing or moving any event breaks every link after it.
export function auditHash(prevHash: string, e: HashedFields): string {
  const canonical = JSON.stringify([
    e.id,
    e.at,
    e.actor_id,
    e.actor_username,
    e.actor_role,
    e.action,
    e.entity_type,
    e.entity_id,
    e.before,
    e.after,
    e.reason,
    e.request_id,
    e.client_ip,
  ]);
  return createHash('sha256').update(prevHash).update('\n').update(canonical).digest('hex');
}
