import { api } from './api.js';
import { h, mount } from './dom.js';
import { app, haptic, toast, tr, when } from './state.js';

interface LeadItem {
  lead: { id: string; number: number; name: string | null; phone: string | null; companyName: string | null; status: string };
  nextDueAt: string | null;
  overdue: boolean;
}
interface PoolItem {
  id: string;
  number: number;
  name: string | null;
  companyName: string | null;
  channel: string;
  createdAt: string;
}

/** My open leads grouped by status, and the pool with Take. */
export async function leadsView(root: HTMLElement, go: (hash: string) => void): Promise<void> {
  const data = await api<{ mine: { items: LeadItem[]; total: number }; pool: { items: PoolItem[]; total: number } }>('/leads');
  const t = app.me.t;
  const byStatus = new Map<string, LeadItem[]>();
  for (const i of data.mine.items) byStatus.set(i.lead.status, [...(byStatus.get(i.lead.status) ?? []), i]);
  const open = (hash: string) => (e: MouseEvent) => (e.preventDefault(), go(hash));
  mount(
    root,
    h(
      'section',
      { class: 'list' },
      h('h2', null, tr('myLeads'), ' ', h('span', { class: 'count' }, data.mine.total)),
      data.mine.items.length === 0 && h('div', { class: 'hint' }, tr('empty')),
      [...byStatus].map(([status, items]) => [
        h('h4', null, t.statuses[status] ?? status),
        items.map((i) =>
          h(
            'a',
            { class: i.overdue ? 'item late' : 'item', href: `#lead/${i.lead.id}`, onclick: open(`lead/${i.lead.id}`) },
            h('b', null, `#${i.lead.number} ${i.lead.name ?? ''}`),
            h('div', { class: 'hint' }, [i.lead.companyName, i.nextDueAt ? when(i.nextDueAt) : tr('noNext')].filter(Boolean).join(' · ')),
          ),
        ),
      ]),
    ),
    h(
      'section',
      { class: 'list' },
      h('h2', null, tr('pool'), ' ', h('span', { class: 'count' }, data.pool.total)),
      data.pool.items.length === 0 && h('div', { class: 'hint' }, tr('noPool')),
      data.pool.items.map((p) =>
        h(
          'div',
          { class: 'item' },
          h('b', null, `#${p.number} ${p.name ?? ''}`),
          h('div', { class: 'hint' }, [t.channels[p.channel], p.companyName, when(p.createdAt)].filter(Boolean).join(' · ')),
          h(
            'div',
            { class: 'actions' },
            h(
              'button',
              {
                class: 'primary',
                onclick: async () => {
                  const r = await api<{ outcome: string }>(`/leads/${p.id}/take`, {});
                  haptic(r.outcome === 'taken_by_other' ? 'error' : 'success');
                  if (r.outcome === 'taken_by_other') toast(tr('empty'));
                  go(`lead/${p.id}`);
                },
              },
              tr('take'),
            ),
          ),
        ),
      ),
    ),
  );
}
