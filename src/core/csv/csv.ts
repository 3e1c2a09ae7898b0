// The browser build bundles its own Buffer shim, so parsing also runs on Workers without nodejs_compat.
import { parse } from 'csv-parse/browser/esm/sync';
import { CrmError } from '../shared/errors.js';

export type CsvDelimiter = ',' | ';' | '\t';

/**
 * Bytes from a file upload to text: UTF-8 (with or without a BOM) when valid, else Windows-1251,
 * which is what Excel on a Russian Windows still writes for "CSV".
 */
export function decodeCsv(content: string | Uint8Array): string {
  const text = typeof content === 'string' ? content : decodeBytes(content);
  return text.replace(/^\uFEFF/, '');
}

function decodeBytes(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1251').decode(bytes);
  }
}

/** Picks the delimiter that splits the header line most often, counting only outside quotes. */
export function detectDelimiter(text: string): CsvDelimiter {
  const counts: Record<CsvDelimiter, number> = { ',': 0, ';': 0, '\t': 0 };
  let quoted = false;
  for (const ch of text.slice(0, 10_000)) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && ch in counts) counts[ch as CsvDelimiter]++;
  }
  const best = (Object.keys(counts) as CsvDelimiter[]).sort((a, b) => counts[b] - counts[a])[0]!;
  return counts[best] > 0 ? best : ',';
}

export function parseCsv(text: string, delimiter: CsvDelimiter): string[][] {
  try {
    return parse(text, {
      delimiter,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
      skip_records_with_empty_values: true,
      trim: true,
    }) as string[][];
  } catch (e) {
    throw new CrmError('VALIDATION', `The file is not a readable CSV: ${(e as Error).message}`);
  }
}

/**
 * A cell a spreadsheet will show as text: one starting with = + - @ (or a tab / CR) would be run as a
 * formula (CSV injection), so it gets a leading apostrophe. E.164 phones start with "+" and are escaped too.
 */
export function csvCell(value: unknown, _delimiter?: CsvDelimiter): string {
  if (value === null || value === undefined) return '';
  let text = value instanceof Date ? value.toISOString() : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  // Quoted whatever this file's delimiter: a spreadsheet that guesses another one (Excel in a ";" locale
  // opening a "," file) would otherwise split the cell and could start a new one with "=".
  return /[,;\t"\r\n]/.test(text) || /^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Rows to CSV text with CRLF line ends (RFC 4180) and a UTF-8 BOM, so Excel reads Cyrillic right. */
export function toCsv(rows: readonly (readonly unknown[])[], delimiter: CsvDelimiter = ','): string {
  return `\uFEFF${rows.map((row) => row.map((v) => csvCell(v, delimiter)).join(delimiter)).join('\r\n')}\r\n`;
}
