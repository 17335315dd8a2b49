import type { Generated, Kysely } from 'kysely';
import type { DB } from '../db/schema';
import type { Db } from '../db/client';

// The ingest's own tables (migrations 2026-12-05T03-platform-ingest, 2026-12-06T14-import-checkpoints), typed here and joined to the
// shared schema with Kysely's withTables, so server/db/schema.ts stays as it is.

export interface IngestEventsTable {
  id: string;
  type: string;
  body_sha256: string;
  occurred_at: string;
  received_at: string;
  batch_id: string;
  outcome: 'applied' | 'parked' | 'stale';
}

export interface IngestParkedTable {
  event_id: string;
  type: string;
  waits_for: WaitsFor;
  waits_key: string;
  reason: string;
  /** the event as it came (JSON) */
  event: string;
  occurred_at: string;
  parked_at: string;
}

/** store_transaction: an App Store notification waiting for the order with its transaction id (server/stores/) */
export type WaitsFor = 'member' | 'plan' | 'order' | 'refund' | 'message' | 'store_transaction';

export interface IngestVersionsTable {
  entity: string;
  key: string;
  occurred_at: string;
  event_id: string;
}

export interface IngestOrderDraftsTable {
  order_no: string;
  member_uid: string;
  plan_code: string;
  price_fen: number;
  created_at: string;
  platform: string;
  payment_channel: string;
}

export interface MemberConsentsTable {
  member_uid: string;
  store_consumption_data: number;
  at: string;
  /** platform: the member.consent event; agent: an agent recorded the member's spoken consent */
  source: Generated<'platform' | 'agent'>;
  recorded_by: string | null;
}

/** Per UTC minute and event type (migration 2026-12-06T11-integration-page). */
export interface IngestMinutesTable {
  /** 'YYYY-MM-DDTHH:MM', UTC */
  minute: string;
  type: string;
  accepted: number;
  duplicates: number;
  parked: number;
}

/** Refused batches, aggregated per minute, HTTP status and kind of refusal (record-refusal.ts). */
export interface IngestRefusalsTable {
  id: Generated<number>;
  minute: string;
  status: number;
  kind: string;
  reason: string;
  batches: number;
  events: number | null;
  /** JSON array of the latest batch's event ids (at most 20), [] when unreadable */
  event_ids: string;
  first_at: string;
  last_at: string;
}

export interface IngestImportCheckpointsTable {
  file_key: string;
  file_name: string;
  byte_offset: number;
  line_no: number;
  tail_sha256: string;
  updated_at: string;
}

export type IngestTables = {
  ingest_events: IngestEventsTable;
  ingest_parked: IngestParkedTable;
  ingest_versions: IngestVersionsTable;
  ingest_order_drafts: IngestOrderDraftsTable;
  member_consents: MemberConsentsTable;
  ingest_import_checkpoints: IngestImportCheckpointsTable;
  ingest_minutes: IngestMinutesTable;
  ingest_refusals: IngestRefusalsTable;
};

export type IngestDb = Kysely<DB & IngestTables>;

export function ingestDb(db: Db): IngestDb {
  return db.withTables<IngestTables>();
}
