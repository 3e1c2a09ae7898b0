import { createMiddleware } from 'hono/factory';
import type { AppDeps } from '../src/app-deps.js';
import { authenticatePartner, type Partner } from '../src/core/partners/authenticate-partner.js';
import { systemActor, type Actor } from '../src/core/shared/context.js';
import { unauthorized } from './errors.js';

export type PartnerEnv = { Variables: { partner: Partner } };

const HOW = 'send "Authorization: Bearer <key>" with the key printed by `npm run crm -- partner add <name>`';

/**
 * Partner key from `Authorization: Bearer`, or (for Bitrix24-style clients, which put it in the
 * URL) from `?auth=` or the `:key` path segment. Checked before the body is read.
 */
export function requirePartner(deps: AppDeps, opts: { bitrixStyle?: boolean } = {}) {
  return createMiddleware<PartnerEnv>(async (c, next) => {
    const bearer = /^Bearer\s+(\S+)\s*$/i.exec(c.req.header('authorization') ?? '')?.[1];
    const key = bearer ?? (opts.bitrixStyle ? (c.req.query('auth') ?? c.req.param('key')) : undefined);
    if (!key) throw unauthorized(`Missing partner key: ${HOW}`);
    const partner = await authenticatePartner(deps.core(systemActor), key);
    if (!partner) throw unauthorized('Unknown or revoked partner key: ask the CRM operator for a valid one');
    c.set('partner', partner);
    await next();
  });
}

export function partnerActor(partner: Partner): Actor {
  return { kind: 'partner', id: partner.id, label: `partner ${partner.name}` };
}
