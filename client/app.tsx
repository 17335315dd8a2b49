import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { QueryClientProvider } from '@tanstack/react-query';
import { useState } from 'react';
import { SessionGate } from './auth/session-gate';
import { theme } from './theme';
import { createQueryClient, TRPCProvider, trpcClient } from './trpc';

export function App() {
  const [queryClient] = useState(createQueryClient);
  return (
    <MantineProvider theme={theme} defaultColorScheme="light">
      <Notifications position="top-right" />
      <QueryClientProvider client={queryClient}>
        <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
          <SessionGate />
        </TRPCProvider>
      </QueryClientProvider>
    </MantineProvider>
  );
}
