import { api, ApiError } from './api.js';
import { moveSheet } from './board.js';
import { activityButtons } from './day.js';
import { h, mount } from './dom.js';
import { nextPicker, openSheet, pick } from './sheet.js';
import { app, haptic, money, toast, tr, when } from './state.js';
import type { Activity, Line } from './types.js';

interface DealRecord {
  type: 'deal';
  id: string;
  number: number;
  title: string;
  stage: string;
  amount: number;
  currency: string;
  closed: boolean;
  client: { name: string; phone: string | null } | null;
  company: string | null;
  assignee: string | null;
  items: { name: string; quantity: number; total: number; unit: string | null }[];
  activities: Activity[];
  timeline: Line[];
  notes: Line[];
}
interface LeadRecord {
  type: 'lead';
  id: string;
  number: number;
  name: string | null;
  phone: string | null;
  companyName: string | null;
  comment: string | null;
  channel: string;
  status: string;
  assignee: string | null;
  actions: string[];
  activities: Activity[];
  timeline: Line[];
  notes: Line[];
}

const MANUAL_STATUSES = ['clarifying', 'unreachable', 'in_progress', 'call_back'];

/** A lead or a deal: fields, actions, activities, line items, notes and the history timeline. */
export async function recordView(root: HTMLElement, type: 'lead' | 'deal', id: string): Promise<void> {
  const r = await api<DealRecord | LeadRecord>(`/${type}s/${id}`);
  const t = app.me.t;
  const reload = () => void recordView(root, type, id);
  const field = (label: string, value: string | null | undefined) =>
    value && h('div', { class: 'field' }, h('span', { class: 'hint' }, label), h('span', null, value));
  const head =
    r.type === 'deal'
      ? [
          h('h2', null, tr('deal', { n: r.number }), ' ', r.title),
          h('div', { class: 'badge', 'data-stage': r.stage }, t.dealStages[r.stage] ?? r.stage),
          field(tr('amount'), money(r.amount, r.currency)),
          field(tr('client'), r.client ? [r.client.name, r.client.phone].filter(Boolean).join(', ') : null),
          field(tr('company'), r.company),
          field(tr('manager'), r.assignee ?? tr('unassigned')),
        ]
      : [
          h('h2', null, tr('lead', { n: r.number }), ' ', r.name ?? ''),
          h('div', { class: 'badge' }, t.statuses[r.status] ?? r.status),
          field(tr('phone'), r.phone),
          field(tr('company'), r.companyName),
          field(t.channels[r.channel] ?? r.channel, r.comment),
          field(tr('manager'), r.assignee ?? tr('unassigned')),
        ];
  const actions: (HTMLElement | false)[] =
    r.type === 'deal'
      ? [
          !r.closed && h('button', { class: 'primary', onclick: () => moveSheet({ id: r.id, title: r.title }, reload) }, tr('stage')),
          noteButton('deals', r.id, reload),
        ]
      : [
          r.actions.includes('take') &&
            h('button', { class: 'primary', onclick: async () => (await api(`/leads/${r.id}/take`, {}), reload()) }, tr('take')),
          r.actions.includes('log_call') && h('button', { class: 'primary', onclick: () => callSheet(r.id, reload) }, tr('logCall')),
          r.actions.includes('status') && h('button', { onclick: () => statusSheet(r.id, reload) }, tr('status')),
          r.actions.includes('note') && noteButton('leads', r.id, reload),
        ];
  mount(
    root,
    h('section', { class: 'record' }, head, h('div', { class: 'actions' }, actions)),
    h(
      'section',
      { class: 'list' },
      h('h3', null, tr('activities')),
      r.activities.length === 0 && h('div', { class: 'hint' }, tr('empty')),
      r.activities.map((a) =>
        h(
          'div',
          { class: !a.doneAt && Date.parse(a.dueAt) < Date.now() ? 'item late' : a.doneAt ? 'item done' : 'item' },
          h('div', null, h('b', null, when(a.dueAt)), ' ', t.kinds[a.kind] ?? a.kind, ': ', a.subject, a.doneAt ? ' ✓' : ''),
          !a.doneAt && activityButtons(a.id, reload),
        ),
      ),
    ),
    r.type === 'deal' &&
      r.items.length > 0 &&
      h(
        'section',
        { class: 'list' },
        h('h3', null, tr('items')),
        r.items.map((i) =>
          h('div', { class: 'field' }, h('span', null, `${i.name} × ${i.quantity}`), h('span', null, money(i.total, r.currency))),
        ),
      ),
    r.notes.length > 0 && h('section', { class: 'list' }, h('h3', null, tr('notes')), r.notes.map(lineNode)),
    h('section', { class: 'list timeline' }, h('h3', null, tr('timeline')), r.timeline.map(lineNode)),
  );
}

const lineNode = (l: Line) => h('div', { class: 'line' }, h('span', { class: 'hint' }, `${when(l.at)} ${l.actor}`), h('div', null, l.text));

function noteButton(kind: 'leads' | 'deals', id: string, reload: () => void): HTMLElement {
  return h(
    'button',
    {
      onclick: () =>
        openSheet(tr('addNote'), (close) => {
          const text = h('textarea', { rows: 4, placeholder: tr('notePlaceholder') });
          return [
            text,
            h(
              'div',
              { class: 'actions' },
              h('button', { class: 'ghost', onclick: close }, tr('cancel')),
              h(
                'button',
                { class: 'primary', onclick: () => submit(`/${kind}/${id}/note`, { text: text.value }, close, reload) },
                tr('save'),
              ),
            ),
          ];
        }),
    },
    tr('addNote'),
  );
}

function choiceSheet(title: string, options: Record<string, string>, path: string, field: string, reload: () => void): void {
  openSheet(title, (close) => {
    let chosen = '';
    const row: HTMLElement = h(
      'div',
      { class: 'chips' },
      Object.entries(options).map(([k, label]) =>
        h('button', { class: 'chip', onclick: (e: MouseEvent) => pick(row, e, () => (chosen = k)) }, label),
      ),
    );
    const picker = nextPicker(app.me.t.kinds);
    return [
      row,
      picker.node,
      h(
        'div',
        { class: 'actions' },
        h('button', { class: 'ghost', onclick: close }, tr('cancel')),
        h(
          'button',
          { class: 'primary', onclick: () => chosen && submit(path, { [field]: chosen, next: picker.read() }, close, reload) },
          tr('save'),
        ),
      ),
    ];
  });
}

const callSheet = (id: string, reload: () => void) => choiceSheet(tr('logCall'), app.me.t.outcomes, `/leads/${id}/call`, 'outcome', reload);
const statusSheet = (id: string, reload: () => void) =>
  choiceSheet(
    tr('status'),
    Object.fromEntries(MANUAL_STATUSES.map((s) => [s, app.me.t.statuses[s] ?? s])),
    `/leads/${id}/status`,
    'status',
    reload,
  );

async function submit(path: string, body: unknown, close: () => void, reload: () => void): Promise<void> {
  try {
    await api(path, body);
    haptic('success');
    close();
    toast(tr('saved'));
    reload();
  } catch (e) {
    haptic('error');
    toast(e instanceof ApiError ? e.message : String(e));
  }
}
