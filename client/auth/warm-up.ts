import { useEffect } from 'react';
import { loadScreenMessages } from '../i18n/load-screen-messages';

/**
 * While someone types their password, fetch what the first screen after sign-in needs — the
 * screens' strings and the orders screen, where agents land — so signing in waits only for the
 * server, not for a chain of downloads. Failures are ignored here: the route fetches again.
 */
export function useWarmUpFirstScreen(): void {
  useEffect(() => {
    const timer = setTimeout(() => {
      loadScreenMessages().catch(() => {});
      import('../screens/orders/orders-screen').catch(() => {});
    }, 50);
    return () => clearTimeout(timer);
  }, []);
}
