import type { MiddlewareHandler } from 'hono';
import type { AppDeps } from '../src/app-deps.js';
import type { CoreContext } from '../src/core/shared/context.js';
import { memberActor, memberByTelegram, type MemberRow } from '../src/core/team/member-by-telegram.js';
import { verifyInitData } from './init-data.js';

export type MiniAppEnv = { Variables: { member: MemberRow; core: CoreContext } };

/**
 * Every API call carries the Mini App's initData in `Authorization: tma <initData>`. Forged, stale or
 * missing data, a stranger and a deactivated member all get the same bare 401: the page learns nothing.
 */
export function miniAppAuth(deps: AppDeps): MiddlewareHandler<MiniAppEnv> {
  return async (c, next) => {
    const token = deps.config.TELEGRAM_BOT_TOKEN;
    if (!token) return c.json({ error: { code: 'not_configured', message: 'The Mini App needs TELEGRAM_BOT_TOKEN' } }, 503);
    const header = c.req.header('authorization') ?? '';
    const initData = header.startsWith('tma ') ? header.slice(4) : '';
    const verified = initData ? await verifyInitData(initData, token, deps.now()) : null;
    const member = verified ? await memberByTelegram(deps, verified.user.id) : null;
    if (!member || !member.active) return c.json({ error: { code: 'unauthorized' } }, 401);
    c.set('member', member);
    c.set('core', deps.core(memberActor(member)));
    await next();
  };
}
