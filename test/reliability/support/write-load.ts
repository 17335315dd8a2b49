import { sql } from 'kysely';
import type { Db } from '../../../server/db/client';
import { randomPick } from '../../support/random-pick';
import { httpApi, type Answer } from './http-api';
import type { Acknowledged } from './invariants';

// A write-heavy load of staff at work, over HTTP: open a case, quote it, approve and pay it back
// (sometimes with a double click on the same key, sometimes two supervisors racing with two
// keys), reject what pays nothing, log contacts, reveal members' data. It records what the API
// acknowledged (200) for the invariant checks and every answer it did not expect. A request cut
// off by the server dying ends its worker.

export interface Staff {
  agent: string;
  agent2: string;
  supervisor: string;
}

export interface Pools {
  orders: string[];
  members: string[];
}

export interface LoadResult {
  requests: number;
  /** requests in flight when the server died: their outcome is unknown */
  interrupted: number;
  /** approvals sent but never answered: the client would retry them with the same key */
  unanswered: Map<string, { caseNo: string; quoteId: number }>;
  /** answers no correct server gives to this load */
  unexpected: string[];
}

/** Orders that can be opened, quoted and paid back at once (no bank cards, no Apple), and members, from the database the server runs on. */
export async function loadPools(db: Db): Promise<Pools> {
  const orders = await db
    .selectFrom('orders as o')
    .innerJoin('plans as p', 'p.code', 'o.plan_code')
    .select('o.order_no')
    .where('o.status', 'in', ['paid', 'partially_refunded'])
    .whereRef('o.refunded_fen', '<', 'o.paid_fen')
    .where('o.open_case_no', 'is', null)
    .where('o.anomaly', 'is', null)
    .where('p.tier', '=', 'standard')
    .where('o.payment_channel', 'in', ['alipay', 'wechat_pay', 'bcoin'])
    .execute();
  const members = await db
    .selectFrom('members')
    .select('uid')
    .orderBy(sql`random()`)
    .limit(40)
    .execute();
  return { orders: shuffle(orders.map((o) => o.order_no)), members: members.map((m) => m.uid) };
}

function shuffle<T>(list: T[]): T[] {
  for (let i = list.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [list[i], list[j]] = [list[j]!, list[i]!]; // 0 <= j <= i < list.length
  }
  return list;
}

const pick = randomPick;

class Interrupted extends Error {}

export function startWriteLoad(opts: { url: string; staff: Staff; pools: Pools; marker: string; acked: Acknowledged; workers: number }): {
  /** resolves once `reached(answered)` holds (checked after every answer, `answered` counting the
   * requests this load got an answer to), rejects if the load ends first */
  until: (reached: (answered: number) => boolean, what: string) => Promise<void>;
  stop: () => Promise<LoadResult>;
} {
  const { url, staff, pools, marker, acked } = opts;
  const agent = httpApi(url, staff.agent);
  const agent2 = httpApi(url, staff.agent2);
  const supervisor = httpApi(url, staff.supervisor);
  const result: LoadResult = { requests: 0, interrupted: 0, unanswered: new Map(), unexpected: [] };
  let stopped = false;
  let seq = 0;
  const id = () => `${marker}-${Date.now().toString(36)}-${++seq}`;
  const waiting: { reached: (answered: number) => boolean; what: string; resolve: () => void; reject: (e: Error) => void }[] = [];
  let ended = false;
  // after the answer's caller has recorded what it acknowledged (its continuation runs first)
  const check = () =>
    setImmediate(() => {
      for (const w of [...waiting]) {
        if (w.reached(result.requests - result.interrupted)) w.resolve();
        else if (ended)
          w.reject(
            new Error(`the write load ended before ${w.what}: ${JSON.stringify({ ...result, unanswered: result.unanswered.size })}`),
          );
        else continue;
        waiting.splice(waiting.indexOf(w), 1);
      }
    });

  async function call<T>(fn: () => Promise<Answer<T>>, allowed: number[] = [200]): Promise<Answer<T>> {
    result.requests++;
    let answer: Answer<T>;
    try {
      answer = await fn();
    } catch {
      result.interrupted++;
      throw new Interrupted();
    } finally {
      check();
    }
    if (!allowed.includes(answer.status)) result.unexpected.push(`HTTP ${answer.status}: ${answer.text.slice(0, 300)}`);
    return answer;
  }

  type Approval = { refundId: number; amountFen: number; status: string };
  type Approved = { status: string; refund: Approval };
  async function approve(api: typeof agent, caseNo: string, quoteId: number, key: string, allowed = [200]) {
    result.unanswered.set(key, { caseNo, quoteId });
    const answer = await call<Approved>(() => api.mutate('cases.approve', { caseNo, quoteId, idempotencyKey: key }), allowed);
    result.unanswered.delete(key);
    if (answer.status === 200 && answer.data) {
      const r = answer.data.refund;
      const seen = acked.approvals.get(key);
      if (seen && (seen.refundId !== r.refundId || seen.amountFen !== r.amountFen))
        result.unexpected.push(`key ${key} answered two different refunds`);
      acked.approvals.set(key, { refundId: r.refundId, amountFen: r.amountFen, status: r.status, caseNo, quoteId });
    }
    return answer;
  }

  async function refundFlow() {
    const orderNo = pools.orders.pop();
    if (!orderNo) return logContact();
    const opened = await call<{ caseNo: string }>(() =>
      agent.mutate('cases.create', {
        orderNo,
        channel: 'phone',
        reason: 'mistaken_purchase',
        requested: 'full',
        statement: `${marker} 买错了`,
      }),
    );
    if (!opened.data) return;
    const caseNo = opened.data.caseNo;
    acked.cases.add(caseNo);
    const quoted = await call<{ quoteId: number; amountFen: number; needsSupervisor: boolean }>(() =>
      agent.mutate('cases.quote', { caseNo, basis: { kind: 'calendar' } }),
    );
    if (!quoted.data) return;
    const { quoteId, amountFen, needsSupervisor } = quoted.data;
    if (amountFen <= 0) {
      await call(() => agent.mutate('cases.reject', { caseNo, reasonCode: 'already_used', message: '您的会员已使用，按政策无可退金额' }));
      return;
    }
    const approver = !needsSupervisor && amountFen <= 10000 ? agent : supervisor;
    const style = Math.random();
    if (style < 0.6) {
      await approve(approver, caseNo, quoteId, id());
    } else if (style < 0.8) {
      // a double click: the same key twice at once, one answer
      const key = id();
      const [a, b] = await Promise.allSettled([approve(approver, caseNo, quoteId, key), approve(approver, caseNo, quoteId, key)]);
      if (a.status === 'fulfilled' && b.status === 'fulfilled' && a.value.text !== b.value.text) {
        result.unexpected.push(`double click answered differently: ${a.value.text} / ${b.value.text}`);
      }
      if (a.status === 'rejected') throw a.reason;
      if (b.status === 'rejected') throw b.reason;
    } else {
      // two supervisors (here one account, two tabs) racing with two keys: one pays, one CONFLICT
      const answers = await Promise.allSettled([
        approve(supervisor, caseNo, quoteId, id(), [200, 409]),
        approve(supervisor, caseNo, quoteId, id(), [200, 409]),
      ]);
      const settled = answers.filter((a): a is PromiseFulfilledResult<Answer<Approved>> => a.status === 'fulfilled');
      if (settled.length === 2 && settled.filter((a) => a.value.status === 200).length !== 1) {
        result.unexpected.push(`race: ${settled.map((a) => a.value.status).join('/')} instead of one 200 and one 409`);
      }
      for (const a of answers) if (a.status === 'rejected') throw a.reason;
    }
  }

  async function logContact() {
    const text = id();
    // a phone number and an e-mail in the body, as agents write them down
    const answer = await call<{ commId: number }>(() =>
      pick([agent, agent2]).mutate('comms.log', {
        memberUid: pick(pools.members),
        direction: 'inbound',
        channel: 'phone',
        body: `${text} 会员来电，回拨 13912345678 或 someone@example.com`,
      }),
    );
    if (answer.data) acked.comms.set(text, answer.data.commId);
  }

  async function reveal() {
    const reason = `${id()} 会员来电核实身份`;
    const answer = await call<{ value: string }>(() =>
      pick([agent, agent2]).mutate('members.reveal', { uid: pick(pools.members), field: pick(['phone', 'email']), reason }),
    );
    if (answer.status === 200) acked.reveals.add(reason);
  }

  async function worker() {
    while (!stopped) {
      const r = Math.random();
      try {
        if (r < 0.5) await refundFlow();
        else if (r < 0.8) await logContact();
        else await reveal();
      } catch (error) {
        if (error instanceof Interrupted) return;
        result.unexpected.push(`client error: ${String(error)}`);
        return;
      }
    }
  }

  const running = Array.from({ length: opts.workers }, () => worker());
  void Promise.all(running).then(() => {
    ended = true;
    check();
  });
  return {
    until: (reached, what) =>
      new Promise<void>((resolve, reject) => {
        waiting.push({ reached, what, resolve, reject });
        check();
      }),
    stop: async () => {
      stopped = true;
      await Promise.all(running);
      return result;
    },
  };
}
