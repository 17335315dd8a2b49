import { useLocation, useNavigate } from '@tanstack/react-router';
import { useMemo } from 'react';
import { readAuditSearch, toUrlSearch, type AuditSearch } from './audit-search';

/**
 * The audit screen's URL state and a setter that merges a change into it. The route declares no
 * search schema (router.tsx is shared), so the screen reads and writes the search itself.
 */
export function useAuditSearch(): [AuditSearch, (change: Partial<AuditSearch>, opts?: { replace?: boolean }) => void] {
  const raw = useLocation({ select: (l) => l.search as Record<string, unknown> });
  const navigate = useNavigate();
  const search = useMemo(() => readAuditSearch(raw), [raw]);
  function set(change: Partial<AuditSearch>, opts: { replace?: boolean } = {}) {
    const next = toUrlSearch({ ...search, ...change });
    void navigate({ to: '/audit', search: next as never, replace: opts.replace });
  }
  return [search, set];
}
