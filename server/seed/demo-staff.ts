import type { Role } from '../../shared/roles';

// The demo staff of docs/spec.md §5. Demo database only.
export const DEMO_ACCOUNTS: { username: string; password: string; role: Role; displayName: string; approvalLimitFen: number | null }[] = [
  { username: 'agent1', password: 'agent1-demo', role: 'agent', displayName: '林小雨', approvalLimitFen: 10000 },
  { username: 'agent2', password: 'agent2-demo', role: 'agent', displayName: '陈浩', approvalLimitFen: 10000 },
  { username: 'super1', password: 'super1-demo', role: 'supervisor', displayName: '王主管', approvalLimitFen: null },
  { username: 'auditor1', password: 'auditor1-demo', role: 'auditor', displayName: '赵审计', approvalLimitFen: null },
  { username: 'admin', password: 'admin-demo', role: 'admin', displayName: '系统管理员', approvalLimitFen: null },
  // the second supervisor: a supervisor's goodwill needs another supervisor to approve it (four eyes)
  { username: 'super2', password: 'super2-demo', role: 'supervisor', displayName: '刘主管', approvalLimitFen: null },
];
