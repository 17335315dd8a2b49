import { Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useStaff } from '../../auth/session';
import { LabelledChoice } from '../../components/choice';
import { RoleBadge } from '../../components/role-badge';
import { currentLanguage, LANGUAGES, setLanguage } from '../../i18n';
import { DISPLAY_TIME_ZONE, useFormat } from '../../lib/format';
import { AccountFacts } from './account-facts';

/** Who is signed in, their approval limit, and the browser's preferences. */
export function AccountTab() {
  const { t } = useTranslation();
  const staff = useStaff();
  const format = useFormat();

  const limit =
    staff.approvalLimitFen !== null
      ? format.money(staff.approvalLimitFen)
      : staff.role === 'supervisor'
        ? t('settings.unlimited')
        : t('settings.noLimit');

  return (
    <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
      <Paper withBorder radius="md" p="lg">
        <Title order={2} size="h4" mb="md">
          {t('settings.account')}
        </Title>
        <AccountFacts
          rows={[
            [t('settings.displayName'), staff.displayName],
            [t('settings.username'), staff.username],
            [t('settings.role'), <RoleBadge key="role" role={staff.role} />],
            [t('settings.approvalLimit'), limit],
          ]}
        />
      </Paper>
      <Paper withBorder radius="md" p="lg">
        <Title order={2} size="h4" mb="md">
          {t('settings.preferences')}
        </Title>
        <Stack gap="md">
          <LabelledChoice
            id="settings-language"
            label={t('settings.language')}
            values={LANGUAGES}
            value={currentLanguage()}
            onChange={(lang) => void setLanguage(lang)}
            labelOf={(lang) => t(`common.languages.${lang}`)}
          >
            <Text size="xs" c="dimmed" mt={6}>
              {t('settings.languageHint')}
            </Text>
          </LabelledChoice>
          <AccountFacts rows={[[t('settings.timezone'), `${DISPLAY_TIME_ZONE} (UTC+8)`]]} />
        </Stack>
      </Paper>
    </SimpleGrid>
  );
}
