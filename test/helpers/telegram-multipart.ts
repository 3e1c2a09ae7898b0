/** One upload as Telegram receives it: the text fields of the multipart body and its one file. */
export interface Multipart {
  fields: Record<string, string>;
  fileName: string;
  bytes: Uint8Array;
  /** The whole body as sent (the file travels inside it). */
  raw: Uint8Array;
}

/** Reads grammY's multipart body: text fields and the one file part. Binary-safe through latin1. */
export async function readMultipart(init: RequestInit): Promise<Multipart> {
  const contentType = new Headers(init.headers).get('content-type') ?? '';
  const boundary = /boundary=(.+)$/.exec(contentType)?.[1];
  if (!boundary) throw new Error(`no multipart boundary in ${contentType}`);
  const end = `--${boundary}--`;
  let raw = '';
  // Stop at the closing boundary rather than waiting for the stream's end.
  for await (const chunk of init.body as unknown as AsyncIterable<Uint8Array | string>) {
    raw += typeof chunk === 'string' ? Buffer.from(chunk, 'utf8').toString('latin1') : Buffer.from(chunk).toString('latin1');
    if (raw.includes(end)) break;
  }
  const fields: Record<string, string> = {};
  let file: { name: string; bytes: Uint8Array } | null = null;
  for (const part of raw.split(`--${boundary}`)) {
    const split = part.indexOf('\r\n\r\n');
    if (split < 0) continue;
    const head = part.slice(0, split);
    const body = part.slice(split + 4).replace(/\r\n$/, '');
    const name = /name="([^"]+)"/.exec(head)?.[1];
    // grammY writes filename=name.pdf without quotes.
    const fileName = /filename="?([^"\r\n;]*)"?/.exec(head)?.[1];
    if (fileName !== undefined) file = { name: fileName, bytes: Uint8Array.from(body, (c) => c.charCodeAt(0)) };
    else if (name) fields[name] = Buffer.from(body, 'latin1').toString('utf8');
  }
  if (!file) throw new Error('multipart body without a file');
  return { fields, fileName: file.name, bytes: file.bytes, raw: Uint8Array.from(raw, (c) => c.charCodeAt(0)) };
}
