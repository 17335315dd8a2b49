import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpServer } from '../../server/http/app';
import { MAX_UPLOAD_BYTES } from '../../shared/uploads';
import { cookieOf } from '../support/cookie';
import { callerFor, createStaff, type TestWorld } from '../support/test-db';
import { auditedAfter, caseInput, caseRow, ON_THE_PHONE, openCase, orderRow, orderWithMember, phoneCase } from './cases-support';
import { worldWithPlans } from '../support/world';
import { rowCount } from '../support/row-count';

// a case the member asked for in the app, in no words of their own
const IN_THE_APP = { ...ON_THE_PHONE, channel: 'app' } as const;

// Uploads through the real HTTP server (bytes, headers, cookies, CSRF as browsers send them),
// then attached through the procedures as the console does.
type Staff = Awaited<ReturnType<typeof createStaff>>;

let world: TestWorld;
let server: Server;
let base: string;
let agent: Staff;
let other: Staff;
let auditor: Staff;
let admin: Staff;
const cookies = {} as Record<'agent' | 'other' | 'auditor' | 'admin', string>;

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const TEXT = Buffer.from('会员在 11-20 的聊天记录：我没有用过，请退款。\n');
const HTML = Buffer.from('<html><body><script>alert(document.cookie)</script></body></html>');

beforeAll(async () => {
  world = await worldWithPlans('2026-11-12T04:00:00.000Z');
  agent = await createStaff(world, { role: 'agent' });
  other = await createStaff(world, { role: 'agent' });
  auditor = await createStaff(world, { role: 'auditor' });
  admin = await createStaff(world, { role: 'admin' });
  server = createHttpServer({ deps: world.deps, allowedOrigins: [], clientDir: '/nonexistent' });
  server.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  for (const [key, who] of [
    ['agent', agent],
    ['other', other],
    ['auditor', auditor],
    ['admin', admin],
  ] as const) {
    const res = await fetch(`${base}/trpc/auth.login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: who.username, password: who.password }),
    });
    cookies[key] = cookieOf(res);
  }
});
afterAll(async () => {
  await new Promise((r) => server.close(r));
  await world.cleanup();
});

function upload(
  body: Buffer | Uint8Array | ReadableStream | null,
  type: string | null,
  name: string | null,
  headers: Record<string, string> = {},
) {
  const h: Record<string, string> = { ...headers };
  if (type !== null) h['content-type'] = type;
  if (name !== null) h['x-file-name'] = encodeURIComponent(name);
  const init: RequestInit & { duplex?: 'half' } = { method: 'POST', headers: h, body: body as BodyInit | null };
  if (body instanceof ReadableStream) init.duplex = 'half';
  return fetch(`${base}/uploads`, init);
}
const asAgent = (body: Buffer, type: string, name: string, headers: Record<string, string> = {}) =>
  upload(body, type, name, { cookie: cookies.agent, ...headers });
const get = (id: number | string, who: keyof typeof cookies | null = 'agent') =>
  fetch(`${base}/uploads/${id}`, { headers: who ? { cookie: cookies[who] } : {} });

async function counts() {
  const n = (t: 'uploads' | 'audit_events' | 'case_evidence' | 'comm_attachments' | 'communications' | 'refund_cases') =>
    rowCount(world.deps.db, t);
  return {
    uploads: await n('uploads'),
    audit: await n('audit_events'),
    evidence: await n('case_evidence'),
    attachments: await n('comm_attachments'),
    comms: await n('communications'),
    cases: await n('refund_cases'),
  };
}

/** Expects a JSON refusal with `status` and that nothing was written. */
async function refused(res: Response, status: number, before: Awaited<ReturnType<typeof counts>>) {
  expect(res.status).toBe(status);
  const body = await res.json();
  expect(body.error.message).toEqual(expect.any(String));
  expect(JSON.stringify(body)).not.toMatch(/stack|at .*\.ts|SQLITE/);
  expect(await counts()).toEqual(before);
  return body.error.message as string;
}

async function uploaded(body: Buffer, type: string, name: string, who: 'agent' | 'other' = 'agent') {
  const res = await upload(body, type, name, { cookie: cookies[who] });
  expect(res.status).toBe(201);
  return (await res.json()) as { uploadId: number; fileName: string; mimeType: string; sizeBytes: number };
}

describe('POST /uploads', () => {
  it('stores a screenshot with its Chinese name, digest and uploader, audited in the same write', async () => {
    const before = await counts();
    const res = await asAgent(PNG, 'image/png', '会员支付截图 2026-11-20.png');
    expect(res.status).toBe(201);
    const meta = await res.json();
    expect(meta).toEqual({
      uploadId: expect.any(Number),
      fileName: '会员支付截图 2026-11-20.png',
      mimeType: 'image/png',
      sizeBytes: PNG.length,
    });
    const row = await world.deps.db.selectFrom('uploads').selectAll().where('id', '=', meta.uploadId).executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      uploaded_by: agent.id,
      mime_type: 'image/png',
      size_bytes: PNG.length,
      file_name: '会员支付截图 2026-11-20.png',
    });
    expect(Buffer.compare(row.content, PNG)).toBe(0);
    expect(row.sha256).toMatch(/^[0-9a-f]{64}$/);
    const event = await world.deps.db
      .selectFrom('audit_events')
      .selectAll()
      .where('action', '=', 'upload.create')
      .where('entity_id', '=', String(meta.uploadId))
      .executeTakeFirstOrThrow();
    expect(event).toMatchObject({ actor_username: agent.username, entity_type: 'upload' });
    expect(JSON.parse(event.after!)).toEqual({ fileName: meta.fileName, mimeType: 'image/png', sizeBytes: PNG.length, sha256: row.sha256 });
    expect(await counts()).toMatchObject({ uploads: before.uploads + 1, audit: before.audit + 1 });
  });

  it('accepts a file of exactly 5 MB and refuses one byte more with 413 and a clear message, writing nothing', async () => {
    const exact = Buffer.alloc(MAX_UPLOAD_BYTES, 0x20);
    PDF.copy(exact);
    expect((await asAgent(exact, 'application/pdf', 'bank-statement.pdf')).status).toBe(201);
    const before = await counts();
    const over = Buffer.alloc(MAX_UPLOAD_BYTES + 1, 0x20);
    PDF.copy(over);
    const message = await refused(await asAgent(over, 'application/pdf', 'too-big.pdf'), 413, before);
    expect(message).toContain('5 MB');
  });

  it('refuses an oversized body sent without a length (chunked) once it passes the limit', async () => {
    const before = await counts();
    const chunk = new Uint8Array(1024 * 1024).fill(0x41);
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ < 8) controller.enqueue(chunk);
        else controller.close();
      },
    });
    await refused(await upload(stream, 'text/plain', 'huge.txt', { cookie: cookies.agent }), 413, before);
  });

  it('accepts only PNG, JPEG, WebP, GIF, PDF and plain text (415 otherwise)', async () => {
    const before = await counts();
    for (const type of ['image/svg+xml', 'text/html', 'application/octet-stream', 'application/x-msdownload', 'application/json', '']) {
      const message = await refused(await asAgent(HTML, type, 'x.bin'), 415, before);
      expect(message).toMatch(/not accepted/);
    }
    await refused(await upload(HTML, null, 'x.bin', { cookie: cookies.agent }), 415, before);
    const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46]);
    const gif = Buffer.from('GIF89a\x01\x00\x01\x00', 'latin1');
    const webp = Buffer.concat([Buffer.from('RIFF'), Buffer.from([0x24, 0, 0, 0]), Buffer.from('WEBPVP8 ')]);
    for (const [bytes, type] of [
      [jpeg, 'image/jpeg'],
      [gif, 'image/gif'],
      [webp, 'image/webp'],
      [TEXT, 'text/plain; charset=utf-8'],
      [PDF, 'application/pdf'],
    ] as const) {
      expect((await asAgent(bytes, type, 'ok')).status, type).toBe(201);
    }
  });

  it('refuses a file whose leading bytes are not its declared type (a .png that is really HTML)', async () => {
    const before = await counts();
    const cases: [Buffer, string][] = [
      [HTML, 'image/png'],
      [HTML, 'image/jpeg'],
      [HTML, 'application/pdf'],
      [PNG, 'application/pdf'],
      [PDF, 'image/gif'],
      [Buffer.from([0x4d, 0x5a, 0x90, 0x00, 0x03]), 'text/plain'],
      [Buffer.from([0xc3, 0x28, 0x41]), 'text/plain'],
    ];
    for (const [bytes, type] of cases) {
      const message = await refused(await asAgent(bytes, type, 'evidence.png'), 415, before);
      expect(message).toMatch(/content is not/);
    }
  });

  it('sanitises names: no paths, no control or direction characters, CJK kept, an extension of the real type, capped', async () => {
    const names: [string, Buffer, string, string][] = [
      ['../../etc/passwd', TEXT, 'text/plain', 'passwd.txt'],
      ['..\\..\\Windows\\System32\\evil.exe', PNG, 'image/png', 'evil.exe.png'],
      ['invoice\u202Egnp.exe', PNG, 'image/png', 'invoicegnp.exe.png'],
      ['a\u0000b\u0007c\r\n.pdf', PDF, 'application/pdf', 'abc.pdf'],
      ['.htaccess', TEXT, 'text/plain', 'htaccess.txt'],
      ['...', PNG, 'image/png', 'file.png'],
      ['CON.txt', TEXT, 'text/plain', '_CON.txt'],
      ['截图<1>:"?*|.PNG', PNG, 'image/png', '截图_1______.png'],
      ['退款申请 · 张伟 𠮷.txt', TEXT, 'text/plain', '退款申请 · 张伟 𠮷.txt'],
    ];
    for (const [raw, bytes, type, expected] of names) {
      const meta = await uploaded(bytes, type, raw);
      expect(meta.fileName, raw).toBe(expected);
    }
    // curl sends a raw UTF-8 name without percent-encoding: it still arrives intact
    const raw = await upload(TEXT, 'text/plain', null, {
      cookie: cookies.agent,
      'x-file-name': Buffer.from('原始名字.txt').toString('latin1'),
    });
    expect((await raw.json()).fileName).toBe('原始名字.txt');
    const long = await uploaded(PNG, 'image/png', `${'长'.repeat(300)}.png`);
    expect(Array.from(long.fileName)).toHaveLength(120);
    expect(long.fileName.endsWith('长.png')).toBe(true);
  });

  it('answers a missing or malformed name with 400, never 500', async () => {
    const before = await counts();
    await refused(await upload(PNG, 'image/png', null, { cookie: cookies.agent }), 400, before);
    await refused(await upload(PNG, 'image/png', null, { cookie: cookies.agent, 'x-file-name': '%E4%B8' }), 400, before);
    await refused(await upload(PNG, 'image/png', null, { cookie: cookies.agent, 'x-file-name': '   ' }), 400, before);
    await refused(await asAgent(Buffer.alloc(0), 'image/png', 'empty.png'), 400, before);
  });

  it('lets agents and supervisors upload; anonymous 401, auditors and admins 403', async () => {
    const before = await counts();
    await refused(await upload(PNG, 'image/png', 'a.png'), 401, before);
    await refused(await upload(PNG, 'image/png', 'a.png', { cookie: 'rd_session=forged' }), 401, before);
    await refused(await upload(PNG, 'image/png', 'a.png', { cookie: cookies.auditor }), 403, before);
    await refused(await upload(PNG, 'image/png', 'a.png', { cookie: cookies.admin }), 403, before);
  });

  it('refuses an upload from another site (foreign Origin or Sec-Fetch-Site: cross-site) with 403', async () => {
    const before = await counts();
    await refused(await asAgent(PNG, 'image/png', 'a.png', { origin: 'https://evil.example' }), 403, before);
    await refused(await asAgent(PNG, 'image/png', 'a.png', { 'sec-fetch-site': 'cross-site' }), 403, before);
    expect((await asAgent(PNG, 'image/png', 'a.png', { origin: base, 'sec-fetch-site': 'same-origin' })).status).toBe(201);
  });
});

describe('GET /uploads/:id', () => {
  it('serves the bytes with the stored type, nosniff, a sandboxing CSP, the UTF-8 name and private caching', async () => {
    const png = await uploaded(PNG, 'image/png', '会员截图.png');
    const res = await get(png.uploadId);
    expect(res.status).toBe(200);
    expect(Buffer.from(await res.arrayBuffer()).equals(PNG)).toBe(true);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-security-policy')).toBe("sandbox; default-src 'none'");
    expect(res.headers.get('content-disposition')).toBe(
      `inline; filename="____.png"; filename*=UTF-8''${encodeURIComponent('会员截图.png')}`,
    );
    expect(res.headers.get('cache-control')).toMatch(/^private/);

    const pdf = await uploaded(PDF, 'application/pdf', "bank 'statement' (1).pdf");
    const pdfRes = await get(pdf.uploadId);
    expect(pdfRes.headers.get('content-type')).toBe('application/pdf');
    expect(pdfRes.headers.get('content-disposition')).toBe(
      `attachment; filename="bank 'statement' (1).pdf"; filename*=UTF-8''bank%20%27statement%27%20%281%29.pdf`,
    );
    const text = await uploaded(TEXT, 'text/plain', '聊天记录.txt');
    const textRes = await get(text.uploadId);
    expect(textRes.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(textRes.headers.get('content-disposition')).toMatch(/^attachment;/);
    expect(await textRes.text()).toBe(TEXT.toString('utf8'));
  });

  it('asks for a session (401), refuses admins (403), answers 404 for unknown or malformed ids', async () => {
    const png = await uploaded(PNG, 'image/png', 'a.png');
    expect((await get(png.uploadId, null)).status).toBe(401);
    expect((await get(png.uploadId, 'admin')).status).toBe(403);
    for (const id of ['999999', '0', '-1', 'abc', '1e3', '99999999999999999999', '%00']) {
      const res = await get(id);
      expect(res.status, id).toBe(404);
      expect(res.headers.get('content-type')).toContain('application/json');
    }
  });

  it('keeps an upload its uploader’s alone until it is attached; then every reader, auditors included, may fetch it', async () => {
    const { member, order } = await orderWithMember(world);
    const png = await uploaded(PNG, 'image/png', 'screenshot.png');
    expect((await get(png.uploadId, 'other')).status).toBe(404);
    expect((await get(png.uploadId, 'auditor')).status).toBe(404);
    await openCase(world, agent, order.order_no, { ...IN_THE_APP, evidence: [{ kind: 'file', uploadId: png.uploadId }] });
    expect((await get(png.uploadId, 'other')).status).toBe(200);
    expect((await get(png.uploadId, 'auditor')).status).toBe(200);
    expect(member.uid).toBeTruthy();
  });
});

describe('attaching uploads', () => {
  it('opens a case with a file and a reference; cases.get lists metadata and a download link, never the bytes', async () => {
    const { order } = await orderWithMember(world);
    const png = await uploaded(PNG, 'image/png', '支付截图.png');
    const api = callerFor(world, agent);
    const { caseNo } = await api.cases.create(
      caseInput(order.order_no, {
        statement: '买错了',
        evidence: [
          { kind: 'reference', label: `订单号 ${order.order_no}` },
          { kind: 'file', uploadId: png.uploadId, label: '会员的支付截图' },
        ],
      }),
    );
    const detail = await api.cases.get({ caseNo });
    expect(detail.evidence).toEqual([
      expect.objectContaining({ kind: 'reference', label: `订单号 ${order.order_no}`, fileName: null, downloadUrl: null, uploadId: null }),
      expect.objectContaining({
        kind: 'file',
        label: '会员的支付截图',
        fileName: '支付截图.png',
        mimeType: 'image/png',
        sizeBytes: PNG.length,
        uploadId: png.uploadId,
        downloadUrl: `/uploads/${png.uploadId}`,
        addedBy: agent.username,
      }),
    ]);
    expect(JSON.stringify(detail.evidence)).not.toContain('content');
    expect((await auditedAfter(world.deps.db, 'case.create', caseNo)).evidence).toEqual([
      { kind: 'reference', label: `订单号 ${order.order_no}` },
      { kind: 'file', label: '会员的支付截图', uploadId: png.uploadId },
    ]);
  });

  it('adds a later screenshot to an open case (audited, version moves) and refuses a decided case, writing nothing', async () => {
    const { order } = await orderWithMember(world);
    const api = callerFor(world, agent);
    const caseNo = await phoneCase(world, agent, order.order_no);
    const before = await caseRow(world.deps.db, caseNo);
    const later = await uploaded(PNG, 'image/png', 'later.png');
    await expect(
      api.cases.addEvidence({
        caseNo,
        evidence: [
          { kind: 'file', uploadId: later.uploadId },
          { kind: 'reference', label: '电话中会员口述的交易号' },
        ],
      }),
    ).resolves.toEqual({ caseNo, version: before.version + 1, added: 2 });
    const detail = await api.cases.get({ caseNo });
    expect(detail.evidence.map((e) => [e.kind, e.label])).toEqual([
      ['file', 'later.png'],
      ['reference', '电话中会员口述的交易号'],
    ]);
    expect(detail.case.version).toBe(before.version + 1);
    const event = await world.deps.db
      .selectFrom('audit_events')
      .select(['after', 'actor_username'])
      .where('action', '=', 'case.add_evidence')
      .where('entity_id', '=', caseNo)
      .executeTakeFirstOrThrow();
    expect(event.actor_username).toBe(agent.username);
    expect(JSON.parse(event.after!).evidence).toHaveLength(2);

    // the same file twice on one case is a conflict
    let snapshot = await counts();
    await expect(api.cases.addEvidence({ caseNo, evidence: [{ kind: 'file', uploadId: later.uploadId }] })).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    await expect(
      api.cases.addEvidence({
        caseNo,
        evidence: [
          { kind: 'reference', label: 'a' },
          { kind: 'file', uploadId: 99999 },
        ],
      }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await counts()).toEqual(snapshot);

    await api.cases.reject({ caseNo, reasonCode: 'insufficient_evidence', message: '凭证不足' });
    snapshot = await counts();
    const afterReject = await caseRow(world.deps.db, caseNo);
    const another = await uploaded(PNG, 'image/png', 'too-late.png');
    snapshot = await counts();
    const refusal = api.cases.addEvidence({ caseNo, evidence: [{ kind: 'file', uploadId: another.uploadId }] });
    await expect(refusal).rejects.toMatchObject({ code: 'PRECONDITION_FAILED' });
    await expect(refusal).rejects.toThrow(/rejected.*reopen it first/);
    expect(await counts()).toEqual(snapshot);
    expect(await caseRow(world.deps.db, caseNo)).toEqual(afterReject);
    await expect(
      callerFor(world, auditor).cases.addEvidence({ caseNo, evidence: [{ kind: 'reference', label: 'x' }] }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('logs a contact with attachments; comms.list and cases.get show their metadata', async () => {
    const { member, order } = await orderWithMember(world);
    const api = callerFor(world, agent);
    const caseNo = await openCase(world, agent, order.order_no, { ...ON_THE_PHONE, channel: 'email' });
    const a = await uploaded(PNG, 'image/png', '截图一.png');
    const b = await uploaded(PDF, 'application/pdf', '银行流水.pdf');
    const { commId } = await api.comms.log({
      caseNo,
      memberUid: member.uid,
      direction: 'inbound',
      channel: 'email',
      body: '会员发来截图和流水',
      attachments: [a.uploadId, b.uploadId],
    });
    const expected = [
      { uploadId: a.uploadId, fileName: '截图一.png', mimeType: 'image/png', sizeBytes: PNG.length, downloadUrl: `/uploads/${a.uploadId}` },
      {
        uploadId: b.uploadId,
        fileName: '银行流水.pdf',
        mimeType: 'application/pdf',
        sizeBytes: PDF.length,
        downloadUrl: `/uploads/${b.uploadId}`,
      },
    ];
    const listed = (await api.comms.list({ caseNo })).items.find((c) => c.commId === commId)!;
    expect(listed.attachments).toEqual(expected);
    const inCase = (await api.cases.get({ caseNo })).communications.find((c) => c.commId === commId)!;
    expect(inCase.attachments).toEqual(expected);
    expect((await auditedAfter(world.deps.db, 'comm.log', caseNo)).attachments).toEqual([a.uploadId, b.uploadId]);
    // an auditor reads the attachment once it is attached
    expect((await get(b.uploadId, 'auditor')).status).toBe(200);
    // a contact without attachments lists an empty array
    await api.comms.log({ caseNo, memberUid: member.uid, direction: 'note', channel: 'email', body: '无附件' });
    expect((await api.comms.list({ caseNo })).items.every((c) => Array.isArray(c.attachments))).toBe(true);
  });

  it('refuses someone else’s upload, an unknown one, duplicates and more than 5, writing nothing', async () => {
    const { member, order } = await orderWithMember(world);
    const mine = await uploaded(PNG, 'image/png', 'mine.png');
    const theirs = callerFor(world, other);
    const before = await counts();
    const create = theirs.cases.create(caseInput(order.order_no, { ...IN_THE_APP, evidence: [{ kind: 'file', uploadId: mine.uploadId }] }));
    await expect(create).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(create).rejects.toThrow(/only the person who uploaded/);
    expect((await orderRow(world.deps.db, order.order_no)).open_case_no).toBeNull();
    await expect(
      theirs.comms.log({ memberUid: member.uid, direction: 'inbound', channel: 'phone', body: 'x', attachments: [mine.uploadId] }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const api = callerFor(world, agent);
    await expect(
      api.comms.log({ memberUid: member.uid, direction: 'inbound', channel: 'phone', body: 'x', attachments: [123456] }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(
      api.comms.log({
        memberUid: member.uid,
        direction: 'inbound',
        channel: 'phone',
        body: 'x',
        attachments: [mine.uploadId, mine.uploadId],
      }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(
      api.comms.log({ memberUid: member.uid, direction: 'inbound', channel: 'phone', body: 'x', attachments: [1, 2, 3, 4, 5, 6] }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    expect(await counts()).toEqual(before);
    const { caseNo } = await theirs.cases.create(caseInput(order.order_no, IN_THE_APP));
    await expect(theirs.cases.addEvidence({ caseNo, evidence: [{ kind: 'file', uploadId: mine.uploadId }] })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    expect((await world.deps.db.selectFrom('case_evidence').select('id').where('case_no', '=', caseNo).execute()).length).toBe(0);
  });
});
