import { Hono } from 'hono';
import { CHANNELS, OPEN_DEAL_STAGES, type Channel, type DealStage } from '../db/enums.js';
import type { AppDeps } from '../src/app-deps.js';
import { addDealNote } from '../src/core/deals/add-deal-note.js';
import { addNote } from '../src/core/leads/add-lead-note.js';
import { buildDashboard } from '../src/core/reports/build-dashboard.js';
import { changeDealStage } from '../src/core/deals/change-deal-stage.js';
import { changeLeadStatus } from '../src/core/leads/change-lead-status.js';
import { completeActivity } from '../src/core/activities/complete-activity.js';
import { getDealBoard } from '../src/core/deals/get-deal-board.js';
import { getDealRecord } from '../src/core/deals/get-deal-record.js';
import { getLeadRecord } from '../src/core/leads/get-lead-record.js';
import { getMyDay } from '../src/core/activities/get-my-day.js';
import { listManagers } from '../src/core/team/list-managers.js';
import { listMyLeads } from '../src/core/leads/list-leads.js';
import { listPoolLeads } from '../src/core/leads/list-pool-leads.js';
import { logCall } from '../src/core/leads/log-call.js';
import { rescheduleActivity } from '../src/core/activities/reschedule-activity.js';
import { takeLead } from '../src/core/leads/take-lead.js';
import { miniAppAuth, type MiniAppEnv } from './auth.js';
import { clientDictionary } from './dictionary.js';
import { jsonBody, miniAppError } from './errors.js';
import { presentAgenda, presentBoard, presentDeal, presentLead } from './present.js';

const DAY_MS = 86_400_000;
const PERIOD_DAYS = [7, 30, 90] as const;

/** The Mini App's JSON API: read ctx, call one use case, answer. Mounted at /app/api. */
export function miniAppApi(deps: AppDeps) {
  const api = new Hono<MiniAppEnv>();
  api.onError(miniAppError);
  api.use('*', miniAppAuth(deps));

  api.get('/me', async (c) => {
    const m = c.get('member');
    return c.json({
      member: { id: m.id, name: m.name, role: m.role, language: m.language, timeZone: m.timeZone },
      managers: await listManagers(c.get('core')),
      stages: OPEN_DEAL_STAGES,
      channels: CHANNELS,
      t: clientDictionary(m.language),
    });
  });

  api.get('/board', async (c) => {
    // ?stage=X&offset=N: the next page of one column ("show more").
    const stage = c.req.query('stage');
    const offset = c.req.query('offset');
    const board = await getDealBoard(c.get('core'), {
      managerId: c.req.query('manager') || null,
      ...(stage ? { stage: stage as DealStage } : {}),
      ...(offset ? { offset: Number(offset) } : {}),
    });
    return c.json(presentBoard(board, c.get('member').language));
  });

  api.get('/day', async (c) => {
    const m = c.get('member');
    const day = await getMyDay(c.get('core'), { timeZone: m.timeZone });
    return c.json({
      overdue: presentAgenda(day.overdue, m.language),
      today: presentAgenda(day.today, m.language),
      tomorrow: presentAgenda(day.tomorrow, m.language),
    });
  });

  api.get('/leads', async (c) => {
    const core = c.get('core');
    const [mine, pool] = await Promise.all([listMyLeads(core, { limit: 50 }), listPoolLeads(core)]);
    return c.json({ mine, pool });
  });

  api.get('/leads/:id', async (c) => c.json(presentLead(await getLeadRecord(c.get('core'), c.req.param('id')), c.get('member').language)));
  api.get('/deals/:id', async (c) => c.json(presentDeal(await getDealRecord(c.get('core'), c.req.param('id')), c.get('member').language)));

  api.get('/dashboard', async (c) => {
    const days = Number(c.req.query('days') ?? 30);
    if (!(PERIOD_DAYS as readonly number[]).includes(days))
      return c.json({ error: { code: 'bad_query', message: 'days must be 7, 30 or 90' } }, 400);
    const channel = c.req.query('channel') || null;
    if (channel && !(CHANNELS as readonly string[]).includes(channel))
      return c.json({ error: { code: 'bad_query', message: `channel must be one of ${CHANNELS.join(', ')}` } }, 400);
    const to = deps.now();
    const dashboard = await buildDashboard(c.get('core'), {
      from: new Date(to.getTime() - days * DAY_MS),
      to,
      managerId: c.req.query('manager') || null,
      channel: channel as Channel | null,
    });
    return c.json({ ...dashboard, days });
  });

  api.post('/deals/:id/stage', async (c) => {
    const body = await jsonBody(c);
    return c.json(
      await changeDealStage(c.get('core'), { dealId: c.req.param('id'), stage: body.stage as never, next: body.next as never }),
    );
  });
  api.post('/deals/:id/note', async (c) => {
    const body = await jsonBody(c);
    return c.json(await addDealNote(c.get('core'), c.req.param('id'), String(body.text ?? '')));
  });
  api.post('/leads/:id/take', async (c) => c.json(await takeLead(c.get('core'), c.req.param('id'))));
  api.post('/leads/:id/call', async (c) => {
    const body = await jsonBody(c);
    return c.json(await logCall(c.get('core'), { ...body, leadId: c.req.param('id') } as never));
  });
  api.post('/leads/:id/status', async (c) => {
    const body = await jsonBody(c);
    return c.json(
      await changeLeadStatus(c.get('core'), { leadId: c.req.param('id'), status: body.status as never, next: body.next as never }),
    );
  });
  api.post('/leads/:id/note', async (c) => {
    const body = await jsonBody(c);
    await addNote(c.get('core'), c.req.param('id'), String(body.text ?? ''));
    return c.json({ ok: true });
  });
  api.post('/activities/:id/done', async (c) => {
    const body = await jsonBody(c);
    return c.json(await completeActivity(c.get('core'), { activityId: c.req.param('id'), next: (body.next as never) ?? null }));
  });
  api.post('/activities/:id/reschedule', async (c) => {
    const body = await jsonBody(c);
    return c.json(await rescheduleActivity(c.get('core'), { activityId: c.req.param('id'), dueAt: body.dueAt as never }));
  });
  api.all('*', (c) => c.json({ error: { code: 'not_found', message: `No route for ${c.req.method} ${c.req.path.slice(0, 200)}` } }, 404));
  return api;
}
