import { bodyLimit } from 'hono/body-limit';
import { payloadTooLarge } from './errors.js';

/** Refuses a body over `maxBytes` before anything reads it (by Content-Length, or while streaming). */
export function limitBody(maxBytes: number) {
  return bodyLimit({
    maxSize: maxBytes,
    onError: () => {
      throw payloadTooLarge(maxBytes);
    },
  });
}
