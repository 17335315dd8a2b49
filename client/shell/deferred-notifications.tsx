import { lazy, Suspense, useState } from 'react';
import { useSession } from '../auth/session';

const NotificationsHost = lazy(() => import('./notifications-host'));

/**
 * The toasts' renderer (and its transitions) is not part of the sign-in page's download: it is
 * mounted once someone has signed in, and stays mounted after a sign-out so a toast shown on the
 * way out still appears. `notifications.show()` before that only fills the store, which the host
 * renders when it arrives.
 */
export function DeferredNotifications() {
  const { data } = useSession();
  const [needed, setNeeded] = useState(false);
  if (data && !needed) setNeeded(true);
  if (!needed) return null;
  return (
    <Suspense fallback={null}>
      <NotificationsHost />
    </Suspense>
  );
}
