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
    : api<Board>(managerId ? `/board?manager=${encodeURIComponent(managerId)}` : '/board'));
  prefetched = null;
  const t = app.me.t;
  const reload = () => void boardView(root, go);
  const byId = new Map(board.columns.flatMap((c) => c.cards).map((c) => [c.id, c]));
  const cardOf = (e: Event) => byId.get((e.target as Element).closest<HTMLElement>('.card')?.dataset.deal ?? '');
  // Cards are one HTML string per column and the board listens once for all of them: a 1,000-card
  // board is built by the HTML parser in one go instead of 8,000 createElement calls and 3,000 listeners.
  const query = (extra: string) => {
    const q = [managerId ? `manager=${encodeURIComponent(managerId)}` : '', extra].filter(Boolean).join('&');
    return `/board${q ? `?${q}` : ''}`;
  };
  // "Show more" reads the column's next page and adds its cards as one HTML string before the button.
  const more = async (button: HTMLButtonElement, stage: string) => {
    const section = button.closest<HTMLElement>('.column')!;
    const shown = section.querySelectorAll('.card').length;
    button.disabled = true;
    const page = await api<Board>(query(`stage=${encodeURIComponent(stage)}&offset=${shown}`));
    const col = page.columns[0];
    const cards = col?.cards ?? [];
    for (const card of cards) byId.set(card.id, card);
    button.insertAdjacentHTML('beforebegin', cards.map(cardHtml).join(''));
    const left = (col?.count ?? 0) - shown - cards.length;
    if (left > 0 && cards.length > 0) {
      button.textContent = tr('more', { n: left });
      button.disabled = false;
    } else button.remove();
  };
  // Cards are one HTML string per column and the board listens once for all of them: a big board is
  // built by the HTML parser in one go instead of thousands of createElement calls and listeners.
  const columns = h(
    'div',
    {
      class: 'board',
      onclick: (e: MouseEvent) => {
        const target = e.target as Element;
        const moreButton = target.closest<HTMLButtonElement>('button.more');
        if (moreButton) return more(moreButton, moreButton.dataset.stage ?? '');
        const card = cardOf(e);
        if (!card) return;
        if (target.closest('button.move')) moveSheet(card, reload);
        else if (target.closest('a.title')) {
          e.preventDefault();
          go(`deal/${card.id}`);
        }
      },
      ondragstart: (e: DragEvent) => {
        const card = cardOf(e);
        if (card) e.dataTransfer?.setData('text/plain', card.id);
      },
      ondragover: (e: DragEvent) => e.preventDefault(),
      ondrop: (e: DragEvent) => {
        e.preventDefault();
        const card = byId.get(e.dataTransfer?.getData('text/plain') ?? '');
        const stage = (e.target as Element).closest<HTMLElement>('.column')?.dataset.stage;
        if (card && stage) moveSheet(card, reload, stage);
      },
    },
    board.columns.map((col) => {
      const section = h(
        'section',
        { class: 'column', 'data-stage': col.stage },
        h(
          'header',
          null,
          h('b', null, t.dealStages[col.stage] ?? col.stage),
          h('span', { class: 'count' }, col.count),
          h('div', { class: 'sum' }, money(col.amount, col.cards[0]?.currency ?? 'RUB')),
        ),
      );
      const left = col.count - col.cards.length;
      section.insertAdjacentHTML(
        'beforeend',
        col.cards.map(cardHtml).join('') +
          (left > 0 ? `<button class="more ghost" data-stage="${esc(col.stage)}">${esc(tr('more', { n: left }))}</button>` : ''),
      );
      return section;
    }),
  );
  mount(
    root,
    managerFilter(managerId, (id) => {
      managerId = id;
      void reload();
    }),
    columns,
  );
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const esc = (text: string) => text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

function cardHtml(card: Card): string {
  const next = card.next;
  const late = card.overdue ? ' late' : '';
  const who = [card.client, card.company].filter(Boolean).join(' · ');
  const step = next ? `${when(next.dueAt)} ${app.me.t.kinds[next.kind] ?? next.kind}: ${next.subject}` : tr('noNext');
  const owner = card.assigneeName && app.me.member.role !== 'manager' ? `<div class="hint">${esc(card.assigneeName)}</div>` : '';
  return (
    `<article class="card${late}" draggable="true" data-deal="${esc(card.id)}"><div class="row">` +
    `<a class="title" href="#deal/${esc(card.id)}">${esc(card.title)}</a>` +
    `<button class="move" title="${esc(tr('stage'))}" aria-label="${esc(tr('stage'))}">⇄</button></div>` +
    (who ? `<div class="hint">${esc(who)}</div>` : '') +
    `<div class="amount">${esc(money(card.amount, card.currency))}</div>` +
    `<div class="next${late}">${esc(step)}</div>${owner}</article>`
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
