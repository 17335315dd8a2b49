import { RouterProvider } from '@tanstack/react-router';
import { useEffect, useState } from 'react';
import type { Staff } from '../auth/session';
import { createConsoleRouter } from '../router';

/**
 * The console of one signed-in session: its router, the shell and every route. Not part of the
 * sign-in page's download (docs/performance.md): session-gate.tsx loads it lazily, and the
 * warm-up (auth/warm-up.ts) fetches it while the person types.
 */
export default function SignedInConsole({ staff, onStart }: { staff: Staff; onStart: () => void }) {
  const [router] = useState(() => createConsoleRouter({ staff }));
  useEffect(onStart, [onStart]);
  return <RouterProvider router={router} context={{ staff }} />;
}
