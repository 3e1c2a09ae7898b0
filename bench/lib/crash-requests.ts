/**
 * The two intake paths the crash rounds drive, and the per-endpoint tally they report. Each
 * request carries a unique email, so the database can later be asked how many leads it made.
 */
export type CrashEndpoint = 'form' | 'partner';

export interface CrashRequest {
  endpoint: CrashEndpoint;
  email: string;
  /** Partner requests only: the Idempotency-Key, reused verbatim when the request is retried. */
  key?: string;
}

export interface EndpointTally {
  sent: number;
  acknowledged: number;
  found: number;
  lost: number;
  duplicated: number;
  /** Partner requests left unanswered by a kill and sent again (same key) to the next server. */
  retried: number;
  /** HTTP statuses seen, plus "reset" for a connection the kill cut off. */
  statuses: Record<string, number>;
}

export const emptyTally = (): EndpointTally => ({ sent: 0, acknowledged: 0, found: 0, lost: 0, duplicated: 0, retried: 0, statuses: {} });

export const FORM_TOKEN = 'crash-form-token';

export function sendCrashRequest(url: string, partnerKey: string, req: CrashRequest): Promise<Response> {
  if (req.endpoint === 'form') {
    return fetch(`${url}/hooks/form?token=${FORM_TOKEN}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ name: 'Crash Test', email: req.email }).toString(),
    });
  }
  return fetch(`${url}/api/v1/leads`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${partnerKey}`, 'idempotency-key': req.key ?? req.email },
    body: JSON.stringify({ name: 'Crash Partner', email: req.email }),
  });
}

export const isAcknowledged = (status: number) => status >= 200 && status < 300;
