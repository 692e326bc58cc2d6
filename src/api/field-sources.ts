// /api/field-sources: the people on the ground, by pseudonym for every reader; an identity only for a token
// with the source-handler capability (no role implies it), only with a reason, and every read logged first.
import { Hono } from 'hono';
import { pseudonym } from '../domain/field-source.js';
import { openFieldSource } from '../store/source-vault.js';
import { allow } from './access.js';
import type { Desk, DeskEnv } from './desk.js';
import { Problem } from './problems.js';
import { fieldSourceQuery, fieldSourceReadsQuery } from './schemas.js';
import { valid } from './validate.js';
import type { MiddlewareHandler } from 'hono';

/** Source handlers only, whatever their role. */
const handlerOnly: MiddlewareHandler<DeskEnv> = async (c, next) => {
  const caller = c.get('caller');
  if (!caller) throw new Problem(401, "reading a field source's identity needs a source handler's token (Authorization: Bearer TOKEN)");
  if (!caller.source_handler) throw new Problem(403, `field sources' identities are for source handlers only; the token "${caller.name}" is not one`);
  await next();
};

export function fieldSourcesRoutes(desk: Desk) {
  const read = allow('viewer', desk.publicRead);
  return new Hono<DeskEnv>()
    .get('/', read, async (c) => c.json({ field_sources: await desk.store.listFieldSources() }))
    .get('/reads', handlerOnly, valid('query', fieldSourceReadsQuery), async (c) => {
      const { number } = c.req.valid('query');
      return c.json({ reads: await desk.store.fieldSourceReads(number) });
    })
    .get('/:number', handlerOnly, valid('query', fieldSourceQuery), async (c) => {
      const number = Number(c.req.param('number'));
      if (!Number.isInteger(number) || number < 1) throw new Problem(400, 'a field source is named by its number: /api/field-sources/7');
      if (!desk.sourceKey) throw new Problem(503, 'this desk was started without the field-source key, so no identity can be opened');
      const caller = c.get('caller')!;
      const stored = await desk.store.readFieldSource(number, `token ${caller.id} (${caller.name})`, c.req.valid('query').reason);
      if (!stored) throw new Problem(404, `no ${pseudonym(number)}`);
      let identity;
      try {
        identity = openFieldSource(desk.sourceKey, stored);
      } catch (e) {
        throw new Problem(500, `${pseudonym(number)}: ${(e as Error).message}`);
      }
      c.header('Cache-Control', 'no-store');
      return c.json({ pseudonym: pseudonym(number), ...identity });
    });
}
