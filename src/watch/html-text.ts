// Text from a DOM subtree as a person reads it on the page: paragraphs, headings and list items become
// paragraphs separated by a blank line, <br> a line end; scripts, styles, forms and embedded objects give
// nothing. The extraction splits sentences and paragraphs on this layout.

const BLOCK = new Set([
  'address', 'article', 'aside', 'blockquote', 'dd', 'div', 'dl', 'dt', 'figcaption', 'figure', 'footer', 'h1', 'h2', 'h3',
  'h4', 'h5', 'h6', 'header', 'hr', 'li', 'main', 'ol', 'p', 'pre', 'section', 'table', 'tbody', 'td', 'th', 'thead', 'tr', 'ul',
]);
const SILENT = new Set(['script', 'style', 'noscript', 'template', 'iframe', 'svg', 'math', 'button', 'form', 'select', 'textarea', 'object', 'embed', 'canvas', 'video', 'audio', 'head']);

const ELEMENT = 1;
const TEXT = 3;

/** The little of a DOM node read here (linkedom's nodes, or a browser's). */
export interface DomNode {
  nodeType: number;
  nodeValue: string | null;
  localName?: string | null;
  firstChild: DomNode | null;
  nextSibling: DomNode | null;
}

export function textOfNode(root: DomNode): string {
  const parts: string[] = [];
  const walk = (node: DomNode) => {
    for (let c = node.firstChild; c; c = c.nextSibling) {
      if (c.nodeType === TEXT) {
        parts.push((c.nodeValue ?? '').replace(/\s+/g, ' '));
      } else if (c.nodeType === ELEMENT) {
        const tag = (c.localName ?? '').toLowerCase();
        if (SILENT.has(tag)) continue;
        if (tag === 'br') {
          parts.push('\n');
          continue;
        }
        const block = BLOCK.has(tag);
        if (block) parts.push('\n\n');
        walk(c);
        if (block) parts.push('\n\n');
      }
    }
  };
  walk(root);
  return parts
    .join('')
    .replace(/[ \t\u00a0]*\n[ \t\u00a0]*/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .replace(/[ \t]{2,}/g, ' ')
    .trim();
}
