import { Kysely, sql } from 'kysely';
import { bytesType, isPostgres, rowidKey, serialKey, withoutRowid } from './portable';

// Frozen in time: this migration imports nothing from the app.
// Money is integer fen with CHECK constraints; times are UTC ISO-8601 text.
// One schema for SQLite and PostgreSQL (./portable.ts); where the engines differ, both are written.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('staff')
    .addColumn('id', 'integer', serialKey(db))
    .addColumn('username', 'text', (c) => c.notNull().unique())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('agent','supervisor','auditor','admin')`))
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('approval_limit_fen', 'integer', (c) => c.check(sql`approval_limit_fen is null or approval_limit_fen >= 0`))
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('sessions')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('staff_id', 'integer', (c) => c.notNull().references('staff.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_seen_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sessions_staff').on('sessions').column('staff_id').execute();

  await db.schema
    .createTable('members')
    .addColumn('uid', 'text', (c) => c.primaryKey())
    .addColumn('nickname', 'text', (c) => c.notNull())
    .addColumn('phone', 'text', (c) => c.notNull())
    .addColumn('phone_last4', 'text', (c) => c.notNull())
    .addColumn('email', 'text')
    .addColumn('registered_at', 'text', (c) => c.notNull())
    .addColumn('risk_flags', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await db.schema.createIndex('members_phone').on('members').column('phone').execute();
  await db.schema.createIndex('members_phone_last4').on('members').column('phone_last4').execute();
  await db.schema
    .createIndex('members_email')
    .on('members')
    .expression(sql`lower(email)`)
    .execute();
  await db.schema.createIndex('members_nickname').on('members').column('nickname').execute();

  // Short (1–2 character) nickname fragments: trigram FTS cannot serve them, so every
  // 1- and 2-character substring of a nickname is kept here, indexed by gram.
  await db.schema
    .createTable('member_name_grams')
    .addColumn('gram', 'text', (c) => c.notNull())
    .addColumn('member_uid', 'text', (c) => c.notNull().references('members.uid'))
    .addPrimaryKeyConstraint('member_name_grams_pk', ['gram', 'member_uid'])
    .modifyEnd(withoutRowid(db))
    .execute();
  // 3+ character fragments in any script: SQLite's trigram FTS5; on PostgreSQL a plain table of
  // the same columns with a pg_trgm GIN index (it serves ILIKE '%fragment%'), so the statements
  // that fill it are the same on both.
  if (isPostgres(db)) {
    await sql`create extension if not exists pg_trgm`.execute(db);
    await db.schema
      .createTable('member_name_fts')
      .addColumn('nickname', 'text', (c) => c.notNull())
      .addColumn('uid', 'text', (c) => c.notNull())
      .execute();
    await sql`create index member_name_fts_trgm on member_name_fts using gin (nickname gin_trgm_ops)`.execute(db);
    await db.schema.createIndex('member_name_fts_uid').on('member_name_fts').column('uid').execute();
  } else {
    await sql`create virtual table member_name_fts using fts5(nickname, uid unindexed, tokenize = 'trigram')`.execute(db);
  }

  await db.schema
    .createTable('plans')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('name_zh', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('tier', 'text', (c) => c.notNull().check(sql`tier in ('standard','promo','cobrand')`))
    .addColumn('duration_days', 'integer', (c) => c.notNull().check(sql`duration_days > 0`))
    .addColumn('price_fen', 'integer', (c) => c.notNull().check(sql`price_fen >= 0`))
    .addColumn('auto_renew', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();

  await db.schema
    .createTable('orders')
    .addColumn('order_no', 'text', (c) => c.primaryKey())
    .addColumn('member_uid', 'text', (c) => c.notNull().references('members.uid'))
    .addColumn('plan_code', 'text', (c) => c.notNull().references('plans.code'))
    .addColumn('paid_fen', 'integer', (c) => c.notNull().check(sql`paid_fen >= 0`))
    .addColumn('refunded_fen', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('payment_failed','paid','partially_refunded','refunded')`))
    .addColumn('payment_channel', 'text', (c) =>
      c.notNull().check(sql`payment_channel in ('alipay','wechat_pay','bank_card','apple_iap','bcoin')`),
    )
    .addColumn('platform', 'text', (c) => c.notNull().check(sql`platform in ('app_ios','app_android','web')`))
    .addColumn('transaction_id', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('paid_at', 'text')
    .addColumn('is_renewal', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('anomaly', 'text', (c) => c.check(sql`anomaly is null or anomaly in ('duplicate_charge','chargeback','risk_hold')`))
    .addColumn('related_order_no', 'text')
    // Open-case flag kept on the order so the "has an open case" filter needs no join.
    .addColumn('open_case_no', 'text')
    // The sort key of "by paid time": the paid time, or the creation time of an order whose
    // payment failed. Never null, so keyset pages need no NULL special cases.
    .addColumn('sort_at', 'text', (c) =>
      isPostgres(db)
        ? c
            .notNull()
            .generatedAlwaysAs(sql`coalesce(paid_at, created_at)`)
            .stored()
        : c.notNull().generatedAlwaysAs(sql`coalesce(paid_at, created_at)`),
    )
    .addCheckConstraint('orders_refunded_range', sql`refunded_fen >= 0 and refunded_fen <= paid_fen`)
    .execute();
  // Search keys and sort orders of docs/spec.md §4.1. created_at orders the rows with no paid_at.
  await db.schema.createIndex('orders_sort_at').on('orders').columns(['sort_at', 'order_no']).execute();
  await db.schema.createIndex('orders_paid_fen').on('orders').columns(['paid_fen', 'order_no']).execute();
  await db.schema.createIndex('orders_member').on('orders').columns(['member_uid', 'sort_at']).execute();
  await db.schema.createIndex('orders_status').on('orders').columns(['status', 'sort_at']).execute();
  await db.schema.createIndex('orders_plan').on('orders').columns(['plan_code', 'sort_at']).execute();
  await db.schema.createIndex('orders_channel').on('orders').columns(['payment_channel', 'sort_at']).execute();
  await db.schema.createIndex('orders_platform').on('orders').columns(['platform', 'sort_at']).execute();
  await db.schema
    .createIndex('orders_related')
    .on('orders')
    .column('related_order_no')
    .where(sql.ref('related_order_no'), 'is not', null)
    .execute();
  await db.schema
    .createIndex('orders_open_case')
    .on('orders')
    .columns(['open_case_no'])
    .where(sql.ref('open_case_no'), 'is not', null)
    .execute();
  await db.schema
    .createIndex('orders_anomaly')
    .on('orders')
    .columns(['anomaly', 'sort_at'])
    .where(sql.ref('anomaly'), 'is not', null)
    .execute();

  await db.schema
    .createTable('subscriptions')
    .addColumn('id', 'integer', serialKey(db))
    .addColumn('member_uid', 'text', (c) => c.notNull().references('members.uid'))
    .addColumn('plan_code', 'text', (c) => c.notNull().references('plans.code'))
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('active','cancelled')`))
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('next_charge_at', 'text')
    .addColumn('cancelled_at', 'text')
    .addColumn('cancelled_by', 'text')
    .execute();
  await db.schema.createIndex('subscriptions_member').on('subscriptions').columns(['member_uid', 'plan_code']).execute();

  await db.schema
    .createTable('entitlements')
    .addColumn('order_no', 'text', (c) => c.primaryKey().references('orders.order_no'))
    .addColumn('member_uid', 'text', (c) => c.notNull().references('members.uid'))
    .addColumn('activated_at', 'text')
    .addColumn('starts_at', 'text', (c) => c.notNull())
    .addColumn('ends_at', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'text')
    .execute();

  await db.schema
    .createTable('usage_events')
    .addColumn('id', 'integer', rowidKey(db))
    .addColumn('order_no', 'text', (c) => c.notNull().references('orders.order_no'))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('login','perk_redemption','discount_use','playback')`))
    .addColumn('detail', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('value_fen', 'integer', (c) => c.check(sql`value_fen is null or value_fen >= 0`))
    .addColumn('ip', 'text')
    .addColumn('device', 'text')
    .execute();
  await db.schema.createIndex('usage_order_at').on('usage_events').columns(['order_no', 'at', 'id']).execute();

  await db.schema
    .createTable('policy_versions')
    .addColumn('version', 'integer', (c) => c.primaryKey())
    .addColumn('settings', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('published_by', 'text', (c) => c.notNull())
    .addColumn('published_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('calendar_days')
    .addColumn('date', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('holiday','makeup_workday')`))
    .addColumn('name', 'text', (c) => c.notNull().defaultTo(''))
    .execute();

  await db.schema
    .createTable('refund_cases')
    .addColumn('case_no', 'text', (c) => c.primaryKey())
    .addColumn('order_no', 'text', (c) => c.notNull().references('orders.order_no'))
    .addColumn('member_uid', 'text', (c) => c.notNull().references('members.uid'))
    .addColumn('channel', 'text', (c) => c.notNull().check(sql`channel in ('app','web','online_chat','phone','email')`))
    .addColumn('reason', 'text', (c) =>
      c.notNull().check(sql`reason in ('mistaken_purchase','unused','dissatisfied','duplicate_charge','unwanted_renewal','other')`),
    )
    .addColumn('requested', 'text', (c) => c.notNull().check(sql`requested in ('full','prorated')`))
    .addColumn('statement', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in ('new','in_review','pending_approval','approved','refunded','rejected','reopened','closed')`),
    )
    .addColumn('assignee_id', 'integer', (c) => c.references('staff.id'))
    .addColumn('created_by', 'integer', (c) => c.notNull().references('staff.id'))
    .addColumn('sla_due_at', 'text', (c) => c.notNull())
    .addColumn('reject_reason_code', 'text')
    .addColumn('proposed_by', 'integer', (c) => c.references('staff.id'))
    .addColumn('proposed_quote_id', 'integer')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('closed_at', 'text')
    .execute();
  await db.schema.createIndex('cases_order').on('refund_cases').column('order_no').execute();
  await db.schema.createIndex('cases_status_sla').on('refund_cases').columns(['status', 'sla_due_at']).execute();
  await db.schema.createIndex('cases_assignee').on('refund_cases').columns(['assignee_id', 'status', 'sla_due_at']).execute();
  await db.schema.createIndex('cases_created').on('refund_cases').columns(['created_at', 'case_no']).execute();

  await db.schema
    .createTable('case_evidence')
    .addColumn('id', 'integer', serialKey(db))
    .addColumn('case_no', 'text', (c) => c.notNull().references('refund_cases.case_no'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('reference','file')`))
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text')
    .addColumn('mime_type', 'text')
    .addColumn('size_bytes', 'integer')
    .addColumn('content', bytesType(db))
    .addColumn('added_by', 'integer', (c) => c.notNull().references('staff.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('evidence_case').on('case_evidence').column('case_no').execute();

  await db.schema
    .createTable('quotes')
    .addColumn('id', 'integer', serialKey(db))
    .addColumn('case_no', 'text', (c) => c.notNull().references('refund_cases.case_no'))
    .addColumn('order_no', 'text', (c) => c.notNull().references('orders.order_no'))
    .addColumn('policy_version', 'integer', (c) => c.notNull())
    .addColumn('basis_kind', 'text', (c) => c.notNull().check(sql`basis_kind in ('calendar','evidence','manual','goodwill')`))
    .addColumn('outcome', 'text', (c) => c.notNull().check(sql`outcome in ('full','prorated','none')`))
    .addColumn('reason_code', 'text', (c) => c.notNull())
    .addColumn('amount_fen', 'integer', (c) => c.notNull().check(sql`amount_fen >= 0`))
    .addColumn('needs_supervisor', 'integer', (c) => c.notNull())
    .addColumn('input', 'text', (c) => c.notNull())
    .addColumn('result', 'text', (c) => c.notNull())
    .addColumn('created_by', 'integer', (c) => c.notNull().references('staff.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('quotes_case').on('quotes').columns(['case_no', 'id']).execute();

  await db.schema
    .createTable('case_decisions')
    .addColumn('id', 'integer', serialKey(db))
    .addColumn('case_no', 'text', (c) => c.notNull().references('refund_cases.case_no'))
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('quote_id', 'integer', (c) => c.references('quotes.id'))
    .addColumn('reason_code', 'text')
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('actor_id', 'integer', (c) => c.notNull().references('staff.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('decisions_case').on('case_decisions').columns(['case_no', 'id']).execute();
  await db.schema.createIndex('decisions_created').on('case_decisions').columns(['created_at']).execute();

  await db.schema
    .createTable('refunds')
    .addColumn('id', 'integer', serialKey(db))
    .addColumn('case_no', 'text', (c) => c.notNull().references('refund_cases.case_no'))
    .addColumn('order_no', 'text', (c) => c.notNull().references('orders.order_no'))
    .addColumn('quote_id', 'integer', (c) => c.notNull().references('quotes.id'))
    .addColumn('amount_fen', 'integer', (c) => c.notNull().check(sql`amount_fen > 0`))
    .addColumn('payment_channel', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('pending','succeeded','failed')`))
    .addColumn('gateway_ref', 'text')
    .addColumn('failure_reason', 'text')
    .addColumn('idempotency_key', 'text', (c) => c.notNull().unique())
    .addColumn('approved_by', 'integer', (c) => c.notNull().references('staff.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('settled_at', 'text')
    .execute();
  await db.schema.createIndex('refunds_order').on('refunds').column('order_no').execute();
  await db.schema.createIndex('refunds_case').on('refunds').column('case_no').execute();
  await db.schema.createIndex('refunds_created').on('refunds').column('created_at').execute();
  // At most one refund in flight or paid per case: the database itself forbids a second.
  await db.schema
    .createIndex('refunds_one_live_per_case')
    .on('refunds')
    .column('case_no')
    .unique()
    .where(sql.ref('status'), 'in', sql`('pending','succeeded')`)
    .execute();

  await db.schema
    .createTable('idempotency_keys')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('staff_id', 'integer', (c) => c.notNull().references('staff.id'))
    .addColumn('procedure', 'text', (c) => c.notNull())
    .addColumn('request_hash', 'text', (c) => c.notNull())
    .addColumn('response', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('communications')
    .addColumn('id', 'integer', serialKey(db))
    .addColumn('case_no', 'text', (c) => c.references('refund_cases.case_no'))
    .addColumn('member_uid', 'text', (c) => c.notNull().references('members.uid'))
    .addColumn('direction', 'text', (c) => c.notNull().check(sql`direction in ('inbound','outbound','note')`))
    .addColumn('channel', 'text', (c) => c.notNull().check(sql`channel in ('online_chat','phone','email','sms','in_app_message')`))
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('duration_sec', 'integer', (c) => c.check(sql`duration_sec is null or duration_sec >= 0`))
    .addColumn('author_id', 'integer', (c) => c.references('staff.id'))
    .addColumn('delivery_status', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('edited_at', 'text')
    .execute();
  await db.schema.createIndex('comms_case').on('communications').columns(['case_no', 'created_at']).execute();
  await db.schema.createIndex('comms_member').on('communications').columns(['member_uid', 'created_at']).execute();
  await db.schema.createIndex('comms_created').on('communications').columns(['created_at']).execute();

  await db.schema
    .createTable('message_templates')
    .addColumn('id', 'integer', serialKey(db))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('locale', 'text', (c) => c.notNull().check(sql`locale in ('zh-CN','en')`))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('templates_code_locale', ['code', 'locale'])
    .execute();

  await db.schema
    .createTable('outbox')
    .addColumn('id', 'integer', serialKey(db))
    .addColumn('dedupe_key', 'text', (c) => c.notNull().unique())
    .addColumn('communication_id', 'integer', (c) => c.references('communications.id'))
    .addColumn('member_uid', 'text', (c) => c.notNull().references('members.uid'))
    .addColumn('channel', 'text', (c) => c.notNull().check(sql`channel in ('sms','in_app_message')`))
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('pending','sent','failed')`))
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'text', (c) => c.notNull())
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text')
    .execute();
  await db.schema.createIndex('outbox_due').on('outbox').columns(['status', 'next_attempt_at']).execute();

  await db.schema
    .createTable('audit_events')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'integer')
    .addColumn('actor_username', 'text', (c) => c.notNull())
    .addColumn('actor_role', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('entity_type', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text', (c) => c.notNull())
    .addColumn('before', 'text')
    .addColumn('after', 'text')
    .addColumn('reason', 'text')
    .addColumn('request_id', 'text')
    .addColumn('client_ip', 'text')
    .addColumn('prev_hash', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('audit_entity').on('audit_events').columns(['entity_type', 'entity_id', 'id']).execute();
  await db.schema.createIndex('audit_actor').on('audit_events').columns(['actor_username', 'id']).execute();
  await db.schema.createIndex('audit_action').on('audit_events').columns(['action', 'id']).execute();
  // The audit log is append-only: the database refuses to change or remove an event.
  if (isPostgres(db)) {
    await sql`create function audit_events_append_only() returns trigger language plpgsql as $$
      begin raise exception 'audit events are append-only'; end $$`.execute(db);
    await sql`create trigger audit_events_no_update before update on audit_events
      for each row execute function audit_events_append_only()`.execute(db);
    await sql`create trigger audit_events_no_delete before delete on audit_events
      for each row execute function audit_events_append_only()`.execute(db);
    // TRUNCATE skips row triggers: refused too
    await sql`create trigger audit_events_no_truncate before truncate on audit_events
      for each statement execute function audit_events_append_only()`.execute(db);
  } else {
    await sql`create trigger audit_events_no_update before update on audit_events
    begin select raise(abort, 'audit events are append-only'); end`.execute(db);
    await sql`create trigger audit_events_no_delete before delete on audit_events
    begin select raise(abort, 'audit events are append-only'); end`.execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    'audit_events',
    'outbox',
    'message_templates',
    'communications',
    'idempotency_keys',
    'refunds',
    'case_decisions',
    'quotes',
    'case_evidence',
    'refund_cases',
    'calendar_days',
    'policy_versions',
    'usage_events',
    'entitlements',
    'subscriptions',
    'orders',
    'plans',
    'member_name_fts',
    'member_name_grams',
    'members',
    'sessions',
    'staff',
  ]) {
    await db.schema.dropTable(t).ifExists().execute();
  }
  if (isPostgres(db)) await sql`drop function if exists audit_events_append_only()`.execute(db);
}
