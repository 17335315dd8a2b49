import { createHash } from 'node:crypto';
import { openSync, readSync, closeSync } from 'node:fs';
import { basename } from 'node:path';
import type { Db } from '../db/client';
import { ingestDb } from './ingest-schema';

// Where an import of a file got to (migration 2026-12-06T14-import-checkpoints): written in the
// transaction of the lines it covers, read back at the start of the next run.

const HEAD_BYTES = 64 * 1024;
const TAIL_BYTES = 4 * 1024;

export interface Resume {
  fileKey: string;
  /** byte offset and line count to start after (0, 0: from the top) */
  offset: number;
  line: number;
}

function sha256Of(path: string, from: number, length: number): string {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(length);
    const n = readSync(fd, buf, 0, length, from);
    return createHash('sha256').update(buf.subarray(0, n)).digest('hex');
  } finally {
    closeSync(fd);
  }
}

/** The file's key (its first 64 KiB) and where a previous run of it stopped, if the bytes before that point are unchanged. */
export async function findResume(db: Db, path: string): Promise<Resume> {
  const fileKey = sha256Of(path, 0, HEAD_BYTES);
  const held = await ingestDb(db).selectFrom('ingest_import_checkpoints').selectAll().where('file_key', '=', fileKey).executeTakeFirst();
  if (!held || held.tail_sha256 !== tailSha256(path, held.byte_offset)) return { fileKey, offset: 0, line: 0 };
  return { fileKey, offset: held.byte_offset, line: held.line_no };
}

function tailSha256(path: string, offset: number): string {
  const from = Math.max(0, offset - TAIL_BYTES);
  return sha256Of(path, from, offset - from);
}

/** Remembers that the lines up to `line` (ending at byte `offset`) are in; call it inside the chunk's transaction. */
export async function saveCheckpoint(tx: Db, path: string, at: Resume, now: Date): Promise<void> {
  const row = {
    file_name: basename(path),
    byte_offset: at.offset,
    line_no: at.line,
    tail_sha256: tailSha256(path, at.offset),
    updated_at: now.toISOString(),
  };
  await ingestDb(tx)
    .insertInto('ingest_import_checkpoints')
    .values({ file_key: at.fileKey, ...row })
    .onConflict((oc) => oc.column('file_key').doUpdateSet(row))
    .execute();
}
