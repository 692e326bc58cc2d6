// Who is calling, and what they may do. A bearer token names a role: viewer reads; analyst also submits
// reports and edits events; admin also manages tokens. Reading may be opened to everyone (--public-read);
// writing never is.
import type { MiddlewareHandler } from 'hono';
import type { DeskEnv } from './desk.js';
import { Problem } from './problems.js';
import type { Role, TokenRegistry } from './record.js';

const RANK: Record<Role, number> = { viewer: 0, analyst: 1, admin: 2 };

/** Reads the bearer token, if any. A token that is given must be valid, even where none is needed: a typo should not pass unnoticed. */
export function identify(tokens: TokenRegistry): MiddlewareHandler<DeskEnv> {
  return async (c, next) => {
    const header = c.req.header('authorization');
    c.set('caller', null);
    if (header !== undefined) {
      const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
      if (!m) throw new Problem(401, 'the Authorization header must be "Bearer TOKEN"');
      const caller = await tokens.verify(m[1]);
      if (!caller) throw new Problem(401, 'unknown or revoked token');
      c.set('caller', caller);
    }
    await next();
  };
}

export function allow(role: Role, publicRead: boolean): MiddlewareHandler<DeskEnv> {
  return async (c, next) => {
    const caller = c.get('caller');
    if (!caller) {
      if (role === 'viewer' && publicRead) return next();
      throw new Problem(401, role === 'viewer' ? 'reading this desk needs a token (Authorization: Bearer TOKEN)' : `this needs an ${role} token (Authorization: Bearer TOKEN)`);
    }
    if (RANK[caller.role] < RANK[role]) throw new Problem(403, `this needs the ${role} role; the token "${caller.name}" is ${caller.role}`);
    await next();
  };
}
