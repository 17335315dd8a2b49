// Backups of a PostgreSQL database (`npm run backup` with DATABASE_URL): PostgreSQL's own
// pg_dump in its custom format (-Fc, compressed, restored with pg_restore), taken in a snapshot
// this process exports and holds, so that what is checked and signed (the audit head) is what
// the dump holds. pg_dump must be installed (the postgresql-client package of the server's major
// version or newer); without it the backup stops and says so (docs/deployment.md § Backups).
import { spawn } from 'node:child_process';
import { closeSync, openSync, readSync } from 'node:fs';
import { createInterface } from 'node:readline';
import pg from 'pg';
import type { ChainRow } from '../audit/verify-chain';

/** True when `file` is a pg_dump custom-format file (it begins with PGDMP). */
export function isDumpFile(file: string): boolean {
  const fd = openSync(file, 'r');
  try {
    const head = Buffer.alloc(5);
    return readSync(fd, head, 0, 5, 0) === 5 && head.toString('latin1') === 'PGDMP';
  } finally {
    closeSync(fd);
  }
}

/** Runs a program and resolves with its stderr, or rejects naming how it ended. */
function runTool(tool: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(tool, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (b: Buffer) => (err += b.toString('utf8')));
    child.on('error', (error: NodeJS.ErrnoException) =>
      reject(
        new Error(
          error.code === 'ENOENT'
            ? `${tool} is not installed (the postgresql-client package, the server's major version or newer): it makes PostgreSQL backups`
            : error.message,
        ),
      ),
    );
    child.on('exit', (code, signal) =>
      code === 0
        ? resolve()
        : reject(new Error(`${tool} failed (${signal ?? `exit ${code}`}): ${err.trim().split('\n').slice(-3).join(' ')}`)),
    );
  });
}

/**
 * Holds one REPEATABLE READ snapshot open, hands it to `inSnapshot` (to read what must match the
 * dump), then runs `pg_dump -Fc --snapshot` on exactly that snapshot into `file`.
 */
export async function dumpInSnapshot<T>(url: string, file: string, inSnapshot: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, options: '-c TimeZone=UTC' });
  await client.connect();
  try {
    await client.query('begin isolation level repeatable read read only');
    const { rows } = await client.query<{ id: string }>('select pg_export_snapshot() as id');
    const seen = await inSnapshot(client);
    await runTool('pg_dump', ['--format=custom', `--snapshot=${rows[0]!.id}`, `--file=${file}`, `--dbname=${url}`]);
    await client.query('commit');
    return seen;
  } finally {
    await client.end();
  }
}

/**
 * The audit events a dump holds, in id order, read back with `pg_restore --data-only` (no
 * database needed): COPY's text format, one event per line.
 */
export async function* dumpAuditRows(file: string): AsyncIterableIterator<ChainRow> {
  const child = spawn('pg_restore', ['--data-only', '--table=audit_events', '--file=-', file], { stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  child.stderr.on('data', (b: Buffer) => (err += b.toString('utf8')));
  const exited = new Promise<number | null>((resolve, reject) => {
    child.on('error', (error: NodeJS.ErrnoException) =>
      reject(
        new Error(error.code === 'ENOENT' ? 'pg_restore is not installed (postgresql-client): it reads PostgreSQL backups' : error.message),
      ),
    );
    child.on('exit', (code) => resolve(code));
  });
  let columns: string[] | null = null;
  const rows: ChainRow[] = [];
  for await (const line of createInterface({ input: child.stdout })) {
    if (columns === null) {
      const head = /^COPY public\.audit_events \(([^)]*)\) FROM stdin;$/.exec(line);
      if (head) columns = head[1]!.split(', ').map((c) => c.replace(/^"|"$/g, ''));
      continue;
    }
    if (line === '\\.') break;
    const values = line.split('\t').map(unescapeCopy);
    const row: Record<string, unknown> = {};
    columns.forEach((c, i) => (row[c] = c === 'id' || c === 'actor_id' ? (values[i] === null ? null : Number(values[i])) : values[i]));
    rows.push(row as unknown as ChainRow);
  }
  const code = await exited;
  if (code !== 0) throw new Error(`pg_restore could not read ${file}: ${err.trim().split('\n').slice(-2).join(' ')}`);
  if (columns === null) throw new Error(`${file} holds no audit_events data`);
  rows.sort((a, b) => a.id - b.id); // pg_dump writes the table in its physical order
  yield* rows;
}

/** One field of COPY's text format: `\N` is NULL; backslash escapes as PostgreSQL writes them. */
function unescapeCopy(field: string): string | null {
  if (field === '\\N') return null;
  if (!field.includes('\\')) return field;
  const simple: Record<string, string> = { b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\' };
  return field.replace(/\\(x[0-9a-fA-F]{1,2}|[0-7]{1,3}|.)/g, (_, e: string) => {
    if (e[0] === 'x') return String.fromCharCode(parseInt(e.slice(1), 16));
    if (/^[0-7]/.test(e)) return String.fromCharCode(parseInt(e, 8));
    return simple[e] ?? e;
  });
}
