import type { Staff } from './auth/session';

/** What every route can read: the signed-in staff member (routes only exist once signed in). */
export interface RouterContext {
  staff: Staff;
}
