import type { BatchItem } from 'drizzle-orm/batch';
import type { Actor, CoreContext } from '../shared/context.js';
import { planReadIntake, readIntake, type ReadIntake } from '../intake/create-lead-from-intake.js';
import { insertNewLeads, type NewLeadRows } from '../leads/new-lead-rows.js';
import { toCsv } from './csv.js';
import { readCsvImportFile, rowLead, type CsvImportFile } from './csv-import-file.js';
import { forbidden, isCrmError } from '../shared/errors.js';
import { isUniqueViolation } from '../shared/records.js';
import { findOpenLeadsOf, type IntakeProblem } from '../intake/intake-lookup.js';

export { MAX_IMPORT_ROWS } from './csv-import-file.js';

export interface ImportRejection {
  /** 1-based line of the file, counting the header as line 1. */
  line: number;
  /** In English, for logs and HTTP; `problem` is the same as data, for wording in the importer's language. */
  reason: string;
  /** Absent in progress recorded before reasons were kept as data. */
  problem?: IntakeProblem;
}

/** How the rejected-rows file names its reason column and words each reason; the bot passes the importer's language. */
export interface RejectionWording {
  reasonHeader: string;
  reason: (problem: IntakeProblem) => string;
}

const ENGLISH_WORDING: RejectionWording = {
  reasonHeader: 'reason',
  reason: (problem) => {
    switch (problem.kind) {
      case 'no_contact':
        return 'A lead needs a phone number or an email';
      case 'bad_contact':
        return [problem.phone && `"${problem.phone}" is not a phone number`, problem.email && `"${problem.email}" is not an email address`]
          .filter(Boolean)
          .join(', ');
      case 'invalid':
        return `${problem.field}: ${problem.message}`;
    }
  },
};

export interface ImportResult {
  created: number;
  joined: number;
  rejected: number;
  rejections: ImportRejection[];
  /** The rejected rows with their original columns and a reason column; null when none. */
  rejectedCsv: string | null;
}

/** Where an import stands: rows before `next` are written (or rejected), with what became of them. */
export interface ImportProgress {
  next: number;
  total: number;
  created: number;
  joined: number;
  rejections: ImportRejection[];
}

export interface ImportRunOptions {
  /** Rows per atomic batch: small enough that one batch holds the event loop well under 100 ms. */
  chunkRows?: number;
  /** Stop after this many rows (a Workers invocation's query budget); the rest is for a later run. */
  maxRows?: number;
  /** The statement that records `progress` durably; it goes into the same batch as the chunk's rows. */
  record?: (progress: ImportProgress) => BatchItem<'sqlite'>;
  /** After each committed chunk (progress messages, a progress bar). */
  onChunk?: (progress: ImportProgress) => void | Promise<void>;
  /** Between chunks; by default a turn of the event loop, so timers, HTTP and the bot keep running. */
  pause?: () => Promise<void>;
  /** Stops after the chunk being written (Ctrl-C in `crm import`); the rest waits for a resumed run. */
  signal?: AbortSignal;
}

export const DEFAULT_CHUNK_ROWS = 50;
const MAX_CHUNK_ATTEMPTS = 4;

export function startProgress(file: CsvImportFile): ImportProgress {
  return { next: 0, total: file.rows.length, created: 0, joined: 0, rejections: [] };
}

/**
 * A cold-call base from a spreadsheet in one call: every row goes through the same intake as a
 * site form (normalised phone, dedupe against open leads and earlier rows), as channel cold_call by
 * an "import" actor, in chunks. Only the owner or a head may import. Large files go through a task
 * (src/core/csv/queue-csv-import.ts), which resumes where it stopped.
 */
export async function importLeadsCsv(
  ctx: CoreContext,
  input: { content: string | Uint8Array; fileName?: string; wording?: RejectionWording },
): Promise<ImportResult> {
  importActor(ctx.actor, input.fileName);
  const file = readCsvImportFile(input.content, input.fileName);
  return importSummary(file, await importRows(ctx, file, startProgress(file)), input.wording);
}

/**
 * Imports rows from `progress.next` on, a chunk per atomic batch with the progress record in the
 * same batch: after a crash the import resumes at the first row not written, and no row is written
 * twice. Within a chunk every row has its own phone and email (a row repeating an earlier one of the
 * chunk starts the next chunk, so it sees and joins that lead). A chunk that collides with a lead
 * written meanwhile (a site form for the same person) rolls back whole and is planned again.
 */
export async function importRows(ctx: CoreContext, file: CsvImportFile, progress: ImportProgress, opts: ImportRunOptions = {}): Promise<ImportProgress> {
  const importCtx: CoreContext = { ...ctx, actor: importActor(ctx.actor, file.fileName ?? undefined) };
  // Leads land unassigned; the import itself is one event, so no sender is woken per row.
  delete importCtx.onOutbox;
  delete importCtx.writer;
  const chunkRows = opts.chunkRows ?? DEFAULT_CHUNK_ROWS;
  const end = Math.min(progress.total, opts.maxRows === undefined ? progress.total : progress.next + opts.maxRows);
  let done = progress;
  while (done.next < end) {
    done = await importChunk(importCtx, file, done, Math.min(end, done.next + chunkRows), opts.record);
    await opts.onChunk?.(done);
    if (opts.signal?.aborted) break;
    if (done.next < end) await (opts.pause ?? nextTurn)();
  }
  return done;
}

async function importChunk(
  ctx: CoreContext,
  file: CsvImportFile,
  from: ImportProgress,
  upTo: number,
  record: ImportRunOptions['record'],
): Promise<ImportProgress> {
  for (let attempt = 1; ; attempt++) {
    const progress: ImportProgress = { ...from, rejections: [...from.rejections] };
    const accepted: ReadIntake[] = [];
    const keys = new Set<string>();
    for (let i = from.next; i < upTo; i++) {
      let read: ReadIntake;
      try {
        read = readIntake(ctx, rowLead(file, i));
      } catch (e) {
        if (!isCrmError(e, 'VALIDATION')) throw e;
        const problem = (e.details.problem as IntakeProblem | undefined) ?? { kind: 'invalid', field: 'lead', message: e.message };
        progress.rejections.push({ line: i + 2, reason: e.message, problem });
        progress.next = i + 1;
        continue;
      }
      if (read.keys.some((k) => keys.has(k))) break;
      for (const k of read.keys) keys.add(k);
      accepted.push(read);
      progress.next = i + 1;
    }
    // One look for the whole chunk's open leads instead of one per row.
    const open = await findOpenLeadsOf(ctx, accepted);
    const writes: BatchItem<'sqlite'>[] = [];
    const newLeads: NewLeadRows[] = [];
    for (const read of accepted) {
      const plan = await planReadIntake(ctx, read, undefined, { notify: false, openLead: open.of(read.phone, read.email) });
      // New leads go in a few multi-row inserts: a chunk then holds the event loop a fraction as long.
      if (plan.newLead) newLeads.push(plan.newLead);
      else writes.push(...plan.write);
      if (plan.outcome === 'created') progress.created++;
      else progress.joined++;
    }
    writes.push(...insertNewLeads(ctx.db, newLeads));
    const items = [...writes, ...(record ? [record(progress)] : [])];
    if (items.length === 0) return progress;
    try {
      await ctx.db.batch(items as unknown as Parameters<CoreContext['db']['batch']>[0]);
      return progress;
    } catch (e) {
      if (!isUniqueViolation(e) || attempt >= MAX_CHUNK_ATTEMPTS) throw e;
    }
  }
}

/**
 * The importer's summary: counts, and the rejected rows with their original columns plus a reason
 * column, worded by `wording` (the importer's language; English when none is given).
 */
export function importSummary(file: CsvImportFile, progress: ImportProgress, wording: RejectionWording = ENGLISH_WORDING): ImportResult {
  const { created, joined, rejections } = progress;
  const reasonOf = (r: ImportRejection) => (r.problem ? wording.reason(r.problem) : r.reason);
  const rejectedRows = rejections.map((r) => [...(file.rows[r.line - 2] ?? []), reasonOf(r)]);
  return {
    created,
    joined,
    rejected: rejections.length,
    rejections,
    rejectedCsv: rejectedRows.length > 0 ? toCsv([[...file.header, wording.reasonHeader], ...rejectedRows], file.delimiter) : null,
  };
}

export function importActor(actor: Actor, fileName: string | undefined): Actor {
  if (actor.kind === 'import') return actor;
  const allowed = actor.kind === 'system' || (actor.kind === 'member' && (actor.role === 'owner' || actor.role === 'head'));
  if (!allowed) throw forbidden('Only the owner or a head can import leads');
  return { kind: 'import', id: actor.id, label: `CSV import${fileName ? ` ${fileName}` : ''} by ${actor.label}` };
}

/** One turn of the event loop (setImmediate on Node; a zero timeout where there is none). */
function nextTurn(): Promise<void> {
  return new Promise((resolve) => (typeof setImmediate === 'function' ? setImmediate(resolve) : setTimeout(resolve, 0)));
}
