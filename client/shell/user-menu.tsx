import { Avatar, Box, Group, Menu, Stack, Text, UnstyledButton } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useStaff } from '../auth/session';
import { useSessionActions } from '../auth/session-actions';
import { IconChevronDown, IconLogout } from '../components/icons';
import { RoleBadge } from '../components/role-badge';
import { ChangePasswordDialog } from './change-password-dialog';
import classes from './user-menu.module.css';

/** 林小雨 → 林; Ada Lovelace → AL. */
function initialsOf(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const [first] = words;
  if (first === undefined) return '?';
  // filter(Boolean) left only non-empty words, so each has a first character
  if (/^[\p{Script=Han}]/u.test(first)) return [...first][0]!;
  return words
    .slice(0, 2)
    .map((w) => [...w][0]!.toUpperCase())
    .join('');
}

export function UserMenu() {
  const { t } = useTranslation();
  const staff = useStaff();
  const { signOut: endSession, signOutEverywhere: endEverySession } = useSessionActions();
  const [changing, changeDialog] = useDisclosure(false);

  const signOut = useMutation({
    mutationFn: endSession,
    onError: () => notifications.show({ color: 'red', message: t('auth.signOutFailed') }),
  });
  const signOutEverywhere = useMutation({
    mutationFn: endEverySession,
    onError: () => notifications.show({ color: 'red', message: t('auth.signOutFailed') }),
  });

  return (
    <>
      <ChangePasswordDialog opened={changing} onClose={changeDialog.close} />
      <Menu position="bottom-end" width={240} shadow="md">
        <Menu.Target>
          {/* named by who is signed in, as shown (the initials are decoration); "account menu"
              is its description, and its name where the name is hidden (narrow windows) */}
          <UnstyledButton className={classes.target} title={t('shell.userMenu')} data-testid="user-menu">
            <Group gap={8} wrap="nowrap">
              <Avatar size={30} radius="xl" color="brand" variant="light" aria-hidden="true">
                {initialsOf(staff.displayName)}
              </Avatar>
              <Text size="sm" fw={500} className={classes.name} visibleFrom="md" data-testid="user-display-name">
                {staff.displayName}
              </Text>
              <Box visibleFrom="md">
                <RoleBadge role={staff.role} size="sm" />
              </Box>
              <IconChevronDown size={14} />
            </Group>
          </UnstyledButton>
        </Menu.Target>
        <Menu.Dropdown>
          <Stack gap={2} px="sm" py={8}>
            <Text size="xs" c="dimmed">
              {t('shell.signedInAs')}
            </Text>
            <Text size="sm" fw={600}>
              {staff.displayName}
            </Text>
            <Text size="xs" c="dimmed">
              {staff.username} · {t(`common.roles.${staff.role}`)}
            </Text>
          </Stack>
          <Menu.Divider />
          <Menu.Item onClick={changeDialog.open} data-testid="change-password">
            {t('auth.changePassword')}
          </Menu.Item>
          <Menu.Item
            onClick={() => {
              if (window.confirm(t('auth.signOutEverywhereConfirm'))) signOutEverywhere.mutate();
            }}
            disabled={signOutEverywhere.isPending}
            data-testid="sign-out-everywhere"
          >
            {t('auth.signOutEverywhere')}
          </Menu.Item>
          <Menu.Item
            color="red"
            leftSection={<IconLogout size={16} />}
            onClick={() => signOut.mutate()}
            disabled={signOut.isPending}
            data-testid="sign-out"
          >
            {t('auth.signOut')}
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
    </>
  );
}
