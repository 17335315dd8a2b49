import { Badge, Tabs } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ALLOW, type Role } from '../../../shared/roles';
import { useStaff } from '../../auth/session';
import { AuditLabelsProvider } from '../../components/audit-labels';
import { PageHeader } from '../../components/page-header';
import { useTRPC } from '../../trpc';
import { AuditHistory } from './audit-history';
import { AuditLog } from './audit-log';
import { AUDIT_TABS, type AuditTab } from './audit-search';
import { ChainVerifyButton, ChainVerifyResult, useChainVerify } from './chain-verify';
import { QaTab } from './qa-tab';
import { useAuditSearch } from './use-audit-search';

/** Oversight: the audit log, any case's or order's full history, chain verification, and QA. */
export function AuditScreen() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const staff = useStaff();
  const [search, setSearch] = useAuditSearch();
  const verify = useChainVerify();
  const canScore = (ALLOW.supervise as readonly Role[]).includes(staff.role);
  const waiting = useQuery(trpc.qa.queue.queryOptions({ reviewed: false, limit: 200 }));
  const qaWaiting =
    waiting.data && waiting.data.length > 0 ? (
      <Badge size="xs" color="orange" variant="filled" radius="sm">
        {waiting.data.length}
      </Badge>
    ) : null;

  return (
    <AuditLabelsProvider>
      <PageHeader title={t('audit.title')} description={t('audit.subtitle')} actions={<ChainVerifyButton query={verify} />} />
      <ChainVerifyResult query={verify} />
      <Tabs value={search.tab} onChange={(v) => v && setSearch({ tab: v as AuditTab })} keepMounted={false} mb="md">
        <Tabs.List>
          {AUDIT_TABS.map((tab) => (
            <Tabs.Tab key={tab} value={tab} data-testid={`audit-tab-${tab}`} rightSection={tab === 'qa' ? qaWaiting : null}>
              {t(`audit.tabs.${tab}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
      </Tabs>
      {search.tab === 'log' && <AuditLog filters={search} onChange={(change) => setSearch(change)} />}
      {search.tab === 'history' && (
        <AuditHistory
          entityType={search.entityType}
          entityId={search.entityId}
          onOpen={(entityType, entityId) => setSearch({ tab: 'history', entityType, entityId })}
        />
      )}
      {search.tab === 'qa' && (
        <QaTab view={search.qa ?? 'queue'} onView={(qa) => setSearch({ qa }, { replace: true })} canScore={canScore} />
      )}
    </AuditLabelsProvider>
  );
}
