export const ROLES = ['agent', 'supervisor', 'auditor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

// Who may do what, named once and used by every procedure's declaration (docs/spec.md §1).
export const ALLOW = {
  /** read operational data: orders, members (masked), cases, communications */
  read: ['agent', 'supervisor', 'auditor'],
  /** work cases: open, quote, approve within limits, propose, reject, log communications */
  work: ['agent', 'supervisor'],
  /** approve above agent limits, goodwill, reassign, QA */
  supervise: ['supervisor'],
  /** audit log, dashboards, exports: supervisors and auditors */
  oversee: ['supervisor', 'auditor'],
  /**
   * the integration page (docs/integration.md §5): admins and supervisors, and auditors, who read
   * everything a supervisor sees (docs/spec.md §1); it changes nothing
   */
  integration: ['supervisor', 'auditor', 'admin'],
  /** staff, policy versions, calendar */
  administer: ['admin'],
  /** any signed-in staff member */
  anyone: ['agent', 'supervisor', 'auditor', 'admin'],
} as const satisfies Record<string, readonly Role[]>;

export type NavItem = 'orders' | 'cases' | 'approvals' | 'comms' | 'audit' | 'dashboard' | 'integration' | 'settings';

// Navigation per role: what each role sees in the shell (at least one section each).
export const NAV_BY_ROLE: Record<Role, readonly [NavItem, ...NavItem[]]> = {
  agent: ['orders', 'cases', 'comms', 'settings'],
  supervisor: ['orders', 'cases', 'approvals', 'comms', 'audit', 'dashboard', 'integration', 'settings'],
  // auditors see all a supervisor sees, read-only: the approvals queue without its decisions
  auditor: ['orders', 'cases', 'approvals', 'comms', 'audit', 'dashboard', 'integration', 'settings'],
  admin: ['integration', 'settings'],
};

// Where each role lands after signing in: the section its day starts with. Supervisors start
// on the refunds waiting for them; everyone else on their first section.
export const HOME_BY_ROLE: Record<Role, NavItem> = {
  agent: 'orders',
  supervisor: 'approvals',
  auditor: 'orders',
  admin: 'settings',
};

/** The sections that only read for a role: auditors see the approvals queue but decide nothing. */
export function decidesIn(role: Role, item: NavItem): boolean {
  if (item === 'approvals') return (ALLOW.supervise as readonly Role[]).includes(role);
  return (ALLOW.work as readonly Role[]).includes(role);
}
