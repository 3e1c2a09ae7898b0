import { api, ApiError } from './api.js';
import { h, mount } from './dom.js';
import { managerFilter } from './filters.js';
import { nextPicker, openSheet, pick } from './sheet.js';
import { app, haptic, money, toast, tr, when } from './state.js';
import type { Board, Card } from './types.js';

let managerId = '';
let prefetched: Promise<Board> | null = null;

/** Asked for at start together with /me, so the first board paints after one round trip. */
export function prefetchBoard(): void {
  prefetched = api<Board>('/board');
  prefetched.catch(() => undefined);
}

/** The board: one column per open stage with count and sum; cards sorted by the most urgent next step. */
export async function boardView(root: HTMLElement, go: (hash: string) => void): Promise<void> {
  const board = await (prefetched && !managerId
    ? prefetched
    : api<Board>(`/board${managerId ? `?manager=${encodeURIComponent(managerId)}` : ''}`));
  prefetched = null;
  const t = app.me.t;
  const reload = () => void boardView(root, go);
  mount(
    root,
    managerFilter(managerId, (id) => {
      managerId = id;
      void reload();
    }),
    h(
      'div',
      { class: 'board' },
      board.columns.map((col) =>
        h(
          'section',
          {
            class: 'column',
            'data-stage': col.stage,
            ondragover: (e: DragEvent) => e.preventDefault(),
            ondrop: (e: DragEvent) => {
              e.preventDefault();
              const id = e.dataTransfer?.getData('text/plain');
              const card = board.columns.flatMap((c) => c.cards).find((c) => c.id === id);
              if (card) moveSheet(card, reload, col.stage);
            },
          },
          h(
            'header',
            null,
            h('b', null, t.dealStages[col.stage] ?? col.stage),
            h('span', { class: 'count' }, col.count),
            h('div', { class: 'sum' }, money(col.amount, col.cards[0]?.currency ?? 'RUB')),
          ),
          col.cards.map((card) => cardNode(card, go, reload)),
          col.count > col.cards.length && h('div', { class: 'hint' }, tr('more', { n: col.count - col.cards.length })),
        ),
      ),
    ),
  );
}

function cardNode(card: Card, go: (hash: string) => void, reload: () => void): HTMLElement {
  const next = card.next;
  return h(
    'article',
    {
      class: card.overdue ? 'card late' : 'card',
      draggable: true,
      'data-deal': card.id,
      ondragstart: (e: DragEvent) => e.dataTransfer?.setData('text/plain', card.id),
    },
    h(
      'div',
      { class: 'row' },
      h(
        'a',
        { class: 'title', href: `#deal/${card.id}`, onclick: (e: MouseEvent) => (e.preventDefault(), go(`deal/${card.id}`)) },
        card.title,
      ),
      h('button', { class: 'move', title: tr('stage'), 'aria-label': tr('stage'), onclick: () => moveSheet(card, reload) }, '⇄'),
    ),
    (card.client || card.company) && h('div', { class: 'hint' }, [card.client, card.company].filter(Boolean).join(' · ')),
    h('div', { class: 'amount' }, money(card.amount, card.currency)),
    h(
      'div',
      { class: card.overdue ? 'next late' : 'next' },
      next ? `${when(next.dueAt)} ${app.me.t.kinds[next.kind] ?? next.kind}: ${next.subject}` : tr('noNext'),
    ),
    card.assigneeName && app.me.member.role !== 'manager' && h('div', { class: 'hint' }, card.assigneeName),
  );
}

/** Moving a deal: the stage and its dated next step are chosen in the same sheet, as the house rule asks. */
export function moveSheet(card: { id: string; title: string }, done: () => void, preset?: string): void {
  const t = app.me.t;
  let stage = preset ?? '';
  openSheet(card.title, (close) => {
    const stages: HTMLElement = h(
      'div',
      { class: 'chips stages' },
      app.me.stages.map((s) =>
        h(
          'button',
          { class: s === stage ? 'chip on' : 'chip', 'data-stage': s, onclick: (e: MouseEvent) => pick(stages, e, () => (stage = s)) },
          t.dealStages[s] ?? s,
        ),
      ),
    );
    const picker = nextPicker(t.kinds);
    const error = h('div', { class: 'error' });
    const save = async () => {
      const next = picker.read();
      if (!stage || !next) return void (error.textContent = t.rules.next_activity_required ?? '');
      try {
        await api(`/deals/${card.id}/stage`, { stage, next });
        haptic('success');
        close();
        toast(tr('moved'));
        done();
      } catch (e) {
        haptic('error');
        error.textContent = e instanceof ApiError ? e.message : String(e);
      }
    };
    return [
      h('label', null, tr('stage')),
      stages,
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
