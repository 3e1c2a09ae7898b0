/** A tiny hyperscript: the whole "framework" of the page. Text goes in as text nodes, never as HTML. */
type Child = Node | string | number | null | undefined | false | Child[];
type Props = Record<string, unknown> & { class?: string; onclick?: ((e: MouseEvent) => unknown) | undefined };

/** Where a failed async handler reports (the page shows a toast); set by main. */
export const handlerErrors = { report: (e: unknown) => console.error(e) };

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Props | null = null,
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  if (props) {
    for (const [k, v] of Object.entries(props)) {
      if (v === undefined || v === null || v === false) continue;
      if (k.startsWith('on') && typeof v === 'function') {
        // Handlers may be async: a refusal from the API ends in a toast, never an unhandled rejection.
        const handler = v as (e: Event) => unknown;
        el.addEventListener(k.slice(2), (e) => {
          const r = handler(e);
          if (r instanceof Promise) r.catch(handlerErrors.report);
        });
      } else if (k === 'class') el.className = String(v);
      else if (k in el && k !== 'list') (el as unknown as Record<string, unknown>)[k] = v;
      else el.setAttribute(k, v === true ? '' : String(v));
    }
  }
  append(el, children);
  return el;
}

function append(el: Node, children: Child[]): void {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    if (Array.isArray(c)) append(el, c);
    else el.appendChild(typeof c === 'object' ? c : document.createTextNode(String(c)));
  }
}

export function mount(target: Element, ...children: Child[]): void {
  target.replaceChildren();
  append(target, children);
}
