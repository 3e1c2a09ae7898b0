import { api, ApiError } from './api.js';
import { h, mount } from './dom.js';
import { nextPicker, openSheet } from './sheet.js';
import { app, haptic, toast, tr, when } from './state.js';
import type { AgendaItem } from './types.js';

/** My day: overdue first, then today and tomorrow, each line with Done and Reschedule. */
export async function dayView(root: HTMLElement, go: (hash: string) => void): Promise<void> {
  const day = await api<{ overdue: AgendaItem[]; today: AgendaItem[]; tomorrow: AgendaItem[] }>('/day');
  const reload = () => void dayView(root, go);
  const section = (title: string, items: AgendaItem[], late: boolean) =>
    h(
      'section',
      { class: 'list' },
      h('h2', null, title, ' ', h('span', { class: 'count' }, items.length)),
      items.length ? items.map((i) => itemNode(i, late, go, reload)) : h('div', { class: 'hint' }, tr('empty')),
    );
  mount(
    root,
    section(tr('overdueTitle'), day.overdue, true),
    section(tr('todayTitle'), day.today, false),
    section(tr('tomorrowTitle'), day.tomorrow, false),
  );
}

/** One agenda line, shared by My day and the record pages. */
export function itemNode(i: AgendaItem, late: boolean, go: (hash: string) => void, reload: () => void): HTMLElement {
  const target = i.deal
    ? { hash: `deal/${i.deal.id}`, text: `${tr('deal', { n: i.deal.number })} ${i.deal.title}` }
    : i.lead
      ? { hash: `lead/${i.lead.id}`, text: `${tr('lead', { n: i.lead.number })} ${i.lead.name ?? ''}` }
      : null;
  return h(
    'div',
    { class: late ? 'item late' : 'item', 'data-activity': i.activityId },
    h('div', null, h('b', null, when(i.dueAt)), ' ', app.me.t.kinds[i.kind] ?? i.kind, ': ', i.subject),
    target && h('a', { href: `#${target.hash}`, onclick: (e: MouseEvent) => (e.preventDefault(), go(target.hash)) }, target.text),
    activityButtons(i.activityId, reload),
  );
}

export function activityButtons(activityId: string, reload: () => void): HTMLElement {
  return h(
    'div',
    { class: 'actions' },
    h('button', { onclick: () => done(activityId, reload) }, tr('done')),
    h('button', { class: 'ghost', onclick: () => reschedule(activityId, reload) }, tr('reschedule')),
  );
}

async function done(activityId: string, reload: () => void, next?: unknown): Promise<void> {
  try {
    await api(`/activities/${activityId}/done`, next ? { next } : {});
    haptic('success');
    toast(tr('saved'));
    reload();
  } catch (e) {
    // The last open step of an open record closes only with the next one: ask for it, then retry.
    if (e instanceof ApiError && e.rule === 'next_activity_required') return timeSheet(e.message, true, (n) => done(activityId, reload, n));
    haptic('error');
    toast(e instanceof Error ? e.message : String(e));
  }
}

function reschedule(activityId: string, reload: () => void): void {
  timeSheet(tr('reschedule'), false, async (n) => {
    await api(`/activities/${activityId}/reschedule`, { dueAt: n.dueAt });
    toast(tr('saved'));
    reload();
  });
}

function timeSheet(title: string, withKind: boolean, submit: (n: { kind: string; dueAt: string }) => Promise<void>): void {
  openSheet(title, (close) => {
    const picker = nextPicker(app.me.t.kinds, withKind);
    const error = h('div', { class: 'error' });
    const save = async () => {
      const n = picker.read();
      if (!n) return;
      try {
        close();
        await submit(n);
      } catch (e) {
        toast(e instanceof Error ? e.message : String(e));
      }
    };
    return [
      picker.node,
      error,
      h(
        'div',
        { class: 'actions' },
        h('button', { class: 'ghost', onclick: close }, tr('cancel')),
        h('button', { class: 'primary', onclick: save }, tr('save')),
      ),
    ];
  });
}
