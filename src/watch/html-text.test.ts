import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { textOfNode, type DomNode } from './html-text.js';

const text = (html: string) => textOfNode(parseHTML(`<!doctype html><html><body>${html}</body></html>`).document.body as unknown as DomNode);

describe('text as a person reads it on the page', () => {
  it('paragraphs, headings and list items become paragraphs; <br> a line end; inline tags run on', () => {
    expect(text('<h2>Strike on a market</h2><p>Four   people were <b>killed</b>,\n officials said.</p><ul><li>one</li><li>two</li></ul><p>Line one<br>line two</p>')).toBe(
      'Strike on a market\n\nFour people were killed, officials said.\n\none\n\ntwo\n\nLine one\nline two',
    );
  });

  it('scripts, styles, forms and embedded frames give nothing', () => {
    expect(text('<p>Kept.</p><script>var x = "dropped";</script><style>p{}</style><form><button>Subscribe</button></form><iframe src="x"></iframe><noscript>Enable JavaScript</noscript>')).toBe('Kept.');
  });

  it('an empty fragment is empty text', () => {
    expect(text('<div><span> </span></div>')).toBe('');
  });
});
