// Who is calling, and what they may do. A bearer token names a role: viewer reads; analyst also submits
// reports and edits events; admin also manages tokens. Reading may be opened to everyone (--public-read);
// writing never is.
import type { MiddlewareHandler } from 'hono';
import type { DeskEnv } from './desk.js';
import { Problem, Unavailable } from './problems.js';
import type { SignInGuard } from './sign-in-guard.js';
import type { Role, TokenRegistry } from './record.js';

const RANK: Record<Role, number> = { viewer: 0, analyst: 1, admin: 2 };

/**
 * Reads the bearer token, if any. A token that is given must be valid, even where none is needed: a typo should not
 * pass unnoticed. Failed sign-ins are limited per address (sign-in-guard.ts).
 */
export function identify(tokens: TokenRegistry, guard: SignInGuard): MiddlewareHandler<DeskEnv> {
  return async (c, next) => {
    const header = c.req.header('authorization');
    c.set('caller', null);
    if (header !== undefined) {
      const address = clientAddress(c.env);
      const wait = guard.waitFor(address);
      if (wait > 0) throw new Unavailable(`too many failed sign-ins from this address: try again in ${wait} s`, wait, 429);
      const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
      const caller = m ? await tokens.verify(m[1]) : null;
      if (!caller) {
        guard.failedFrom(address);
        throw new Problem(401, m ? 'unknown or revoked token' : 'the Authorization header must be "Bearer TOKEN"');
      }
      guard.succeededFrom(address);
      c.set('caller', caller);
    }
    await next();
  };
}

/** The caller's address as the Node server saw it (c.env.incoming); one shared name where there is none (in-process calls). */
function clientAddress(env: unknown): string {
  return (env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming?.socket?.remoteAddress ?? 'in-process';
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
