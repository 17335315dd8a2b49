import type { Actor } from './audit/record-audit';
import type { Context, StaffIdentity } from './context';

/** A signed-in staff member as the audit trail records them (never the system). */
export type StaffActor = Actor & { id: number };

/** The signed-in staff member as the audit trail records them. */
export function actorOf(ctx: Context & { staff: StaffIdentity | null }): StaffActor {
  const s = ctx.staff;
  if (!s) throw new Error('actorOf called without a signed-in staff member');
  return { id: s.id, username: s.username, role: s.role, requestId: ctx.requestId, clientIp: ctx.clientIp };
}
