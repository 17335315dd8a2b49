import { MantineProvider } from '@mantine/core';
import { QueryClientProvider } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SessionGate } from './auth/session-gate';
import { DeferredNotifications } from './shell/deferred-notifications';
import { cssVariablesResolver, themeIn } from './theme';
import { createQueryClient, TRPCProvider, trpcClient } from './trpc';

export function App() {
  const [queryClient] = useState(createQueryClient);
  const { t } = useTranslation();
  const closeLabel = t('common.close');
  const theme = useMemo(() => themeIn(closeLabel), [closeLabel]);
  return (
    <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver} defaultColorScheme="light">
      <QueryClientProvider client={queryClient}>
        <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
          <DeferredNotifications />
          <SessionGate />
        </TRPCProvider>
      </QueryClientProvider>
    </MantineProvider>
  );
}
