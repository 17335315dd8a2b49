import type { NavItem } from '../shared/roles';
import { canUse } from './navigation';
import type { RouterContext } from './router-context';

/** Thrown by a route's beforeLoad when the role may not use its section; shown as "no access". */
export class NoAccessError extends Error {
  constructor(readonly item: NavItem) {
    super(`no access to ${item}`);
    this.name = 'NoAccessError';
  }
}

/**
 * A route guard for one section: `beforeLoad: requireSection('audit')`. It runs before the
 * screen's code is downloaded, so a role never loads a screen it cannot use. The server
 * checks every procedure again; this is only so the user sees a clear page.
 */
export function requireSection(item: NavItem) {
  return ({ context }: { context: RouterContext }) => {
    if (!canUse(context.staff.role, item)) throw new NoAccessError(item);
  };
}
