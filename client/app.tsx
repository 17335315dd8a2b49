import { MantineProvider } from '@mantine/core';
import { QueryClientProvider } from '@tanstack/react-query';
import { useState } from 'react';
import { SessionGate } from './auth/session-gate';
import { DeferredNotifications } from './shell/deferred-notifications';
import { cssVariablesResolver, theme } from './theme';
import { createQueryClient, TRPCProvider, trpcClient } from './trpc';

export function App() {
  const [queryClient] = useState(createQueryClient);
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
