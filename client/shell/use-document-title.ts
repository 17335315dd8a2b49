import { useLocation } from '@tanstack/react-router';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { NAV_SECTIONS } from '../navigation';
import type { NavItem } from '../../shared/roles';

/** "订单 · 退款工作台": tells one tab of the console from another. */
export function useDocumentTitle(): void {
  const { t, i18n } = useTranslation();
  const pathname = useLocation({ select: (l) => l.pathname });
  useEffect(() => {
    const item = (Object.keys(NAV_SECTIONS) as NavItem[]).find(
      (key) => pathname === NAV_SECTIONS[key].path || pathname.startsWith(`${NAV_SECTIONS[key].path}/`),
    );
    const app = t('common.appName');
    document.title = item ? `${t(`nav.items.${item}`)} · ${app}` : app;
  }, [pathname, t, i18n.resolvedLanguage]);
}
