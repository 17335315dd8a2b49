import Database from 'better-sqlite3';
import { createServer } from 'node:http';

// The floor: the same order-number lookup served by a bare node:http handler with a prepared
// statement, so the console's overhead reads as a ratio of it. It runs as a process of its own
// (`startFloor` in server-process.ts starts it), exactly as the console server does: measured
// from inside the bench process it shared a thread with the load generator, which handicapped it.
//
//   DB_PATH=… PORT=… node --import tsx test/bench/floor-server.ts
const dbPath = process.env.DB_PATH;
const port = Number(process.env.PORT);
if (!dbPath || !Number.isInteger(port)) {
  console.error('floor-server: DB_PATH and PORT are required');
  process.exit(2);
}

const db = new Database(dbPath, { readonly: true, fileMustExist: true });
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
server.listen(port, '127.0.0.1');
process.on('SIGTERM', () => server.close(() => process.exit(0)));
