import { Button } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import type { NavItem } from '../../shared/roles';
import { useStaff } from '../auth/session';
import { homePathFor } from '../navigation';
import { IconLock } from './icons';
import { StatusPage } from './status-page';

/** For a section the role may not use (or a call the server refused with FORBIDDEN). */
export function NoAccessPage({ item }: { item?: NavItem }) {
  const { t } = useTranslation();
  const staff = useStaff();
  const role = t(`common.roles.${staff.role}`);
  return (
    <StatusPage
      testId="no-access"
      icon={<IconLock size={28} />}
      color="orange"
      title={t('errors.noAccessTitle')}
      description={item ? t('errors.noAccessBody', { role, section: t(`nav.items.${item}`) }) : t('errors.noAccessGeneric', { role })}
      actions={<Button renderRoot={(props) => <Link to={homePathFor(staff.role)} {...props} />}>{t('errors.backHome')}</Button>}
    />
  );
}
