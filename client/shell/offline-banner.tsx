import { Alert } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { IconAlert } from '../components/icons';
import { useOnline } from '../lib/online';

/**
 * Says, above every screen, that the console lost its network (or its server): data stops
 * updating and decisions are unavailable until it is back. On reconnect a short note says the
 * data was refreshed (React Query refetches the screen's queries on its own).
 */
export function OfflineBanner() {
  const { t } = useTranslation();
  const { online, cause } = useOnline();
  const wasOffline = useRef(false);

  useEffect(() => {
    if (!online) wasOffline.current = true;
    else if (wasOffline.current) {
      wasOffline.current = false;
      notifications.show({ id: 'back-online', color: 'green', message: t('shell.offline.back'), autoClose: 4000 });
    }
  }, [online, t]);

  if (online) return null;
  return (
    <Alert
      color="red"
      variant="filled"
      radius={0}
      icon={<IconAlert />}
      title={cause === 'server' ? t('shell.offline.serverTitle') : t('shell.offline.title')}
      role="alert"
      data-testid="offline-banner"
      data-cause={cause}
      style={{ position: 'sticky', top: 'var(--app-shell-header-height, 60px)', zIndex: 150 }}
      mb="md"
    >
      {cause === 'server' ? t('shell.offline.serverBody') : t('shell.offline.body')}
    </Alert>
  );
}
