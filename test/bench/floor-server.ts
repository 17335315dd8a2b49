import Database from 'better-sqlite3';
import { createServer, type Server } from 'node:http';

// The floor: the same order-number lookup served by a bare node:http handler with a prepared
// statement, so the console's overhead reads as a ratio of it.
export function startFloorServer(dbPath: string): Promise<{ server: Server; port: number }> {
  const db = new Database(dbPath, { readonly: true });
  const stmt = db.prepare(
    `select o.order_no, o.member_uid, m.nickname, o.plan_code, p.tier, o.paid_fen, o.refunded_fen, o.status, o.paid_at, o.payment_channel, o.anomaly
     from orders o join members m on m.uid = o.member_uid join plans p on p.code = o.plan_code where o.order_no = ?`,
  );
  const server = createServer((req, res) => {
    const orderNo = new URL(req.url ?? '/', 'http://x').searchParams.get('orderNo') ?? '';
    const row = stmt.get(orderNo);
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ items: row ? [row] : [] }));
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve({ server, port: (server.address() as { port: number }).port })),
  );
}
