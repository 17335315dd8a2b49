import { createTemplate, dropDatabase, TEMPLATE_ENV } from './pg-test-db';

// vitest.pg.config.ts's global setup: one migrated template database for the whole run, named
// for this process so that two runs on one server never share it; dropped at the end.
export default async function setup(): Promise<() => Promise<void>> {
  const name = `refund_desk_tpl_${process.pid}`;
  await createTemplate(name);
  process.env[TEMPLATE_ENV] = name;
  return () => dropDatabase(name);
}
