import type * as z from 'zod';
import { CrmError } from './errors.js';

/** The first thing wrong with an input: the field (or the input's name) and zod's sentence. */
export interface InputProblem {
  field: string;
  message: string;
}

export interface ParseOptions {
  /**
   * How the refusal begins. 'field' (the default): the failing field, or `what` for the input as
   * a whole ("phone: …"); 'what': always `what` ("snooze: …"); 'none': the schema's own sentence
   * ("a note cannot be empty"). Several use cases had their wording before this helper, and the bot,
   * the Mini App and HTTP clients show it to people: each keeps the one it had.
   */
  label?: 'field' | 'what' | 'none';
  /** Data for a caller that explains the refusal in its own terms (the intake log's problem). */
  details?: (problem: InputProblem) => Record<string, unknown>;
}

/** Parses a use case's input with its zod schema; the first issue becomes a VALIDATION error for the sender. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, what = 'input', opts: ParseOptions = {}): z.output<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const problem = { field: issue?.path.join('.') || what, message: issue?.message ?? 'invalid' };
  const label = opts.label ?? 'field';
  const text = label === 'none' ? problem.message : `${label === 'what' ? what : problem.field}: ${problem.message}`;
  throw new CrmError('VALIDATION', text, opts.details?.(problem));
}

/**
 * A value the house stored itself (a setting) rather than one a person sent: when it no longer
 * fits its schema, the default serves instead of a refusal nobody could act on (a proposal must print).
 */
export function parseOr<S extends z.ZodType, F>(schema: S, value: unknown, fallback: F): z.output<S> | F {
  const parsed = schema.safeParse(value);
  return parsed.success ? parsed.data : fallback;
}
