import { describe, expect, it } from 'vitest';
import { shapeOf } from './response-shape.js';

const U = 'http://site.test/x';
const buf = (s: string) => Buffer.from(s, 'utf8');

describe('what a fetched body is', () => {
  it.each([
    ['application/rss+xml', '<?xml version="1.0"?><rss version="2.0"><channel></channel></rss>', 'xml-feed'],
    ['text/html', '<?xml version="1.0"?>\n<rss version="2.0"><channel></channel></rss>', 'xml-feed'],
    ['application/xml', '<feed xmlns="http://www.w3.org/2005/Atom"></feed>', 'xml-feed'],
    ['application/feed+json', '{"version":"https://jsonfeed.org/version/1.1","items":[]}', 'json-feed'],
    ['text/html; charset=utf-8', '<!doctype html><html><body>x</body></html>', 'page'],
    [null, '<html><body>x</body></html>', 'page'],
    ['application/xhtml+xml', '<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml"><body>x</body></html>', 'page'],
  ])('%s holding %s is a %s', (type, body, shape) => expect(shapeOf(U, type, buf(body)).shape).toBe(shape));

  it.each([
    ['image/png', 'content type image/png is neither a feed nor a web page'],
    ['application/pdf', 'content type application/pdf is neither a feed nor a web page'],
    ['application/octet-stream', 'content type application/octet-stream'],
  ])('%s is refused unread', (type, message) => expect(() => shapeOf(U, type, buf('<rss></rss>'))).toThrow(message));

  it('an empty answer, or plain text, is neither', () => {
    expect(() => shapeOf(U, 'text/html', Buffer.alloc(0))).toThrow('the answer is empty');
    expect(() => shapeOf(U, 'text/plain', buf('Shelling killed two.'))).toThrow('neither a feed nor a web page (it starts "Shelling killed two.")');
  });

  it('decodes the charset the answer or the document declares', () => {
    const latin = Buffer.from('<html><body>Ma\xe2rrat al-Num\xe2n</body></html>', 'latin1');
    expect(shapeOf(U, 'text/html; charset=windows-1252', latin).text).toContain('Maârrat al-Numân');
    const declared = Buffer.concat([Buffer.from('<?xml version="1.0" encoding="ISO-8859-1"?><rss><channel><title>', 'latin1'), Buffer.from('D\xe9r\xe2a', 'latin1'), Buffer.from('</title></channel></rss>')]);
    expect(shapeOf(U, 'application/rss+xml', declared).text).toContain('Dérâa');
  });
});
