import { describe, expect, it } from 'vitest';
import { proposeNote } from '../../server/seed/case-text';

// Issue 18 item 5: the demo's proposal notes said "above the agent's limit" on ¥14 proposals.
describe('seeded proposal notes say what is true of the quote', () => {
  it('names the limit only when the amount is above it, and the exception when the basis is one', () => {
    expect(proposeNote({ basis: 'calendar', result: { amountFen: 1400, needsSupervisor: false } }, 10000)).not.toMatch(/超出/);
    expect(proposeNote({ basis: 'calendar', result: { amountFen: 16916, needsSupervisor: true } }, 10000)).toMatch(
      /¥169\.16，超出坐席审批额度/,
    );
    expect(proposeNote({ basis: 'evidence', result: { amountFen: 2400, needsSupervisor: true } }, 10000)).toMatch(
      /按使用记录核算（¥24\.00）/,
    );
  });
});
