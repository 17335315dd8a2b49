import { streamRows } from '../db/stream-rows';
import type { Request, Response } from 'express';
import type { ReferenceExpression, SelectQueryBuilder } from 'kysely';
import { z } from 'zod';
import { ALLOW } from '../../shared/roles';
import { recordAudit } from '../audit/record-audit';
import type { Deps } from '../context';
import { casesListInput } from '../../shared/schemas/cases';
import { caseListCondition } from '../cases/case-list-filter';
import { openReader, type Db } from '../db/client';
import { writeTx } from '../db/write-tx';
import { log } from '../log';
import { csvLine } from './csv';
import { staffAllowed } from './request-staff';
import { refuse, sendError } from './send-error';
import { clientAddress } from './client-address';

const isoInstant = z.iso.datetime({ offset: true });
const filters = z.object({ from: isoInstant.optional(), to: isoInstant.optional(), status: z.string().max(40).optional() }).strict();
type Filters = z.infer<typeof filters>;

// Each export: its columns, listed once (a select list whose aliases or column names are the CSV
// header), and a streaming query (Kysely's cursor over better-sqlite3), so an export of a million
// rows never holds them in memory.
type CasesFilters = z.output<typeof casesListInput>;
type CaseCondition = Awaited<ReturnType<typeof caseListCondition>>;

/** A select list's CSV header: each column's alias, else its name without its table. */
function headerOf(columns: readonly string[]): string[] {
  return columns.map((column) => column.split(' as ').at(-1)!.split('.').at(-1)!);
}

const CASE_COLUMNS = [
  'case_no',
  'order_no',
  'member_uid',
  'status',
  'channel',
  'reason',
  'requested',
  'assignee',
  'sla_due_at',
  'created_at',
  'closed_at',
] as const;
type CaseColumn = Exclude<(typeof CASE_COLUMNS)[number], 'assignee'>;
const isCaseColumn = (column: (typeof CASE_COLUMNS)[number]): column is CaseColumn => column !== 'assignee';

const REFUND_COLUMNS = [
  'refunds.id as refund_id',
  'case_no',
  'order_no',
  'amount_fen',
  'payment_channel',
  'status',
  'gateway_ref',
  'staff.username as approved_by',
  'quote_id',
  'refunds.created_at',
  'settled_at',
] as const;

const COMM_COLUMNS = [
  'communications.id as comm_id',
  'case_no',
  'member_uid',
  'direction',
  'channel',
  'body',
  'duration_sec',
  'delivery_status',
  'staff.username as author',
  'communications.created_at',
] as const;

const AUDIT_COLUMNS = [
  'id',
  'at',
  'actor_username as actor',
  'actor_role as role',
  'action',
  'entity_type',
  'entity_id',
  'before',
  'after',
  'reason',
  'request_id',
  'hash',
] as const;

/** Query parameters as cases.list input: "true"/"false" become booleans, a page size is implied. */
function fromQuery(query: Request['query']): Record<string, unknown> {
  const out: Record<string, unknown> = { limit: 1 };
  for (const [key, value] of Object.entries(query)) {
    out[key] = value === 'true' ? true : value === 'false' ? false : value;
  }
  return out;
}

/** Every case the cases screen's filters match, oldest first. */
function casesRows(db: Db, where: CaseCondition) {
  const query = db
    .selectFrom('refund_cases')
    .select((eb) => [
      ...CASE_COLUMNS.filter(isCaseColumn),
      eb.selectFrom('staff').select('staff.username').whereRef('staff.id', '=', 'refund_cases.assignee_id').as('assignee'),
    ])
    .where(where)
    .orderBy('refund_cases.created_at')
    .orderBy('refund_cases.case_no');
  return streamRows(db, query, 1000);
}

/** The query's rows in the filters' time range: `from` and `to` bound the column `at`, both inclusive. */
function within<DB, TB extends keyof DB, O>(q: SelectQueryBuilder<DB, TB, O>, at: ReferenceExpression<DB, TB>, f: Filters) {
  return q.$if(Boolean(f.from), (w) => w.where(at, '>=', f.from!)).$if(Boolean(f.to), (w) => w.where(at, '<=', f.to!));
}

interface ExportSpec {
  header: string[];
  rows?: (db: Db, f: Filters) => AsyncIterable<Record<string, unknown>>;
}

// A Map, not an object: `/export/constructor.csv`, `__proto__`, `toString` name nothing (an
// object literal would find its prototype's members and go on to audit and stream them).
const EXPORTS = new Map<string, ExportSpec>(
  Object.entries({
    // its rows: casesRows, with the cases screen's filters
    cases: { header: [...CASE_COLUMNS] },
    refunds: {
      header: headerOf(REFUND_COLUMNS),
      rows: (db, f) => {
        const q = db.selectFrom('refunds').innerJoin('staff', 'staff.id', 'refunds.approved_by').select(REFUND_COLUMNS);
        const chosen = within(q, 'refunds.created_at', f).$if(Boolean(f.status), (w) => w.where('refunds.status', '=', f.status as never));
        return streamRows(db, chosen.orderBy('refunds.id'), 1000);
      },
    },
    communications: {
      header: headerOf(COMM_COLUMNS),
      rows: (db, f) => {
        const q = db.selectFrom('communications').leftJoin('staff', 'staff.id', 'communications.author_id').select(COMM_COLUMNS);
        return streamRows(db, within(q, 'communications.created_at', f).orderBy('communications.id'), 1000);
      },
    },
    audit: {
      header: headerOf(AUDIT_COLUMNS),
      rows: (db, f) => streamRows(db, within(db.selectFrom('audit_events').select(AUDIT_COLUMNS), 'at', f).orderBy('id'), 1000),
    },
  } satisfies Record<string, ExportSpec>),
);

export function exportHandler(deps: Deps) {
  return async (req: Request, res: Response) => {
    const kind = String(req.params.kind ?? '');
    const spec = EXPORTS.get(kind);
    if (!spec) return refuse(res, 'NOT_FOUND', `No export "${kind.slice(0, 40)}": ask for one of ${[...EXPORTS.keys()].join(', ')}`);
    const s = await staffAllowed(deps, req, res, ALLOW.oversee, 'Your role may not export');
    if (!s) return;
    // The cases export takes the cases screen's filters (those of cases.list); the others a range and a status.
    const parsed = kind === 'cases' ? casesListInput.safeParse(fromQuery(req.query)) : filters.safeParse(req.query);
    if (!parsed.success) return refuse(res, 'BAD_REQUEST', 'Invalid filters', { fieldErrors: z.flattenError(parsed.error).fieldErrors });
    let casesWhere: CaseCondition | null = null;
    if (kind === 'cases') {
      try {
        casesWhere = await caseListCondition(deps.db, s, parsed.data as CasesFilters, deps.now());
      } catch (error) {
        return sendError(res, error);
      }
    }

    await writeTx(deps.db, (tx) =>
      recordAudit(
        tx,
        { id: s.id, username: s.username, role: s.role, clientIp: clientAddress(req, deps.config.trustProxy) },
        { action: 'export', entityType: 'export', entityId: kind, after: { filters: parsed.data } },
        deps.now(),
      ),
    );
    const stamp = deps.now().toISOString().slice(0, 10);
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="refund-desk-${kind}-${stamp}.csv"`);
    res.setHeader('Cache-Control', 'no-store');
    res.write('\uFEFF' + csvLine(spec.header));
    // Rows come through a reader of the export's own (see openReader), so a slow client paces
    // only its own export; the reader closes when the export ends or the client goes away.
    // On PostgreSQL the export holds a connection of the pool instead (server/db/stream-rows.ts).
    const reader = deps.dbPath ? openReader(deps.dbPath) : null;
    const readDb = reader?.db ?? deps.db;
    try {
      const rows: AsyncIterable<Record<string, unknown>> = casesWhere
        ? casesRows(readDb, casesWhere)
        : spec.rows!(readDb, parsed.data as Filters);
      for await (const row of rows) {
        if (!res.write(csvLine(spec.header.map((column) => row[column])))) await new Promise((r) => res.once('drain', r));
        if (res.destroyed) break;
      }
    } catch (error) {
      log.error('export failed', { kind, error: error instanceof Error ? error.message : String(error) });
    } finally {
      await reader?.close();
    }
    res.end();
  };
}
