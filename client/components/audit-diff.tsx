import { Anchor, Box, Text } from '@mantine/core';
import { useState } from 'react';
import classes from './audit-diff.module.css';
import { useAuditLabels } from './audit-labels';

export type DiffKind = 'added' | 'removed' | 'changed' | 'same';

export interface DiffEntry {
  path: string;
  kind: DiffKind;
  before?: unknown;
  after?: unknown;
}

/** Nested objects become dotted paths; arrays and scalars are leaves. */
function flatten(value: unknown, prefix = '', out = new Map<string, unknown>()): Map<string, unknown> {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length === 0 && prefix) out.set(prefix, value);
    for (const [k, v] of entries) flatten(v, prefix ? `${prefix}.${k}` : k, out);
  } else if (prefix) {
    out.set(prefix, value);
  } else if (value !== null && value !== undefined) {
    out.set('value', value);
  }
  return out;
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Field by field, what an event changed: the after's fields in order, then what it removed. */
export function diffEntries(before: unknown, after: unknown): DiffEntry[] {
  const b = flatten(before);
  const a = flatten(after);
  const entries: DiffEntry[] = [];
  for (const [path, value] of a) {
    if (value === undefined) continue;
    // A field the event names only to say it is empty (reasonCode: null) tells nothing.
    if (!b.has(path) || b.get(path) === undefined) {
      if (value !== null) entries.push({ path, kind: 'added', after: value });
    } else if (same(b.get(path), value)) entries.push({ path, kind: 'same', before: value, after: value });
    else entries.push({ path, kind: 'changed', before: b.get(path), after: value });
  }
  for (const [path, value] of b) {
    if (value !== undefined && (!a.has(path) || a.get(path) === undefined)) entries.push({ path, kind: 'removed', before: value });
  }
  return entries;
}

interface Props {
  before: unknown;
  after: unknown;
  /** show at most this many lines until "show all" is clicked */
  limit?: number;
}

/**
 * An event's before → after as a readable list: one line per field, the old value struck out
 * in red, the new one in green; fields that did not change are left out.
 */
export function AuditDiff({ before, after, limit }: Props) {
  const { t, vocab } = useAuditLabels();
  const [expanded, setExpanded] = useState(false);
  const entries = diffEntries(before, after).filter((e) => e.kind !== 'same');
  if (entries.length === 0) {
    return (
      <Text size="xs" c="dimmed" data-testid="audit-diff-empty">
        {before === null && after === null ? t('audit.diff.noPayload') : t('audit.diff.noChange')}
      </Text>
    );
  }
  // "Show 1 more" would take the space of the line it hides: truncate only when it saves some.
  const truncates = limit !== undefined && entries.length > limit + 1;
  const shown = truncates && !expanded ? entries.slice(0, limit) : entries;
  const creating = before === null || before === undefined;

  return (
    <Box className={classes.diff} data-testid="audit-diff">
      {shown.map((e) => (
        <Box key={e.path} className={classes.line} data-kind={e.kind}>
          <Text span size="xs" c="dimmed" className={classes.field} title={e.path}>
            {vocab.fieldLabel(e.path)}
          </Text>
          <Text span size="xs" className={classes.values}>
            {e.kind === 'changed' && (
              <>
                <span className={classes.before}>{vocab.formatValue(e.path, e.before)}</span>
                <span className={classes.arrow} role="img" aria-label={t('audit.diff.becomes')}>
                  →
                </span>
                <span className={classes.after}>{vocab.formatValue(e.path, e.after)}</span>
              </>
            )}
            {e.kind === 'added' && <span className={creating ? undefined : classes.after}>{vocab.formatValue(e.path, e.after)}</span>}
            {e.kind === 'removed' && (
              <>
                <span className={classes.before}>{vocab.formatValue(e.path, e.before)}</span>
                <Text span size="xs" c="dimmed" ml={6}>
                  {t('audit.diff.removed')}
                </Text>
              </>
            )}
          </Text>
        </Box>
      ))}
      {truncates && (
        <Anchor component="button" type="button" size="xs" onClick={() => setExpanded((v) => !v)} className={classes.more}>
          {expanded ? t('audit.diff.showLess') : t('audit.diff.showAll', { count: entries.length - (limit ?? 0) })}
        </Anchor>
      )}
    </Box>
  );
}
