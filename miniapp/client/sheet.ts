import { h } from './dom.js';
import { tr } from './state.js';

/** A bottom sheet over the page; resolves when closed. One at a time. */
export function openSheet(title: string, body: (close: () => void) => Node[]): void {
  document.querySelector('.sheet-back')?.remove();
  const close = () => back.remove();
  const back: HTMLElement = h(
    'div',
    { class: 'sheet-back', onclick: (e: MouseEvent) => e.target === back && close() },
    h('div', { class: 'sheet', role: 'dialog' }, h('h3', null, title), ...body(close)),
  );
  document.body.appendChild(back);
}

export interface NextChoice {
  kind: string;
  dueAt: string;
}

/** Preset times for a next step, as the bot offers them, plus any date and time. */
function presets(now = new Date()): { label: string; at: Date }[] {
  const at10 = (days: number) => {
    const d = new Date(now);
    d.setDate(d.getDate() + days);
    d.setHours(10, 0, 0, 0);
    return d;
  };
  return [
    { label: tr('in1h'), at: new Date(now.getTime() + 3_600_000) },
    { label: tr('tomorrow'), at: at10(1) },
    { label: tr('in3days'), at: at10(3) },
    { label: tr('nextWeek'), at: at10(7) },
  ];
}

function localInputValue(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
}

/**
 * The "next step" picker: kind chips and a time (presets or a date-time field). `read()` gives the
 * choice, or null while no time is picked; the caller puts the picker in its own sheet.
 */
export function nextPicker(kinds: Record<string, string>, withKind = true): { node: HTMLElement; read: () => NextChoice | null } {
  let kind = 'call';
  const input = h('input', { type: 'datetime-local', class: 'when', name: 'dueAt' });
  const kindRow: HTMLElement = h(
    'div',
    { class: 'chips' },
    Object.entries(kinds).map(([k, label]) =>
      h(
        'button',
        { class: k === kind ? 'chip on' : 'chip', 'data-kind': k, onclick: (e: MouseEvent) => pick(kindRow, e, () => (kind = k)) },
        label,
      ),
    ),
  );
  const timeRow: HTMLElement = h(
    'div',
    { class: 'chips' },
    presets().map((p) =>
      h('button', { class: 'chip', onclick: (e: MouseEvent) => pick(timeRow, e, () => (input.value = localInputValue(p.at))) }, p.label),
    ),
  );
  const node = h(
    'div',
    { class: 'picker' },
    withKind && h('label', null, tr('nextStep')),
    withKind && kindRow,
    h('label', null, tr('when')),
    timeRow,
    input,
  );
  return { node, read: () => (input.value ? { kind, dueAt: new Date(input.value).toISOString() } : null) };
}

/** Marks the tapped chip of a row as chosen. */
export function pick(row: HTMLElement, e: MouseEvent, then: () => void): void {
  for (const c of row.children) c.classList.remove('on');
  (e.currentTarget as HTMLElement).classList.add('on');
  then();
}
