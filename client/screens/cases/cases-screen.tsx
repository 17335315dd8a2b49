import { ActionIcon, Badge, Box, Button, Chip, Collapse, Group, Paper, Select, Tabs, Tooltip } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ALLOW, type Role } from '../../../shared/roles';
import { useStaff } from '../../auth/session';
import { icon, IconRefresh } from '../../components/icons';
import { PageHeader } from '../../components/page-header';
import { useTRPC } from '../../trpc';
import { CaseFilters } from './case-filters';
import {
  CASE_VIEWS,
  caseListInput,
  casesCsvHref,
  isFiltered,
  STATUS_FILTERS,
  withoutFilters,
  type CaseSearchParams,
  type CaseView,
  type StatusFilter,
} from './case-search-params';
import { CasesBody } from './cases-body';
import { useFilterPills } from './filter-pills';
import { FilterSummary } from './filter-summary';
import { KeysetPager, useCursorTrail } from './keyset-pager';
import { NewCaseDialog } from './new-case-dialog';

const route = getRouteApi('/cases');
const IconFilter = icon(<path d="M4 5h16l-6 7.5V19l-4-2v-4.5z" />, 'IconFilter');
const PAGE_SIZE = 50;

function worksCases(role: Role): boolean {
  return (ALLOW.work as readonly Role[]).includes(role);
}

/** Exports are for those who oversee (the server checks again). */
function mayExport(role: Role): boolean {
  return (ALLOW.oversee as readonly Role[]).includes(role);
}

export function CasesScreen() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const staff = useStaff();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const [opening, setOpening] = useState(false);
  const canWork = worksCases(staff.role);
  // Agents start with their own cases; supervisors oversee the team's; an auditor has none of
  // their own and sees only the team's.
  const view: CaseView = canWork ? (search.view ?? (staff.role === 'agent' ? 'mine' : 'team')) : 'team';
  const query = useQuery({ ...trpc.cases.list.queryOptions(caseListInput(search, view, PAGE_SIZE)), placeholderData: keepPreviousData });
  const pills = useFilterPills(search);
  const trail = useCursorTrail(search.cursor);
  // below 1200 px (a 1024 px laptop) the filters fold behind a button
  const narrow = useMediaQuery('(max-width: 74.99em)', false, { getInitialValueInEffect: false });
  const [filtersOpen, setFiltersOpen] = useState(false);
  // the filters inside the fold that are on (status, assignee and SLA stay in view)
  const advancedCount = pills.filter((p) => !['slaBreached', 'overdue', 'status', 'assignee', 'view'].includes(p.id)).length;

  /** Any filter change starts again from the first page. */
  function setFilters(change: Partial<CaseSearchParams>) {
    trail.reset();
    void navigate({ search: (prev) => ({ ...prev, ...change, cursor: undefined }) });
  }
  const goTo = (cursor: string | undefined) => void navigate({ search: (prev) => ({ ...prev, cursor }) });
  const filtered = isFiltered(search);
  const clearFilters = () => {
    trail.reset();
    void navigate({ search: withoutFilters(search) });
  };

  // The team queue can be narrowed to one assignee: those on this page, and who is chosen.
  const assignees = new Map<string, string>();
  if (search.assignee && search.assignee !== 'unassigned') assignees.set(search.assignee, search.assignee);
  for (const item of query.data?.items ?? []) if (item.assignee) assignees.set(item.assignee, item.assigneeName ?? item.assignee);
  // "Decided by" has no staff list to choose from: offer the people on this page.
  const people = [
    ...new Set(
      [...(query.data?.items ?? []).flatMap((i) => [i.assignee, i.proposal?.by]), search.decidedBy].filter((u): u is string => !!u),
    ),
  ].sort();

  return (
    <>
      <PageHeader
        title={t('cases.title')}
        description={t('cases.subtitle')}
        actions={
          <Group gap="xs">
            {mayExport(staff.role) && (
              <Tooltip label={t('cases.queue.exportHint')}>
                <Button
                  component="a"
                  href={casesCsvHref(caseListInput(search, view, PAGE_SIZE))}
                  download
                  variant="default"
                  data-testid="cases-export"
                >
                  {t('cases.queue.exportCsv')}
                </Button>
              </Tooltip>
            )}
            {canWork && (
              <Button onClick={() => setOpening(true)} data-testid="new-case">
                {t('cases.queue.newCase')}
              </Button>
            )}
          </Group>
        }
      />
      <Paper withBorder radius="md">
        <Group justify="space-between" px="md" pt="xs" wrap="wrap" gap="sm">
          {canWork ? (
            <Tabs value={view} onChange={(v) => v && setFilters({ view: v as CaseView, assignee: undefined })} variant="default">
              <Tabs.List style={{ borderBottom: 0 }}>
                {CASE_VIEWS.map((v) => (
                  <Tabs.Tab key={v} value={v} data-testid={`tab-${v}`}>
                    {t(`cases.queue.tabs.${v}`)}
                  </Tabs.Tab>
                ))}
              </Tabs.List>
            </Tabs>
          ) : (
            <div />
          )}
          <Group gap="sm" wrap="wrap" pb={6}>
            <Select
              size="xs"
              w={150}
              aria-label={t('cases.queue.filters.status')}
              data={STATUS_FILTERS.map((value) => ({ value, label: t(`cases.queue.statusFilter.${value}`) }))}
              value={search.status ?? 'open'}
              onChange={(v) => setFilters({ status: !v || v === 'open' ? undefined : (v as Exclude<StatusFilter, 'open'>) })}
              allowDeselect={false}
              data-testid="status-filter"
            />
            {view === 'team' && (
              <Select
                size="xs"
                w={140}
                aria-label={t('cases.queue.filters.assignee')}
                data={[
                  { value: '', label: t('cases.queue.filters.anyone') },
                  { value: 'unassigned', label: t('cases.queue.unassigned') },
                  ...[...assignees].map(([value, label]) => ({ value, label })),
                ]}
                value={search.assignee ?? ''}
                onChange={(v) => setFilters({ assignee: v || undefined })}
                allowDeselect={false}
              />
            )}
            {/* one SLA toggle: the first decision came after the due time, or none yet and past
                due (an old link's overdue=1, open and past due, shows as this toggle too) */}
            <Tooltip label={t('cases.queue.filters.breachedHint')} multiline w={280} withArrow>
              <div data-testid="sla-filter-wrap">
                <Chip
                  size="xs"
                  color="red"
                  checked={!!search.slaBreached || !!search.overdue}
                  onChange={(on) => setFilters({ slaBreached: on ? true : undefined, overdue: undefined })}
                  data-testid="sla-filter"
                >
                  {t('cases.queue.filters.breached')}
                </Chip>
              </div>
            </Tooltip>
            {narrow && (
              <Button
                size="xs"
                variant={filtersOpen ? 'light' : 'default'}
                leftSection={<IconFilter size={14} />}
                rightSection={
                  advancedCount > 0 ? (
                    <Badge size="xs" circle>
                      {advancedCount}
                    </Badge>
                  ) : undefined
                }
                onClick={() => setFiltersOpen((v) => !v)}
                aria-expanded={filtersOpen}
                aria-controls="case-filters-panel"
                data-testid="filters-toggle"
              >
                {t('cases.queue.filters.toggle')}
              </Button>
            )}
            <Tooltip label={t('cases.queue.refresh')} withArrow>
              <ActionIcon
                variant="subtle"
                color="gray"
                onClick={() => void query.refetch()}
                disabled={query.isFetching}
                aria-label={t('cases.queue.refresh')}
              >
                <IconRefresh size={16} />
              </ActionIcon>
            </Tooltip>
          </Group>
        </Group>
        {/* a narrow window folds the filters behind 筛选 (the pills below still say which are on) */}
        <Collapse expanded={!narrow || filtersOpen} id="case-filters-panel">
          <Box px="md" pb="sm">
            <CaseFilters search={search} people={people} onChange={setFilters} />
          </Box>
        </Collapse>
        <FilterSummary total={query.data?.total} pills={pills} onRemove={(pill) => setFilters(pill.clears)} onClear={clearFilters} />
        <CasesBody
          query={query}
          withAssignee={view === 'team'}
          filtered={filtered}
          filterText={pills.map((p) => p.label).join(t('cases.queue.filters.separator'))}
          view={view}
          onClearFilters={clearFilters}
          onShowTeam={() => setFilters({ view: 'team' })}
        />
        <KeysetPager
          trail={trail}
          cursor={search.cursor}
          nextCursor={query.data?.nextCursor ?? null}
          count={query.data?.items.length ?? 0}
          onGo={goTo}
        />
      </Paper>
      {canWork && <NewCaseDialog opened={opening} onClose={() => setOpening(false)} />}
    </>
  );
}
