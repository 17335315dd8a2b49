import { Button } from '@mantine/core';
import { Link, useLocation } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { useStaff } from '../auth/session';
import { homePathFor } from '../navigation';
import { IconCompass } from './icons';
import { StatusPage } from './status-page';

export function NotFoundPage() {
  const { t } = useTranslation();
  const staff = useStaff();
  const path = useLocation({ select: (l) => l.pathname });
  return (
    <StatusPage
      testId="not-found"
      icon={<IconCompass size={28} />}
      color="gray"
      title={t('errors.notFoundTitle')}
      description={t('errors.notFoundBody', { path })}
      actions={<Button renderRoot={(props) => <Link to={homePathFor(staff.role)} {...props} />}>{t('errors.backHome')}</Button>}
    />
  );
}
