import { h } from './dom.js';
import { app, isLeadership, tr } from './state.js';

/** Heads and the owner narrow a view to one manager; a manager sees only their own, so no filter. */
export function managerFilter(value: string, onChange: (id: string) => void): HTMLElement | null {
  if (!isLeadership()) return null;
  return h(
    'select',
    { class: 'filter', name: 'manager', onchange: (e: Event) => onChange((e.target as HTMLSelectElement).value) },
    h('option', { value: '', selected: value === '' }, tr('everyone')),
    app.me.managers.map((m) => h('option', { value: m.id, selected: value === m.id }, m.name)),
  );
}

export function channelFilter(value: string, onChange: (channel: string) => void): HTMLElement {
  return h(
    'select',
    { class: 'filter', name: 'channel', onchange: (e: Event) => onChange((e.target as HTMLSelectElement).value) },
    h('option', { value: '', selected: value === '' }, tr('allChannels')),
    app.me.channels.map((c) => h('option', { value: c, selected: value === c }, app.me.t.channels[c] ?? c)),
  );
}
