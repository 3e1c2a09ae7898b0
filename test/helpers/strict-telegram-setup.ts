import { afterEach, expect } from 'vitest';
import { takeFakeTelegramViolations } from './telegram.js';

/**
 * The fake Bot API answers a method Telegram does not have (or the fake does not model) with an
 * error, which the product may swallow; this makes such a call fail the test that made it.
 */
afterEach(() => {
  const violations = takeFakeTelegramViolations();
  expect(violations, 'calls to the Bot API that Telegram would not serve').toEqual([]);
});
