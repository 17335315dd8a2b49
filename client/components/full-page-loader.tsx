import { Center, Loader, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

export function FullPageLoader() {
  const { t } = useTranslation();
  return (
    <Center h="100vh">
      <Stack align="center" gap="sm">
        <Loader size="md" />
        <Text size="sm" c="dimmed">
          {t('common.loading')}
        </Text>
      </Stack>
    </Center>
  );
}

/** While a screen's code or data loads inside the shell. */
export function ScreenLoader() {
  const { t } = useTranslation();
  return (
    <Center py={80} aria-busy="true">
      <Loader size="sm" role="status" aria-label={t('common.loading')} />
    </Center>
  );
}
