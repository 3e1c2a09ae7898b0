import { eq } from 'drizzle-orm';
import { leads, partners } from '../../db/schema/index.js';
import { systemActor } from '../../src/core/shared/context.js';
import { createPartner } from '../../src/core/partners/create-partner.js';
import { FORM_TOKEN, webhookApp, type WebhookApp } from '../helpers/webhook-app.js';
import {
  bitrixFormRequest,
  bitrixJsonRequest,
  formRequest,
  mangoRequest,
  mangoSummary,
  partnerRequest,
  tildaRequest,
  toInit,
  zadarmaEnd,
  zadarmaRequest,
  type IntakeRequest,
} from './intake-requests.js';
import type { TableCell } from './permissions-table.js';
import { changedTables, snapshot } from './permissions-world.js';

/** valid: the caller's own key or the right secret; other: a real key, but the lead is another partner's. */
export const API_COLS = ['valid key', 'other partner', 'no key', 'wrong key', 'revoked key'] as const;
export type ApiCol = (typeof API_COLS)[number];

interface ApiEnv {
  app: WebhookApp;
  keys: Record<'acme' | 'globex' | 'revoked', string>;
  /** A fresh phone per request, so every allowed POST makes a lead of its own. */
  phone(): string;
}

interface ApiRow {
  name: string;
  cols: Partial<Record<ApiCol, boolean>>;
  /** The request for a column; `lead` is a lead the row's setup made (for GET). */
  request(env: ApiEnv, col: ApiCol, phone: string, lead: { id: string; number: number } | null): IntakeRequest;
  setup?(env: ApiEnv): Promise<{ id: string; number: number }>;
}

const keyFor = (env: ApiEnv, col: ApiCol) =>
  ({ 'valid key': env.keys.acme, 'other partner': env.keys.globex, 'no key': '', 'wrong key': 'pk_not_a_real_key_0000000000', 'revoked key': env.keys.revoked })[col];

const strip = (r: IntakeRequest): IntakeRequest => {
  const { authorization: _a, ...headers } = r.headers;
  return { ...r, headers };
};
const withKey = (r: IntakeRequest, key: string) => (key ? r : strip(r));
const secretFor = (col: ApiCol) => (col === 'valid key' ? FORM_TOKEN : col === 'wrong key' ? 'not-the-token' : '');
const partnerOnly = { 'valid key': true, 'no key': false, 'wrong key': false, 'revoked key': false };
const secretOnly = { 'valid key': true, 'no key': false, 'wrong key': false };

async function sentByAcme(env: ApiEnv, via: 'api' | 'bitrix') {
  const phone = env.phone();
  const req = via === 'api' ? partnerRequest({ name: 'Acme Client', phone }, env.keys.acme) : bitrixJsonRequest({ NAME: 'Acme Client', PHONE: [{ VALUE: phone }] }, env.keys.acme);
  await env.app.request(req.path, toInit(req));
  return storedLead(env, phone);
}

async function storedLead(env: ApiEnv, phone: string) {
  const [lead] = await env.app.db.select({ id: leads.id, number: leads.number }).from(leads).where(eq(leads.phone, phone.replace(/[\s-]/g, '')));
  return lead!;
}

const getLead = (env: ApiEnv, col: ApiCol, id: string): IntakeRequest => {
  const key = keyFor(env, col);
  return { method: 'GET', path: `/api/v1/leads/${id}`, headers: key ? { authorization: `Bearer ${key}` } : {} };
};

export const API_ROWS: ApiRow[] = [
  { name: 'POST /api/v1/leads', cols: partnerOnly, request: (env, col, phone) => withKey(partnerRequest({ name: 'P', phone }, keyFor(env, col)), keyFor(env, col)) },
  { name: 'GET /api/v1/leads/:id (sent by API)', cols: { ...partnerOnly, 'other partner': false }, setup: (env) => sentByAcme(env, 'api'), request: (env, col, _p, lead) => getLead(env, col, lead!.id) },
  { name: 'GET /api/v1/leads/:id (sent by Bitrix)', cols: { ...partnerOnly, 'other partner': false }, setup: (env) => sentByAcme(env, 'bitrix'), request: (env, col, _p, lead) => getLead(env, col, lead!.id) },
  {
    name: 'GET /api/v1/leads/:id (a site-form lead)',
    cols: { 'other partner': false },
    setup: async (env) => {
      const phone = env.phone();
      const req = formRequest({ name: 'Form Client', phone });
      await env.app.request(req.path, toInit(req));
      return storedLead(env, phone);
    },
    request: (env, _col, _p, lead) => getLead(env, 'valid key', lead!.id),
  },
  { name: 'POST /api/v1/bitrix/crm.lead.add (Bearer)', cols: partnerOnly, request: (env, col, phone) => withKey({ ...bitrixJsonRequest({ NAME: 'B', PHONE: [{ VALUE: phone }] }, keyFor(env, col)), path: '/api/v1/bitrix/crm.lead.add' }, keyFor(env, col)) },
  {
    name: 'POST /api/v1/bitrix/crm.lead.add.json?auth=',
    cols: partnerOnly,
    request: (env, col, phone) => {
      const r = bitrixFormRequest([['fields[NAME]', 'B'], ['fields[PHONE][0][VALUE]', phone]], keyFor(env, col));
      return keyFor(env, col) ? r : { ...r, path: '/api/v1/bitrix/crm.lead.add.json' };
    },
  },
  {
    name: 'POST /api/v1/bitrix/<key>/crm.lead.add.json',
    cols: { 'valid key': true, 'wrong key': false, 'revoked key': false },
    request: (env, col, phone) => strip({ ...bitrixJsonRequest({ NAME: 'B', PHONE: [{ VALUE: phone }] }, ''), path: `/api/v1/bitrix/${keyFor(env, col)}/crm.lead.add.json` }),
  },
  { name: 'POST /hooks/form (?token=)', cols: secretOnly, request: (_e, col, phone) => formRequest({ name: 'F', phone }, {}, secretFor(col) ? `/hooks/form?token=${secretFor(col)}` : '/hooks/form') },
  { name: 'POST /hooks/form (X-Api-Key)', cols: secretOnly, request: (_e, col, phone) => formRequest({ name: 'F', phone }, secretFor(col) ? { 'x-api-key': secretFor(col) } : {}, '/hooks/form') },
  { name: 'POST /hooks/tilda', cols: secretOnly, request: (_e, col, phone) => tildaRequest({ Name: 'T', Phone: phone }, secretFor(col) ? `/hooks/tilda?token=${secretFor(col)}` : '/hooks/tilda') },
  {
    name: 'POST /hooks/zadarma (Signature)',
    cols: secretOnly,
    request: (_e, col, phone) => {
      const fields = zadarmaEnd({ pbx_call_id: `perm_${phone}`, caller_id: phone.replace(/\D/g, '') });
      const r = col === 'wrong key' ? zadarmaRequest(fields, 'bm90LXRoZS1zaWduYXR1cmU=') : zadarmaRequest(fields);
      if (col === 'no key') delete r.headers.signature;
      return r;
    },
  },
  {
    name: 'POST /hooks/mango (sign)',
    cols: secretOnly,
    request: (_e, col, phone) => {
      const json = mangoSummary(`perm${phone.replace(/\D/g, '')}`, phone.replace(/\D/g, ''));
      if (col === 'valid key') return mangoRequest('summary', json);
      return mangoRequest('summary', json, col === 'wrong key' ? { sign: 'f'.repeat(64) } : { key: '', sign: '' });
    },
  },
];

/** Each cell: status, the answer's content, and every table before and after (a refusal leaves no trace). */
export async function runApiMatrix(): Promise<TableCell[]> {
  const app = await webhookApp();
  try {
    const core = app.deps.core(systemActor);
    const [acme, globex, revoked] = [await createPartner(core, 'Acme'), await createPartner(core, 'Globex'), await createPartner(core, 'Old')];
    await app.db.update(partners).set({ active: false }).where(eq(partners.id, revoked.id));
    let n = 0;
    const env: ApiEnv = { app, keys: { acme: acme.key, globex: globex.key, revoked: revoked.key }, phone: () => {
      const d = String(10_000_000 + ++n).slice(1);
      return `+7 915 ${d.slice(0, 3)}-${d.slice(3)}`;
    } };
    const cells: TableCell[] = [];
    for (const row of API_ROWS) {
      for (const [col, expected] of Object.entries(row.cols) as [ApiCol, boolean][]) {
        const lead = (await row.setup?.(env)) ?? null;
        const phone = env.phone();
        const before = await snapshot({ w: { h: app.h } });
        const req = row.request(env, col, phone, lead);
        const res = await app.request(req.path, toInit(req));
        const text = await res.text();
        const changed = changedTables(before, await snapshot({ w: { h: app.h } }));
        const made = (await app.db.select({ id: leads.id }).from(leads).where(eq(leads.phone, phone.replace(/[\s-]/g, '')))).length;
        const allowed = res.ok && (lead ? text.includes(lead.id) : made === 1);
        // A refused request: 4xx, a readable reason, nothing stored, nothing of the lead in the answer.
        const refused = res.status >= 400 && res.status < 500 && changed.length === 0 && /"message"|"error"/.test(text) && !(lead && text.includes(`"number"`));
        const ok = expected ? allowed : refused;
        const detail = `HTTP ${res.status}${changed.length ? `, changed ${changed.join(',')}` : ''}: ${text.slice(0, 80)}`;
        cells.push({ row: row.name, col, expected, ok, detail });
      }
    }
    return cells;
  } finally {
    app.close();
  }
}
