import { describe, expect, it } from 'vitest';
import { parseEnv } from '../../src/config.js';
import { workerVars } from '../../src/entry/worker-vars.js';

/** What wrangler hands the Worker for `[vars]` written without quotes: numbers and booleans. */
describe('Worker [vars] with unquoted values', () => {
  it('uses an unquoted number and boolean: LEADS_CHAT_ID = -1001234567890 and JOBS = false', () => {
    const config = parseEnv(workerVars({ LEADS_CHAT_ID: -1001234567890, JOBS: false, FIRST_CONTACT_MINUTES: 20, DB: { prepare() {} } }));
    expect(config.LEADS_CHAT_ID).toBe(-1001234567890);
    expect(config.JOBS).toBe(false);
    expect(config.FIRST_CONTACT_MINUTES).toBe(20);
  });

  it('refuses a setting given as a table or a list, naming the variable', () => {
    expect(() => workerVars({ LEADS_CHAT_ID: { id: -100 } })).toThrow(/LEADS_CHAT_ID: must be a text, number or boolean in \[vars\], got object/);
    expect(() => workerVars({ WORKDAYS: [1, 2, 3] })).toThrow(/WORKDAYS: .* got a list/);
  });
});
