import { jsonArrayText } from '../db/engine-sql';
import { literal } from '../db/literal-limit';
import { sql } from 'kysely';
import type { z } from 'zod';
import { OPEN_STATUSES } from '../../shared/case-transitions';
import type { casesListInput } from '../../shared/schemas/cases';
import type { StaffIdentity } from '../context';
import type { Db } from '../db/client';
import { decodeCursor, encodeCursor } from '../orders/cursor';
import { calendarYears } from '../policy/calendar';
import { slaEstimated } from './sla-estimated';
import { currentPolicy } from '../policy/current-policy';
import { quoteStaleness } from './quote-currency';
import { caseListCondition } from './case-list-filter';
import { storeDb } from '../stores/store-schema';

type Input = z.output<typeof casesListInput>;

/**
 * The keys of one page of the queue: earliest SLA first (so overdue cases lead), keyset on
 * (sla_due_at, case_no). Filters narrow the set and never change the order, so paging with them
 * is as stable as without. Exported for the query-plan checks.
 */
export async function caseKeysQuery(db: Db, staff: StaffIdentity, input: Input, now: Date) {
  const where = await caseListCondition(db, staff, input, now);
  // cases with a store request waiting for its answer lead the first page (storeFirstQuery), so the
  // keyset pages hold the others
  let keys = db
    .selectFrom('refund_cases')
    .select(['refund_cases.sla_due_at', 'refund_cases.case_no'])
    .where(where)
    .where('refund_cases.case_no', 'not in', unanswered(db));
  if (input.cursor) {
    const [due, caseNo] = decodeCursor<[string, string]>(input.cursor, ['string', 'string']);
    keys = keys.where(({ eb, refTuple, tuple }) =>
      eb(refTuple('refund_cases.sla_due_at', 'refund_cases.case_no'), '>', tuple(due, caseNo)),
    );
  }
  return {
    keys: keys
      .orderBy('refund_cases.sla_due_at')
      .orderBy('refund_cases.case_no')
      .limit(literal(input.limit + 1)),
    count: db
      .selectFrom('refund_cases')
      .select(sql<number>`count(*)`.as('n'))
      .where(where),
  };
}

/** The cases whose store request (Apple's consumption request) waits for its answer. */
function unanswered(db: Db) {
  return storeDb(db).selectFrom('store_requests').select('store_requests.case_no').where('store_requests.sent_at', 'is', null);
}

/**
 * The cases matching the filters with a store request still unanswered, most urgent first: they
 * lead the queue's first page (docs/integration.md §6: Apple waits 12 hours at most).
 */
async function storeFirst(db: Db, staff: StaffIdentity, input: Input, now: Date) {
  if (input.cursor) return [];
  const where = await caseListCondition(db, staff, input, now);
  return storeDb(db)
    .selectFrom('store_requests')
    .innerJoin('refund_cases', 'refund_cases.case_no', 'store_requests.case_no')
    .select(['refund_cases.case_no', 'store_requests.respond_by'])
    .where('store_requests.sent_at', 'is', null)
    .where(where as never)
    .orderBy('store_requests.respond_by')
    .orderBy('refund_cases.case_no')
    .limit(literal(50))
    .execute();
}

export async function listCases(db: Db, staff: StaffIdentity, input: Input, now: Date) {
  // The page's keys first (narrow rows, in the queue's order, stopping at the page's end), then
  // their details by primary key: the joins run for the rows shown, never for every case the
  // filters match, whatever plan SQLite picks for the filters.
  const { keys, count } = await caseKeysQuery(db, staff, input, now);
  const [found, urgent] = await Promise.all([keys.execute(), storeFirst(db, staff, input, now)]);
  const respondBy = new Map(urgent.map((u) => [u.case_no, u.respond_by]));
  const pageKeys = [...new Set([...urgent.map((u) => u.case_no), ...found.slice(0, input.limit).map((k) => k.case_no)])];
  const details = db
    .selectFrom('refund_cases')
    .innerJoin('members', 'members.uid', 'refund_cases.member_uid')
    .innerJoin('orders', 'orders.order_no', 'refund_cases.order_no')
    .leftJoin('staff', 'staff.id', 'refund_cases.assignee_id')
    .leftJoin('staff as proposer', 'proposer.id', 'refund_cases.proposed_by')
    .leftJoin('quotes as proposed', 'proposed.id', 'refund_cases.proposed_quote_id')
    .leftJoin('refunds', (join) =>
      join.onRef('refunds.case_no', '=', 'refund_cases.case_no').on('refunds.status', 'in', ['pending', 'succeeded']),
    )
    .select((eb) => [
      'refund_cases.case_no',
      'refund_cases.order_no',
      'refund_cases.member_uid',
      'members.nickname',
      'refund_cases.status',
      'refund_cases.reason',
      'refund_cases.channel',
      'refund_cases.sla_due_at',
      'refund_cases.created_at',
      'refund_cases.updated_at',
      'refund_cases.closed_at',
      'refund_cases.version',
      'orders.paid_fen',
      'orders.plan_code',
      'orders.payment_channel',
      'staff.username as assignee',
      'staff.display_name as assignee_name',
      'proposer.username as proposed_by',
      'proposer.display_name as proposed_by_name',
      'proposed.id as proposed_quote_id',
      'proposed.amount_fen as proposed_fen',
      'proposed.basis_kind as proposed_basis',
      'proposed.needs_supervisor as proposed_needs_supervisor',
      'proposed.policy_version as proposed_policy_version',
      'proposed.reason_code as proposed_reason_code',
      'proposed.created_at as proposed_created_at',
      'proposed.facts_digest as proposed_facts_digest',
      'proposed.usage_digest as proposed_usage_digest',
      'refund_cases.first_decided_at',
      'refunds.amount_fen as refund_fen',
      'refunds.status as refund_status',
      'refunds.settled_at as refund_settled_at',
      eb
        .selectFrom('case_decisions')
        .select(jsonArrayText(db, ['case_decisions.created_at', 'case_decisions.note']).as('proposal'))
        .whereRef('case_decisions.case_no', '=', 'refund_cases.case_no')
        .where('case_decisions.action', '=', 'propose')
        .orderBy('case_decisions.id', 'desc')
        .limit(literal(1))
        .as('last_proposal'),
    ]);
  const [unordered, total] = await Promise.all([
    pageKeys.length ? details.where('refund_cases.case_no', 'in', pageKeys).execute() : [],
    input.withTotal ? count.executeTakeFirstOrThrow().then((r) => r.n) : null,
  ]);
  const byKey = new Map(unordered.map((r) => [r.case_no, r]));
  // A proposal waiting for a checker is flagged when its quote went stale (the checker sends it back).
  const waiting = unordered.filter((r) => r.status === 'pending_approval' && r.proposed_quote_id !== null);
  const policy = waiting.length ? await currentPolicy(db) : null;
  const staleByCase = new Map<string, string>();
  for (const r of waiting) {
    const stale = await quoteStaleness(
      db,
      {
        id: r.proposed_quote_id!,
        case_no: r.case_no,
        order_no: r.order_no,
        policy_version: r.proposed_policy_version!,
        basis_kind: r.proposed_basis!,
        reason_code: r.proposed_reason_code!,
        created_at: r.proposed_created_at!,
        facts_digest: r.proposed_facts_digest,
        usage_digest: r.proposed_usage_digest,
      },
      policy!,
      now,
    );
    if (stale) staleByCase.set(r.case_no, stale.code);
  }
  // four eyes, for the approvals queue to enable its buttons at first paint: who made or
  // proposed a supervisor-needing refund on a waiting case never checks it (as cases.get says)
  const notCheckers = new Map<string, Set<string>>(waiting.map((r) => [r.case_no, new Set<string>()]));
  if (waiting.length) {
    const waitingNos = waiting.map((r) => r.case_no);
    const [makers, proposers] = await Promise.all([
      db
        .selectFrom('quotes')
        .innerJoin('staff', 'staff.id', 'quotes.created_by')
        .select(['quotes.case_no', 'staff.username'])
        .where('quotes.case_no', 'in', waitingNos)
        .where('quotes.needs_supervisor', '=', 1)
        .execute(),
      db
        .selectFrom('case_decisions')
        .innerJoin('staff', 'staff.id', 'case_decisions.actor_id')
        .select(['case_decisions.case_no', 'staff.username'])
        .where('case_decisions.case_no', 'in', waitingNos)
        .where('case_decisions.action', '=', 'propose')
        .execute(),
    ]);
    for (const m of [...makers, ...proposers]) if (m.case_no) notCheckers.get(m.case_no)?.add(m.username);
  }
  const page = pageKeys.flatMap((k) => byKey.get(k) ?? []);
  // An SLA counted past the calendar's last loaded year is an estimate on weekdays (flagged).
  const years = page.length ? await calendarYears(db) : new Set<number>();
  const timezone = page.length ? (policy ?? (await currentPolicy(db))).timezone : '';
  const last = found[input.limit - 1];
  const nowIso = now.toISOString();
  return {
    items: page.map((r) => {
      const [proposedAt, proposalNote] = r.last_proposal ? (JSON.parse(r.last_proposal) as [string, string]) : [null, null];
      return {
        caseNo: r.case_no,
        orderNo: r.order_no,
        memberUid: r.member_uid,
        nickname: r.nickname,
        status: r.status,
        reason: r.reason,
        channel: r.channel,
        assignee: r.assignee,
        assigneeName: r.assignee_name,
        slaDueAt: r.sla_due_at,
        /** the due time reaches past the years the holiday calendar covers: counted on weekdays */
        slaEstimated: slaEstimated(r.created_at, r.sla_due_at, years, timezone),
        overdue: OPEN_STATUSES.includes(r.status) && r.sla_due_at < nowIso,
        createdAt: r.created_at,
        updatedAt: r.updated_at,
        closedAt: r.closed_at,
        version: r.version,
        paidFen: r.paid_fen,
        planCode: r.plan_code,
        paymentChannel: r.payment_channel,
        /** the quote put to a supervisor (kept after the decision, as on the case page) */
        proposal:
          r.proposed_quote_id === null || r.proposed_fen === null
            ? null
            : {
                quoteId: r.proposed_quote_id,
                amountFen: r.proposed_fen,
                basis: r.proposed_basis,
                exception: r.proposed_basis !== 'calendar',
                needsSupervisor: r.proposed_needs_supervisor === 1,
                by: r.proposed_by,
                byName: r.proposed_by_name,
                at: proposedAt,
                note: proposalNote,
              },
        /** why the proposal waiting for approval may no longer be paid (recompute), or null */
        proposalStale: staleByCase.get(r.case_no) ?? null,
        /** for a proposal waiting for approval: who may not check it (four eyes, as cases.get's notCheckers), else null */
        notCheckers: notCheckers.has(r.case_no) ? [...notCheckers.get(r.case_no)!].sort() : null,
        /** a store's request waiting for its answer (Apple's consumption request): answer by then; the queue leads with these */
        storeRespondBy: respondBy.get(r.case_no) ?? null,
        /** the first decision of the current review cycle: what the SLA is measured by */
        firstDecidedAt: r.first_decided_at,
        /** the refund paid or in flight (a case has at most one) */
        refund:
          r.refund_fen === null || r.refund_status === null
            ? null
            : { amountFen: r.refund_fen, status: r.refund_status, settledAt: r.refund_settled_at },
      };
    }),
    nextCursor: found.length > input.limit && last ? encodeCursor([last.sla_due_at, last.case_no]) : null,
    /** every case the filters match, when asked for (withTotal) */
    total,
  };
}
