import Database from 'better-sqlite3';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { verifyAuditChain } from '../audit/verify-chain';
import { fail, parseArgs } from './args';

// npm run backup -- --db PATH --out FILE: an online, consistent copy through SQLite's backup
// API while the server keeps writing; the copy is checked before we say it is good.
const args = parseArgs(process.argv.slice(2), ['db', 'out']);
const path = args.db ?? process.env.DB_PATH ?? 'data/refund-desk.db';
const out = args.out ?? fail('--out FILE is required');
if (!existsSync(path)) fail(`no database at ${path}`);
if (existsSync(out)) fail(`${out} already exists: choose a new file`);
mkdirSync(dirname(out), { recursive: true });

const started = Date.now();
const source = new Database(path, { fileMustExist: true });
source.pragma('busy_timeout = 5000');
await source.backup(out);
source.close();

const copy = new Database(out, { readonly: true });
const integrity = copy.pragma('integrity_check', { simple: true });
const chain = verifyAuditChain(copy);
copy.close();
if (integrity !== 'ok' || !chain.ok) fail(`the copy failed its checks: integrity=${integrity}, audit=${JSON.stringify(chain)}`);
console.log(`backup written to ${out} in ${Date.now() - started} ms (integrity ok, ${chain.events} audit events verified)`);
