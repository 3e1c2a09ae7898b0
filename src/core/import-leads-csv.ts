import type { Actor, CoreContext } from './context.js';
import { createLeadFromIntake } from './create-lead-from-intake.js';
import { decodeCsv, detectDelimiter, parseCsv, toCsv } from './csv.js';
import { CrmError, forbidden, isCrmError } from './errors.js';
import type { IntakeLeadInput } from './intake-input.js';

/** Header names people write in Russian and English spreadsheets, lower-cased. */
const HEADERS = {
  name: ['name', 'имя', 'фио', 'контакт', 'contact', 'full name', 'контактное лицо'],
  phone: ['phone', 'телефон', 'тел', 'тел.', 'номер', 'номер телефона', 'mobile', 'мобильный', 'phone number'],
  email: ['email', 'e-mail', 'почта', 'эл. почта', 'электронная почта', 'mail'],
  companyName: ['company', 'компания', 'организация', 'фирма', 'company name', 'название компании'],
  comment: ['comment', 'комментарий', 'примечание', 'заметка', 'note', 'notes'],
} as const;
type Field = keyof typeof HEADERS;

export const MAX_IMPORT_ROWS = 10_000;

export interface ImportRejection {
  /** 1-based line of the file, counting the header as line 1. */
  line: number;
  reason: string;
}

export interface ImportResult {
  created: number;
  joined: number;
  rejected: number;
  rejections: ImportRejection[];
  /** The rejected rows with their original columns and a reason column; null when none. */
  rejectedCsv: string | null;
}

/**
 * A cold-call base from a spreadsheet: every row goes through the same intake as a site form
 * (normalised phone, dedupe against open leads and earlier rows), as channel cold_call by an "import" actor.
 * Only the owner or a head may import.
 */
export async function importLeadsCsv(ctx: CoreContext, input: { content: string | Uint8Array; fileName?: string }): Promise<ImportResult> {
  const importer = importActor(ctx.actor, input.fileName);
  const text = decodeCsv(input.content);
  const delimiter = detectDelimiter(text);
  const [header, ...rows] = parseCsv(text, delimiter);
  if (!header) throw new CrmError('VALIDATION', 'The file is empty');
  if (rows.length > MAX_IMPORT_ROWS) throw new CrmError('VALIDATION', `At most ${MAX_IMPORT_ROWS} rows per file; this one has ${rows.length}`);
  const columns = mapHeader(header);
  if (columns.phone === undefined && columns.email === undefined) {
    throw new CrmError('VALIDATION', 'No phone column: name one column "phone" or "телефон"', { header });
  }

  const importCtx: CoreContext = { ...ctx, actor: importer };
  // Leads land unassigned; the import itself is one event, so no sender is woken per row.
  delete importCtx.onOutbox;
  const source = input.fileName ? `csv:${input.fileName.slice(0, 150)}` : 'csv';
  const result: ImportResult = { created: 0, joined: 0, rejected: 0, rejections: [], rejectedCsv: null };
  const rejectedRows: string[][] = [];
  for (const [i, row] of rows.entries()) {
    const lead: IntakeLeadInput = { channel: 'cold_call', intakeSource: 'csv', source };
    for (const field of Object.keys(columns) as Field[]) lead[field] = cell(row, columns[field]);
    try {
      const outcome = await createLeadFromIntake(importCtx, lead, undefined, { notify: false });
      if (outcome.outcome === 'created') result.created++;
      else result.joined++;
    } catch (e) {
      if (!isCrmError(e, 'VALIDATION')) throw e;
      result.rejections.push({ line: i + 2, reason: e.message });
      rejectedRows.push([...row, e.message]);
    }
  }
  result.rejected = result.rejections.length;
  if (rejectedRows.length > 0) result.rejectedCsv = toCsv([[...header, 'reason'], ...rejectedRows], delimiter);
  return result;
}

function importActor(actor: Actor, fileName: string | undefined): Actor {
  const allowed = actor.kind === 'system' || (actor.kind === 'member' && (actor.role === 'owner' || actor.role === 'head'));
  if (!allowed) throw forbidden('Only the owner or a head can import leads');
  return { kind: 'import', id: actor.id, label: `CSV import${fileName ? ` ${fileName}` : ''} by ${actor.label}` };
}

function mapHeader(header: string[]): Partial<Record<Field, number>> {
  const columns: Partial<Record<Field, number>> = {};
  header.forEach((raw, index) => {
    const name = raw.trim().toLowerCase().replace(/\s+/g, ' ').replace(/[*:]$/, '');
    for (const field of Object.keys(HEADERS) as Field[]) {
      if (columns[field] === undefined && (HEADERS[field] as readonly string[]).includes(name)) columns[field] = index;
    }
  });
  return columns;
}

/** A cell, with the apostrophe our own export adds before "+7..." taken off again. */
function cell(row: string[], index: number | undefined): string | undefined {
  if (index === undefined) return undefined;
  const value = row[index]?.trim();
  if (!value) return undefined;
  return /^'[=+\-@]/.test(value) ? value.slice(1) : value;
}
