import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { verifyAuditChain } from '../audit/verify-chain';
import { fail, parseArgs } from './args';

// npm run audit:verify -- --db PATH: exit 0 when the audit chain is whole, 1 naming the first
// broken event otherwise.
const args = parseArgs(process.argv.slice(2), ['db']);
const path = args.db ?? process.env.DB_PATH ?? 'data/refund-desk.db';
if (!existsSync(path)) fail(`no database at ${path}`);
const sqlite = new Database(path, { readonly: true, fileMustExist: true });
const verdict = verifyAuditChain(sqlite);
sqlite.close();
if (verdict.ok) {
  console.log(`audit chain intact: ${verdict.events} events verified`);
  process.exit(0);
}
console.error(`AUDIT CHAIN BROKEN at event ${verdict.brokenAt}: ${verdict.problem} (${verdict.events} events read)`);
process.exit(1);
