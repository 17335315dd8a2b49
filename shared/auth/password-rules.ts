// Kept apart from the zod schemas: the console's shell reads it, and importing the schemas there
// would put zod in the first download of the sign-in page.

/** NIST SP 800-63B: at least 12 characters here; any characters, checked as typed (NFKC). */
export const NEW_PASSWORD_MIN = 12;
