/** One upload as Telegram receives it: the text fields of the multipart body and its one file. */
export interface Multipart {
  fields: Record<string, string>;
  fileName: string;
  bytes: Uint8Array;
  /** The whole body as sent (the file travels inside it). */
  raw: Uint8Array;
}

/** Reads grammY's multipart body: text fields and the one file part, on bytes; 'too big' past `maxBytes`. */
export async function readMultipart(init: RequestInit, maxBytes = Infinity): Promise<Multipart | 'too big'> {
  const contentType = new Headers(init.headers).get('content-type') ?? '';
  const boundary = /boundary=(.+)$/.exec(contentType)?.[1];
  if (!boundary) throw new Error(`no multipart boundary in ${contentType}`);
  const end = `--${boundary}--`;
  const chunks: Buffer[] = [];
  let size = 0;
  let tail = '';
  // Stop at the closing boundary rather than waiting for the stream's end; no copies of the file on the way.
  for await (const chunk of init.body as unknown as AsyncIterable<Uint8Array | string>) {
    const b = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    chunks.push(b);
    size += b.length;
    // Telegram stops reading an upload past its limit (413); so does this, without buffering it all.
    if (size > maxBytes + 16 * 1024) return 'too big';
    tail = (tail + b.subarray(Math.max(0, b.length - end.length - 4)).toString('latin1')).slice(-(end.length + 4));
    if (tail.includes(end)) break;
  }
  const raw = Buffer.concat(chunks, size);
  const delimiter = Buffer.from(`--${boundary}`);
  const fields: Record<string, string> = {};
  let file: { name: string; bytes: Uint8Array } | null = null;
  let at = raw.indexOf(delimiter);
  while (at >= 0) {
    const start = at + delimiter.length;
    const next = raw.indexOf(delimiter, start);
    if (next < 0) break;
    const part = raw.subarray(start, next);
    const split = part.indexOf('\r\n\r\n');
    if (split >= 0) {
      const head = part.subarray(0, split).toString('utf8');
      let body = part.subarray(split + 4);
      if (body.subarray(-2).toString('latin1') === '\r\n') body = body.subarray(0, -2);
      const name = /name="([^"]+)"/.exec(head)?.[1];
      // grammY writes filename=name.pdf without quotes.
      const fileName = /filename="?([^"\r\n;]*)"?/.exec(head)?.[1];
      if (fileName !== undefined) file = { name: fileName, bytes: plain(body) };
      else if (name) fields[name] = body.toString('utf8');
    }
    at = next;
  }
  if (!file) throw new Error('multipart body without a file');
  return { fields, fileName: file.name, bytes: file.bytes, raw: plain(raw) };
}

/** A plain Uint8Array view (PDF readers refuse Node Buffers), sharing the bytes. */
const plain = (b: Buffer): Uint8Array => new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
