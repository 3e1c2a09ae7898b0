import type { Config } from '../src/config.js';

export interface IntakeRouteState {
  route: string;
  on: boolean;
  /** What turns it on (when off), or what authenticates it (when on). */
  how: string;
}

/** Each intake route and whether this server's configuration switches it on: for the start log. */
export function intakeRouteStates(config: Config): IntakeRouteState[] {
  const form = Boolean(config.FORM_TOKEN);
  return [
    { route: 'POST /hooks/form', on: form, how: 'FORM_TOKEN' },
    { route: 'POST /hooks/tilda', on: form, how: 'FORM_TOKEN' },
    { route: 'POST /hooks/zadarma', on: Boolean(config.ZADARMA_API_SECRET), how: 'ZADARMA_API_SECRET' },
    { route: 'POST /hooks/mango/events/*', on: Boolean(config.MANGO_API_KEY && config.MANGO_API_SALT), how: 'MANGO_API_KEY and MANGO_API_SALT' },
    { route: 'POST /api/v1/leads, /rest/<user>/<key>/crm.lead.add', on: true, how: 'partner keys (npm run crm -- partner add <name>)' },
    { route: 'POST /telegram', on: Boolean(config.TELEGRAM_BOT_TOKEN && config.TELEGRAM_WEBHOOK_SECRET), how: 'TELEGRAM_BOT_TOKEN and TELEGRAM_WEBHOOK_SECRET' },
  ];
}

export function describeIntakeRoutes(config: Config): string[] {
  return intakeRouteStates(config).map((r) => (r.on ? `  on   ${r.route} (${r.how})` : `  off  ${r.route}: set ${r.how} to turn it on`));
}
