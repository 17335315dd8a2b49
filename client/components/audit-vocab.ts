import type { TFunction } from 'i18next';
import { formatFen } from '../../shared/refund/format';
import { formatDateTime } from '../lib/format';

// How audit events read to people: action codes, entity types and payload fields in the UI
// language, values formatted the way the rest of the console shows them (¥, Beijing time, the
// case vocabulary). A code nobody named yet still shows as itself: the log never hides one.

type Labels = { [key: string]: string | Labels };

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

/** Looks a dotted code (`case.approve`) up in a nested label map. */
function lookup(map: Labels, code: string): string | undefined {
  const direct = map[code];
  if (typeof direct === 'string') return direct;
  let node: string | Labels | undefined = map;
  for (const part of code.split('.')) {
    node = typeof node === 'object' ? node[part] : undefined;
  }
  return typeof node === 'string' ? node : undefined;
}

// Built once per language for the whole page: resolving these label maps with returnObjects
// translates every leaf, far too slow to repeat in each cell of a long log.
const byLanguage = new Map<string, AuditVocab>();

/** Labels and value formatting in a language (t must be bound to it). */
export function vocabFor(lang: string, t: TFunction): AuditVocab {
  let vocab = byLanguage.get(lang);
  if (!vocab) {
    vocab = buildVocab(t);
    byLanguage.set(lang, vocab);
  }
  return vocab;
}

function buildVocab(t: TFunction) {
  const actions = t('audit.vocab.actions', { returnObjects: true }) as Labels;
  const entities = t('audit.vocab.entities', { returnObjects: true }) as Labels;
  const fields = t('audit.vocab.fields', { returnObjects: true }) as Labels;
  const roles = t('common.roles', { returnObjects: true }) as Labels;
  // Which vocabulary a field's values come from.
  const valueMaps: Record<string, Labels[]> = {
    status: [
      t('cases.status', { returnObjects: true }),
      t('cases.refundStatus', { returnObjects: true }),
      t('orderVocab.status', { returnObjects: true }),
    ],
    orderStatus: [t('orderVocab.status', { returnObjects: true })],
    reason: [t('cases.reason', { returnObjects: true })],
    channel: [
      t('cases.intake', { returnObjects: true }),
      t('cases.paymentChannel', { returnObjects: true }),
      t('caseDetail.comms.channel', { returnObjects: true }),
    ],
    direction: [t('audit.vocab.direction', { returnObjects: true })],
    kind: [t('audit.vocab.evidenceKind', { returnObjects: true })],
    requested: [t('cases.requested', { returnObjects: true })],
    reasonCode: [t('cases.rejectReason', { returnObjects: true }), t('cases.reasonCode', { returnObjects: true })],
    outcome: [t('cases.outcome', { returnObjects: true })],
    basis: [t('cases.basis', { returnObjects: true })],
    verdict: [t('audit.qa.verdict', { returnObjects: true })],
    role: [roles],
    actorRole: [roles],
  };

  function actionLabel(action: string): string {
    return lookup(actions, action) ?? action;
  }

  function entityLabel(type: string): string {
    return lookup(entities, type) ?? type;
  }

  function roleLabel(role: string): string {
    return lookup(roles, role) ?? (role === 'system' ? t('audit.vocab.system') : role);
  }

  /** `filters.actor` → 筛选条件 · 操作人 */
  function fieldLabel(path: string): string {
    return path
      .split('.')
      .map((part) => lookup(fields, part) ?? part)
      .join(' · ');
  }

  function formatValue(path: string, value: unknown): string {
    const key = path.split('.').at(-1) ?? path;
    if (value === null || value === undefined || value === '') return '—';
    if (typeof value === 'boolean') return value ? t('audit.vocab.yes') : t('audit.vocab.no');
    if (typeof value === 'number') {
      if (/fen$/i.test(key) && Number.isSafeInteger(value)) return formatFen(value);
      if (key === 'samplePercent') return `${value}%`;
      return String(value);
    }
    if (typeof value === 'string') {
      if (ISO_INSTANT.test(value)) return formatDateTime(value);
      for (const map of valueMaps[key] ?? []) {
        const label = lookup(map, value);
        if (label) return label;
      }
      return value;
    }
    if (Array.isArray(value)) return value.length === 0 ? '—' : value.map((item) => formatItem(key, item)).join('；');
    return JSON.stringify(value);
  }

  /** One entry of a list: evidence reads "文件：receipt.png", uploads "#12", anything else its fields. */
  function formatItem(key: string, item: unknown): string {
    if (item === null || typeof item !== 'object') {
      if (typeof item === 'number' && (key === 'attachments' || /ids?$/i.test(key))) return `#${item}`;
      return formatValue(key, item);
    }
    const record = item as Record<string, unknown>;
    if (typeof record.label === 'string') {
      const kind = typeof record.kind === 'string' ? formatValue('kind', record.kind) : null;
      return kind ? `${kind}：${record.label}` : record.label;
    }
    return Object.entries(record)
      .filter(([, v]) => v !== null && v !== undefined)
      .map(([k, v]) => `${fieldLabel(k)} ${formatValue(k, v)}`)
      .join('，');
  }

  return { actionLabel, entityLabel, roleLabel, fieldLabel, formatValue };
}

export type AuditVocab = ReturnType<typeof buildVocab>;
