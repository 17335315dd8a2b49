import '@mantine/notifications/styles.css';
import { Notifications } from '@mantine/notifications';

/** Where the console's toasts appear; loaded after the first sign-in (deferred-notifications.tsx). */
export default function NotificationsHost() {
  return <Notifications position="top-right" />;
}
