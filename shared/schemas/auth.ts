import { z } from 'zod';
import { NEW_PASSWORD_MIN } from '../auth/password-rules';

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

export const changePasswordInput = z.object({
  currentPassword: z.string().min(1, 'Enter your current password').max(256),
  newPassword: z.string().min(NEW_PASSWORD_MIN, `At least ${NEW_PASSWORD_MIN} characters`).max(256),
});

export const staffUsernameInput = z.object({
  username: z.string().trim().min(1, 'Enter a username').max(64),
});
