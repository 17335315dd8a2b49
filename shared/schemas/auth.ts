import { z } from 'zod';

export const loginInput = z.object({
  username: z.string().trim().min(1, 'Enter your username').max(64),
  password: z.string().min(1, 'Enter your password').max(256),
});

export const staffOutput = z.object({
  username: z.string(),
  role: z.enum(['agent', 'supervisor', 'auditor', 'admin']),
  displayName: z.string(),
  approvalLimitFen: z.number().int().nullable(),
});
