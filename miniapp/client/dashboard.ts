import { api } from './api.js';
import { h, mount } from './dom.js';
import { channelFilter, managerFilter } from './filters.js';
import { app, tr } from './state.js';

interface Funnel {
  leads: number;
  deals: number;
  won: number;
}
interface Dashboard {
  days: number;
  funnel: Funnel;
  byChannel: (Funnel & { channel: string })[];
  byManager: (Funnel & { memberId: string | null; name: string | null })[];
  lostReasons: { reason: string | null; count: number }[];
  junkReasons: { reason: string | null; count: number }[];
  firstTouch: { medianMinutes: number | null; untouched: number };
  forgotten: { leads: number; deals: number; capped: boolean };
}

const filter = { days: 30, manager: '', channel: '' };
const pct = (part: number, whole: number) => (whole ? `${Math.round((part / whole) * 100)}%` : '—');

/** The owner's dashboard: a period, a manager and a channel; tapping a row of a breakdown narrows to it. */
export async function dashboardView(root: HTMLElement): Promise<void> {
  const q = new URLSearchParams({
    days: String(filter.days),
    ...(filter.manager ? { manager: filter.manager } : {}),
    ...(filter.channel ? { channel: filter.channel } : {}),
  });
  const d = await api<Dashboard>(`/dashboard?${q}`);
  const t = app.me.t;
  const reload = () => void dashboardView(root);
  const set = (patch: Partial<typeof filter>) => (Object.assign(filter, patch), void reload());
  const bar = (label: string, value: number, max: number, extra = '', onclick?: () => void) =>
    h(
      'div',
      { class: onclick ? 'bar tap' : 'bar', onclick },
      h('div', { class: 'bar-label' }, h('span', null, label), h('span', null, `${value}${extra}`)),
      h('div', { class: 'bar-track' }, h('div', { class: 'bar-fill', style: `width:${max ? Math.max(2, (value / max) * 100) : 0}%` })),
    );
  const reasons = (title: string, rows: { reason: string | null; count: number }[], names: Record<string, string>) => {
    const max = Math.max(0, ...rows.map((r) => r.count));
    return h(
      'section',
      { class: 'panel' },
      h('h3', null, title),
      rows.length === 0 && h('div', { class: 'hint' }, tr('empty')),
      rows.map((r) => bar(names[r.reason ?? 'other'] ?? String(r.reason), r.count, max)),
    );
  };
  const chMax = Math.max(0, ...d.byChannel.map((c) => c.leads));
  const mgMax = Math.max(0, ...d.byManager.map((m) => m.leads));
  mount(
    root,
    h(
      'div',
      { class: 'filters' },
      h(
        'div',
        { class: 'chips period' },
        [7, 30, 90].map((n) =>
          h('button', { class: n === filter.days ? 'chip on' : 'chip', 'data-days': n, onclick: () => set({ days: n }) }, tr(`days${n}`)),
        ),
      ),
      managerFilter(filter.manager, (manager) => set({ manager })),
      channelFilter(filter.channel, (channel) => set({ channel })),
    ),
    h(
      'section',
      { class: 'panel funnel' },
      h('h3', null, tr('funnel')),
      bar(tr('funnelLeads'), d.funnel.leads, d.funnel.leads),
      bar(tr('funnelDeals'), d.funnel.deals, d.funnel.leads, ` · ${pct(d.funnel.deals, d.funnel.leads)}`),
      bar(tr('funnelWon'), d.funnel.won, d.funnel.leads, ` · ${pct(d.funnel.won, d.funnel.deals)}`),
    ),
    h(
      'section',
      { class: 'panel by-channel' },
      h('h3', null, tr('byChannel')),
      d.byChannel.map((c) =>
        bar(t.channels[c.channel] ?? c.channel, c.leads, chMax, ` → ${c.deals} · ${pct(c.deals, c.leads)}`, () =>
          set({ channel: filter.channel === c.channel ? '' : c.channel }),
        ),
      ),
    ),
    h(
      'section',
      { class: 'panel by-manager' },
      h('h3', null, tr('byManager')),
      d.byManager.map((m) =>
        bar(
          m.name ?? tr('unassigned'),
          m.leads,
          mgMax,
          ` → ${m.deals} · ${pct(m.deals, m.leads)}`,
          m.memberId ? () => set({ manager: filter.manager === m.memberId ? '' : m.memberId! }) : undefined,
        ),
      ),
    ),
    reasons(tr('lostReasons'), d.lostReasons, t.lostReasons),
    reasons(tr('junkReasons'), d.junkReasons, t.junkReasons),
    h(
      'section',
      { class: 'panel' },
      h('h3', null, tr('firstTouch')),
      h('div', { class: 'big' }, d.firstTouch.medianMinutes === null ? '—' : tr('minutes', { n: d.firstTouch.medianMinutes })),
      h('div', { class: 'hint' }, tr('untouched', { n: d.firstTouch.untouched })),
    ),
    h(
      'section',
      { class: 'panel' },
      h('h3', null, tr('forgotten')),
      h(
        'div',
        { class: 'big' },
        `${tr('forgottenLeads', { n: d.forgotten.leads + (d.forgotten.capped ? '+' : '') })} · ${tr('forgottenDeals', { n: d.forgotten.deals })}`,
      ),
    ),
  );
}
