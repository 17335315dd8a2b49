import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { log, setLogLevel } from '../../server/log';
import { httpApi, signIn } from './support/http-api';
import { seededTarget, type SeededTarget } from './support/seeded-target';
import { holdWriteLock } from './support/write-lock';
import { startServer, type RunningServer } from './support/server-process';

// Personal data never reaches the logs (docs/spec.md §6): the real server runs at LOG_LEVEL=debug while
// staff sign in (and fail to), search by phone and e-mail, reveal, log a call whose notes carry
// a phone number and an e-mail, send malformed input full of personal data, and write while the
// database is locked (an error path that logs); everything it printed is then searched.
// On both engines (seeded-target.ts): SQLite under `npm run test:reliability`, PostgreSQL
// (DATABASE_URL) under `npm run test:pg`, where the lock is the write transactions' advisory lock.
const PHONE = /(?<!\d)(?:\+?86[\s-]?)?1[3-9]\d{9}(?!\d)/;
const EMAIL = /[\w.+-]+@[\w-]+(\.[\w-]+)+/;

let dir: string;
let server: RunningServer | null = null;
let target: SeededTarget | null = null;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'refund-desk-pii-'));
}, 120_000);
afterAll(async () => {
  await server?.kill9();
  await target?.drop();
  rmSync(dir, { recursive: true, force: true });
});

describe('personal data in logs', () => {
  it('the server at LOG_LEVEL=debug prints no phone number and no e-mail, whatever staff do', async () => {
    const seeded = (target = await seededTarget(dir, 'pii'));
    const member = await seeded.use((db) =>
      db
        .selectFrom('members as m')
        .innerJoin('orders as o', 'o.member_uid', 'm.uid')
        .select(['m.uid', 'm.phone', 'm.email', 'o.order_no'])
        .where('m.email', 'is not', null)
        .where('o.open_case_no', 'is', null)
        .where('o.status', '=', 'paid')
        .orderBy('o.order_no')
        .limit(1)
        .executeTakeFirstOrThrow(),
    );
    if (member.email === null) throw new Error('the seeded member has no e-mail');
    server = await startServer(seeded.dbPath, { ...seeded.env, LOG_LEVEL: 'debug' });
    const url = server.url;

    // a sign-in attempt that carries personal data (audited as a failure, never logged), then a real one
    const failed = await fetch(`${url}/trpc/auth.login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: member.phone, password: member.email }),
    });
    expect(failed.status).toBe(401);
    const api = httpApi(url, await signIn(url, 'agent1', 'agent1-demo'));

    for (const q of [
      member.phone,
      `+86 ${member.phone}`,
      `+86${member.phone}`,
      member.email,
      member.email.toUpperCase(),
      member.phone.slice(-4),
    ]) {
      expect((await api.query('orders.search', { q })).status).toBe(200);
    }
    expect((await api.query('orders.get', { orderNo: member.order_no })).status).toBe(200);
    expect(
      (await api.mutate('members.reveal', { uid: member.uid, field: 'phone', reason: `会员 ${member.phone} 来电核实身份` })).data,
    ).toEqual({ value: member.phone });
    expect((await api.mutate('members.reveal', { uid: member.uid, field: 'email', reason: '核实邮箱' })).data).toEqual({
      value: member.email,
    });
    const body = `会员来电，请回拨 ${member.phone}（备用 +86${member.phone}），或发邮件至 ${member.email}`;
    expect((await api.mutate('comms.log', { memberUid: member.uid, direction: 'inbound', channel: 'phone', body })).status).toBe(200);
    expect((await api.query('comms.list', { q: member.phone })).status).toBe(200);
    const opened = await api.mutate<{ caseNo: string }>('cases.create', {
      orderNo: member.order_no,
      channel: 'email',
      reason: 'mistaken_purchase',
      requested: 'full',
      statement: `我的手机 ${member.phone}，邮箱 ${member.email}，买错了`,
    });
    expect(opened.status, opened.text).toBe(200);

    // refused input full of personal data: bad fields, bad JSON, unknown paths, bad export filters
    expect((await api.mutate('comms.log', { memberUid: member.phone, direction: 'sideways', channel: member.email, body })).status).toBe(
      400,
    );
    const badJson = await fetch(`${url}/trpc/comms.log`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: `{"body":"${member.phone}`,
    });
    expect(badJson.status).toBe(400);
    expect((await fetch(`${url}/trpc/${member.phone}.${encodeURIComponent(member.email)}`)).status).toBe(404);
    await fetch(`${url}/export/audit.csv?from=${member.phone}&to=${encodeURIComponent(member.email)}`);

    // an error path that logs: the database is locked past the busy timeout during a write
    const release = await holdWriteLock(seeded.env.DATABASE_URL ? { databaseUrl: seeded.env.DATABASE_URL } : { sqliteFile: seeded.dbPath });
    try {
      const refused = await api.mutate('comms.log', { memberUid: member.uid, direction: 'note', channel: 'phone', body });
      expect(refused.status).toBe(503);
    } finally {
      await release();
    }

    await server.stop(); // and the shutdown's own log line
    const output = server.output();
    server = null;

    // the capture works: the start banner, the busy write's warning and the shutdown are there
    expect(output).toContain('Refund Desk is running');
    expect(output).toContain('"msg":"database busy: write refused"');
    expect(output).toContain('"msg":"shutting down"');
    const lines = output.split('\n');
    expect(lines.filter((l) => PHONE.test(l))).toEqual([]);
    expect(lines.filter((l) => EMAIL.test(l))).toEqual([]);
    for (const secret of [member.phone, member.email, member.email.split('@')[0]]) expect(output).not.toContain(secret);
  }, 120_000);

  it('the logger redacts phone numbers and e-mails wherever they hide in a line', () => {
    const written: string[] = [];
    const spy = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    });
    try {
      setLogLevel('debug');
      log.debug('lookup 13812345678 for Zhang.Wei+vip@Example.COM.cn', { q: '13912345678', note: 'mail li@example.com now' });
      log.info('plain', { nested: { deeper: ['tel:15012345678', { who: 'x_y@mail.example.org' }] } });
      log.warn('call a13812345678b', { phone: 'anything at all', email: 'anything', body: '13812345678', statement: 'li@example.com' });
      log.error('failed', { error: new Error('member 18612345678 not reachable').message, values: ['17712345678'] });
    } finally {
      spy.mockRestore();
      setLogLevel('info');
    }
    const text = written.join('');
    expect(written).toHaveLength(4);
    expect(text).not.toMatch(/1[3-9]\d{9}/);
    expect(text).not.toMatch(EMAIL);
    expect(text).toContain('[phone]');
    expect(text).toContain('[email]');
    expect(text).toContain('"phone":"[redacted]"');
  });

  // A phone written with the country code glued on (E.164, "+8613812345678"), with separators
  // ("138 1234 5678") or held as a number is redacted too.
  it('the logger also redacts +86-prefixed, separated and numeric phone numbers', () => {
    const written: string[] = [];
    const spy = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    });
    try {
      log.error('call back', { a: '+8613812345678', b: '8613812345678', c: '138 1234 5678', d: '138-1234-5678', e: 13812345678 });
    } finally {
      spy.mockRestore();
    }
    expect(written.join('')).not.toMatch(/1[3-9]\d[\s-]?\d{4}[\s-]?\d{4}/);
  });
});
