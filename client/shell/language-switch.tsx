import { Box, Button, Menu } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { IconCheck, IconChevronDown, IconLanguage } from '../components/icons';
import { currentLanguage, LANGUAGES, setLanguage } from '../i18n';

export function LanguageSwitch() {
  const { t } = useTranslation();
  const active = currentLanguage();
  return (
    <Menu position="bottom-end" width={160} shadow="md">
      <Menu.Target>
        <Button
          variant="subtle"
          color="gray"
          size="compact-md"
          leftSection={<IconLanguage />}
          rightSection={<IconChevronDown size={14} />}
          // named by the language shown (中文 / English); "change language" is its description,
          // and its name where the label is hidden (narrow windows)
          title={t('shell.language')}
          data-testid="language-switch"
        >
          <Box component="span" visibleFrom="xs">
            {t(`common.languageShort.${active}`)}
          </Box>
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        {LANGUAGES.map((lang) => (
          <Menu.Item
            key={lang}
            lang={lang}
            onClick={() => void setLanguage(lang)}
            rightSection={lang === active ? <IconCheck size={16} /> : null}
            aria-current={lang === active ? 'true' : undefined}
          >
            {t(`common.languages.${lang}`)}
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}
