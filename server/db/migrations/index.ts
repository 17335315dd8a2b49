import type { Migration, MigrationProvider } from 'kysely';
import * as initial from './2026-11-24T00-initial';
import * as commsSearch from './2026-11-24T01-comms-search';
import * as qaSettings from './2026-11-24T02-qa-settings';
import * as uploads from './2026-11-29T03-uploads';
import * as orderSortIndexes from './2026-11-29T05-order-sort-indexes';
import * as caseFilterIndexes from './2026-11-29T06-case-filter-indexes';
import * as commsGrams from './2026-11-29T21-comms-grams';
import * as orderStatusChannelIndexes from './2026-11-29T22-order-status-channel-indexes';
import * as moneyDecisions from './2026-12-05T00-money-decisions';
import * as signInThrottle from './2026-12-05T01-sign-in-throttle';
import * as piiLookups from './2026-12-05T02-pii-lookups';
import * as platformIngest from './2026-12-05T03-platform-ingest';
import * as gatewayHttp from './2026-12-06T10-gateway-http';
import * as integrationPage from './2026-12-06T11-integration-page';
import * as storePurchases from './2026-12-06T13-store-purchases';
import * as importCheckpoints from './2026-12-06T14-import-checkpoints';
import * as googlePlay from './2026-12-06T21-google-play';
import * as refundClaims from './2026-12-06T22-refund-claims';
import * as storeViews from './2026-12-07T01-store-views';

// Listed explicitly (not read from the directory) so the order is reviewed in code and
// the provider works the same under tsx, vitest and a bundler.
const migrations: Record<string, Migration> = {
  '2026-11-24T00-initial': initial,
  '2026-11-24T01-comms-search': commsSearch,
  '2026-11-24T02-qa-settings': qaSettings,
  '2026-11-29T03-uploads': uploads,
  '2026-11-29T05-order-sort-indexes': orderSortIndexes,
  '2026-11-29T06-case-filter-indexes': caseFilterIndexes,
  '2026-11-29T21-comms-grams': commsGrams,
  '2026-11-29T22-order-status-channel-indexes': orderStatusChannelIndexes,
  '2026-12-05T00-money-decisions': moneyDecisions,
  '2026-12-05T01-sign-in-throttle': signInThrottle,
  '2026-12-05T02-pii-lookups': piiLookups,
  '2026-12-05T03-platform-ingest': platformIngest,
  '2026-12-06T10-gateway-http': gatewayHttp,
  '2026-12-06T11-integration-page': integrationPage,
  '2026-12-06T13-store-purchases': storePurchases,
  '2026-12-06T14-import-checkpoints': importCheckpoints,
  '2026-12-06T21-google-play': googlePlay,
  '2026-12-06T22-refund-claims': refundClaims,
  '2026-12-07T01-store-views': storeViews,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};
