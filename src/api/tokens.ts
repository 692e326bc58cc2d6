// /api/tokens: an admin lists, creates and revokes tokens. A new token is in the response once, and never again.
import { Hono } from 'hono';
import { allow } from './access.js';
import { bodyLimited } from './body-limit.js';
import type { Desk, DeskEnv } from './desk.js';
import { Problem } from './problems.js';
import type { Role } from './record.js';
import { tokenInput } from './schemas.js';
import { valid } from './validate.js';

export function tokensRoutes(desk: Desk) {
  const admin = allow('admin', desk.publicRead);
  return new Hono<DeskEnv>()
    .get('/', admin, async (c) => c.json({ tokens: await desk.tokens.list() }))
    .post('/', admin, bodyLimited, valid('json', tokenInput), async (c) => {
      const { name, role, source_handler, expires_in_days } = c.req.valid('json');
      const expiresAt = expires_in_days ? new Date(Date.now() + expires_in_days * 86_400_000).toISOString() : null;
      const { token, info } = await desk.tokens.create(name, role as Role, { sourceHandler: source_handler ?? false, expiresAt });
      return c.json({ token, ...info }, 201);
    })
    .delete('/:id', admin, async (c) => {
      const id = c.req.param('id');
      if (c.get('caller')?.id === id) throw new Problem(409, 'a token cannot revoke itself: use another admin token, or the CLI');
      if (!(await desk.tokens.revoke(id))) throw new Problem(404, `no live token "${id}"`);
      return c.body(null, 204);
    });
}
