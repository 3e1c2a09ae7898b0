import type * as z from 'zod';
import { CrmError } from './errors.js';

/** Parses a use case's input with its zod schema; the first issue becomes a VALIDATION error for the sender. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, what = 'input'): z.output<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new CrmError('VALIDATION', `${issue?.path.join('.') || what}: ${issue?.message ?? 'invalid'}`);
}
