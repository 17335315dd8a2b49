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
  /** staff, policy versions, calendar */
  administer: ['admin'],
  /** any signed-in staff member */
  anyone: ['agent', 'supervisor', 'auditor', 'admin'],
} as const satisfies Record<string, readonly Role[]>;

export type NavItem = 'orders' | 'cases' | 'approvals' | 'comms' | 'audit' | 'dashboard' | 'settings';

// Navigation per role: what each role sees in the shell (at least one section each).
export const NAV_BY_ROLE: Record<Role, readonly [NavItem, ...NavItem[]]> = {
  agent: ['orders', 'cases', 'comms', 'settings'],
  supervisor: ['orders', 'cases', 'approvals', 'comms', 'audit', 'dashboard', 'settings'],
  auditor: ['orders', 'cases', 'comms', 'audit', 'dashboard', 'settings'],
  admin: ['settings'],
};
