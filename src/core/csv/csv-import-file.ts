import { decodeCsv, detectDelimiter, parseCsv, type CsvDelimiter } from './csv.js';
import { CrmError } from '../shared/errors.js';
import type { IntakeLeadInput } from '../intake/intake-input.js';

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

/**
 * A cold-call base read and checked once, before any row is imported: what a queued import keeps
 * (plain JSON), so resuming it never parses or decodes the file again.
 */
export interface CsvImportFile {
  fileName: string | null;
  delimiter: CsvDelimiter;
  header: string[];
  rows: string[][];
  columns: Partial<Record<Field, number>>;
}

/** Decodes (UTF-8 or Windows-1251), parses and maps the header; a file that cannot be imported is a VALIDATION error. */
export function readCsvImportFile(content: string | Uint8Array, fileName?: string): CsvImportFile {
  const text = decodeCsv(content);
  const delimiter = detectDelimiter(text);
  const [header, ...rows] = parseCsv(text, delimiter);
  if (!header) throw new CrmError('VALIDATION', 'The file is empty');
  if (rows.length > MAX_IMPORT_ROWS) throw new CrmError('VALIDATION', `At most ${MAX_IMPORT_ROWS} rows per file; this one has ${rows.length}`);
  const columns = mapHeader(header);
  if (columns.phone === undefined && columns.email === undefined) {
    throw new CrmError('VALIDATION', 'No phone column: name one column "phone" or "телефон"', { header });
  }
  return { fileName: fileName ?? null, delimiter, header, rows, columns };
}

/** Row `index` (0-based, header excluded) as an intake request: channel cold_call, source `csv:<file>`. */
export function rowLead(file: CsvImportFile, index: number): IntakeLeadInput {
  const source = file.fileName ? `csv:${file.fileName.slice(0, 150)}` : 'csv';
  const lead: IntakeLeadInput = { channel: 'cold_call', intakeSource: 'csv', source };
  const row = file.rows[index] ?? [];
  for (const field of Object.keys(file.columns) as Field[]) lead[field] = cell(row, file.columns[field]);
  return lead;
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
