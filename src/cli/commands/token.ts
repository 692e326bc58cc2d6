// `observatory token create|list|revoke`: the desk's API tokens, managed on the machine that holds the
// database (whoever can open the file is trusted: this is how the first admin token is made).
import type { Writable } from 'node:stream';
import { openDesk } from '../../api/open-desk.js';
import { ROLES, type Role } from '../../api/record.js';
import { textTable } from '../text-table.js';
import { UserError } from '../user-error.js';
import { withStore } from '../with-store.js';

export interface TokenOpts {
  db?: string;
  role?: string;
  name?: string;
  sourceHandler?: boolean;
  expires?: string;
}

export async function runToken(action: string, id: string | undefined, opts: TokenOpts, out: Writable = process.stdout): Promise<void> {
  if (action === 'create') {
    if (!opts.role || !ROLES.includes(opts.role as Role)) throw new UserError(`--role must be one of ${ROLES.join(', ')}${opts.role ? `, got "${opts.role}"` : ''}`);
    const name = opts.name?.trim();
    if (!name) throw new UserError('--name is needed: who or what will use the token');
    const expiresAt = opts.expires === undefined ? null : expiryOf(opts.expires);
    await withStore(opts.db, async (store) => {
      const { token, info } = await openDesk(store).tokens.create(name, opts.role as Role, { sourceHandler: Boolean(opts.sourceHandler), expiresAt });
      out.write(`${token}\n`);
      const extra = `${info.source_handler ? ', source handler' : ''}${info.expires_at ? `, expires ${info.expires_at.slice(0, 16)}` : ''}`;
      process.stderr.write(`token ${info.id} for ${info.name} (${info.role}${extra}): shown once, only its hash is kept; send it as "Authorization: Bearer TOKEN"\n`);
    });
  } else if (action === 'list') {
    await withStore(opts.db, async (store) => {
      const tokens = await openDesk(store).tokens.list();
      out.write(
        textTable(
          ['id', 'name', 'role', 'handler', 'created', 'expires', 'last used', 'revoked'],
          tokens.map((t) => [t.id, t.name, t.role, t.source_handler ? 'yes' : '', t.created_at.slice(0, 16), t.expires_at?.slice(0, 16) ?? '', t.last_used_at?.slice(0, 16) ?? '', t.revoked_at?.slice(0, 16) ?? '']),
          40,
        ),
      );
    });
  } else if (action === 'revoke') {
    if (!id) throw new UserError('give the id of the token to revoke (observatory token list shows them)');
    await withStore(opts.db, async (store) => {
      if (!(await openDesk(store).tokens.revoke(id))) throw new UserError(`no live token "${id}"`);
      out.write(`revoked ${id}\n`);
    });
  } else {
    throw new UserError(`token: the action must be create, list or revoke, got "${action}"`);
  }
}

/** --expires: "30d" (days from now) or a date YYYY-MM-DD (the token ends as that day begins, UTC). */
export function expiryOf(text: string, now = Date.now()): string {
  const days = /^(\d{1,4})d$/.exec(text.trim());
  if (days && Number(days[1]) >= 1) return new Date(now + Number(days[1]) * 86_400_000).toISOString();
  if (/^\d{4}-\d{2}-\d{2}$/.test(text.trim())) {
    const at = new Date(`${text.trim()}T00:00:00Z`);
    if (!Number.isNaN(at.getTime()) && at.toISOString().slice(0, 10) === text.trim()) {
      if (at.getTime() <= now) throw new UserError(`--expires ${text}: that day has begun already`, 2);
      return at.toISOString();
    }
  }
  throw new UserError(`--expires must be a number of days ("30d") or a date YYYY-MM-DD, got "${text}"`, 2);
}
