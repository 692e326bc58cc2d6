// Building the page without HTML strings: every piece of text goes in through textContent, so report
// text (untrusted) is shown as text wherever it appears. No innerHTML anywhere in the dashboard.
type Child = Node | string | number | null | undefined | false;
type Attrs = Record<string, string | number | boolean | null | undefined | EventListener>;

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: (Child | Child[])[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    if (typeof v === 'function') el.addEventListener(k.replace(/^on/, ''), v);
    else if (k === 'class') el.className = String(v);
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    el.append(typeof c === 'string' || typeof c === 'number' ? document.createTextNode(String(c)) : c);
  }
  return el;
}

export interface Mark {
  start: number;
  end: number;
  /** CSS classes for the marked text (e.g. "claim", "event", "focus"). */
  kind: string;
  title?: string;
  id?: string;
}

/** `text` with the marks laid over it: overlapping marks split the text into runs, each run marked by every mark covering it. */
export function highlighted(text: string, marks: Mark[]): DocumentFragment {
  const frag = document.createDocumentFragment();
  const valid = marks.filter((m) => m.end > m.start && m.start >= 0 && m.end <= text.length);
  const cuts = [...new Set([0, text.length, ...valid.flatMap((m) => [m.start, m.end])])].sort((a, b) => a - b);
  for (let i = 0; i + 1 < cuts.length; i++) {
    const [a, b] = [cuts[i], cuts[i + 1]];
    const run = text.slice(a, b);
    const over = valid.filter((m) => m.start <= a && m.end >= b);
    if (!over.length) {
      frag.append(document.createTextNode(run));
      continue;
    }
    const kinds = [...new Set(over.flatMap((m) => m.kind.split(' ')))];
    const mark = h('mark', { class: kinds.join(' '), title: over.map((m) => m.title).filter(Boolean).join(' · ') || null }, run);
    const anchor = over.find((m) => m.id && m.start === a);
    if (anchor) mark.id = anchor.id!;
    frag.append(mark);
  }
  return frag;
}

export const fmt = (n: number | null | undefined) => (n === null || n === undefined ? '–' : n.toLocaleString('en'));

export function clear(el: Element, ...children: (Child | Child[])[]): void {
  el.replaceChildren();
  for (const c of children.flat()) if (c !== null && c !== undefined && c !== false) el.append(typeof c === 'string' || typeof c === 'number' ? String(c) : c);
}

/** A link to a page elsewhere, opened apart from the desk; anything but an http(s) URL (javascript:, data:) stays plain text. */
export function outLink(url: string, text: string = url): HTMLElement {
  const safe = /^https?:\/\//i.test(url);
  return safe ? h('a', { href: url, rel: 'noopener noreferrer', target: '_blank', class: 'out' }, text) : h('span', { class: 'mono' }, text);
}
