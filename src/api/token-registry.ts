// API tokens: random, shown once, kept as sha256 hashes. A token is 32 random bytes, so a plain
// (unsalted) hash is as strong as the token; the hash column is unique and indexed for the lookup.
import { createHash, randomBytes } from 'node:crypto';
import type { DeskDb } from './kysely-record.js';
import type { Role, TokenInfo, TokenRegistry } from './record.js';

const PREFIX = 'obs_';

export const tokenHash = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex');

export class KyselyTokenRegistry implements TokenRegistry {
  constructor(private readonly db: DeskDb) {}

  async create(name: string, role: Role): Promise<{ token: string; info: TokenInfo }> {
    const token = PREFIX + randomBytes(32).toString('base64url');
    const info: TokenInfo = { id: `tok_${randomBytes(6).toString('hex')}`, name, role, created_at: new Date().toISOString(), last_used_at: null, revoked_at: null };
    await this.db.insertInto('api_tokens').values({ ...info, hash: tokenHash(token) }).execute();
    return { token, info };
  }

  async verify(token: string): Promise<TokenInfo | null> {
    if (!token.startsWith(PREFIX)) return null;
    const row = await this.db
      .selectFrom('api_tokens')
      .select(['id', 'name', 'role', 'created_at', 'last_used_at', 'revoked_at'])
      .where('hash', '=', tokenHash(token))
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    if (!row) return null;
    // Last use is kept to the minute: enough to see a forgotten token, without a write on every request.
    const now = new Date().toISOString();
    if (!row.last_used_at || row.last_used_at.slice(0, 16) !== now.slice(0, 16)) {
      await this.db.updateTable('api_tokens').set({ last_used_at: now }).where('id', '=', row.id).execute();
      row.last_used_at = now;
    }
    return { ...row, role: row.role as Role };
  }

  async list(): Promise<TokenInfo[]> {
    const rows = await this.db.selectFrom('api_tokens').select(['id', 'name', 'role', 'created_at', 'last_used_at', 'revoked_at']).orderBy('created_at').orderBy('id').execute();
    return rows.map((r) => ({ ...r, role: r.role as Role }));
  }

  async revoke(id: string): Promise<boolean> {
    const r = await this.db.updateTable('api_tokens').set({ revoked_at: new Date().toISOString() }).where('id', '=', id).where('revoked_at', 'is', null).executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  }
}
