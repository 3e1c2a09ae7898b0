/**
 * A recording stand-in for the Bot API, installed as the isolate's global fetch before the
 * Worker builds its bot (grammY's web build takes the global fetch when the bot is made).
 * workerd has no network here, and tests must never reach api.telegram.org anyway.
 */
export interface TelegramCall {
  method: string;
  body: Record<string, unknown>;
}

export function installFakeTelegram(): TelegramCall[] {
  const calls: TelegramCall[] = [];
  let messageId = 100;
  const original = globalThis.fetch;
  globalThis.fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input instanceof Request ? input.url : input);
    if (!url.includes('/bot')) return original(input, init);
    const method = url.split('/').pop() ?? '';
    const body = init?.body && typeof init.body === 'string' ? (JSON.parse(init.body) as Record<string, unknown>) : {};
    calls.push({ method, body });
    const result =
      method === 'getMe'
        ? { id: 4242, is_bot: true, first_name: 'CRM', username: 'crm_test_bot', can_join_groups: true, can_read_all_group_messages: false, supports_inline_queries: false }
        : method.startsWith('send')
          ? { message_id: ++messageId, date: 0, chat: { id: Number(body.chat_id), type: 'private' }, text: String(body.text ?? '') }
          : true;
    return new Response(JSON.stringify({ ok: true, result }), { headers: { 'content-type': 'application/json' } });
  }) as typeof fetch;
  return calls;
}
