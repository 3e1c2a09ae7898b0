/** Every call carries the Mini App's initData; the server checks its signature each time. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly rule?: string,
  ) {
    super(message);
  }
}

let initData = '';
export function setInitData(value: string): void {
  initData = value;
}

/** An answer the page's inline script already asked for (/me, /board), taken once. */
function early(path: string): Promise<Response> | undefined {
  const started = window.crmEarly?.[path];
  if (started) window.crmEarly![path] = undefined;
  return started;
}

export async function api<T>(path: string, body?: unknown): Promise<T> {
  const res = await ((body === undefined && early(path)) ||
    fetch(`/app/api${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { authorization: `tma ${initData}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    }));
  const data = (await res.json().catch(() => ({}))) as { error?: { code: string; message?: string; rule?: string } };
  if (!res.ok) throw new ApiError(res.status, data.error?.code ?? 'error', data.error?.message ?? res.statusText, data.error?.rule);
  return data as T;
}
