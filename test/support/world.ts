import { afterEach, beforeEach } from 'vitest';
import { insertPlans } from './factories';
import { createTestWorld, type TestWorld } from './test-db';

/** A test world whose catalogue holds the plans (PLANS), as most API tests start from. */
export async function worldWithPlans(now?: string): Promise<TestWorld> {
  const world = await createTestWorld({ now });
  await insertPlans(world.deps.db);
  return world;
}

/**
 * Gives each test of the file a fresh world with the plans, its clock at `now`, handed to `use`
 * before the test and cleaned up after it.
 */
export function worldWithPlansEachTest(now: string, use: (world: TestWorld) => void): void {
  let world: TestWorld | undefined;
  beforeEach(async () => {
    world = await worldWithPlans(now);
    use(world);
  });
  afterEach(async () => {
    await world?.cleanup();
    world = undefined;
  });
}
