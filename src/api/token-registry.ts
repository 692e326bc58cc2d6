// API tokens: random, shown once, kept in the record as sha256 hashes. A token is 32 random bytes, so a plain
// (unsalted) hash is as strong as the token; the hash column is unique and indexed for the lookup.
import { createHash, randomBytes } from 'node:crypto';
import { isTransient } from '../store/dialect.js';
import type { Store, StoredToken } from '../store/store.js';
import type { Role, TokenInfo, TokenOptions, TokenRegistry } from './record.js';

const PREFIX = 'obs_';

export const tokenHash = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex');

const infoOf = (t: StoredToken): TokenInfo => ({ ...t, role: t.role as Role });

export class StoreTokenRegistry implements TokenRegistry {
  constructor(private readonly store: Store) {}

  async create(name: string, role: Role, options: TokenOptions = {}): Promise<{ token: string; info: TokenInfo }> {
    const token = PREFIX + randomBytes(32).toString('base64url');
    const info: TokenInfo = {
      id: `tok_${randomBytes(6).toString('hex')}`,
      name,
      role,
      created_at: new Date().toISOString(),
      last_used_at: null,
      revoked_at: null,
      source_handler: options.sourceHandler ?? false,
      expires_at: options.expiresAt ?? null,
    };
    await this.store.addToken(info, tokenHash(token));
    return { token, info };
  }

  async verify(token: string): Promise<TokenInfo | null> {
    if (!token.startsWith(PREFIX)) return null;
    const now = new Date().toISOString();
    const row = await this.store.liveToken(tokenHash(token), now);
    if (!row) return null;
    // Last use is kept to the minute: enough to see a forgotten token, without a write on every request.
    if (!row.last_used_at || row.last_used_at.slice(0, 16) !== now.slice(0, 16)) {
      try {
        await this.store.markTokenUsed(row.id, now);
        row.last_used_at = now;
      } catch (e) {
        // Another process holds the record's write lock (an import): the stamp waits for a later request
        // rather than holding this one, which only reads.
        if (!isTransient(e)) throw e;
      }
    }
    return infoOf(row);
  }

  async list(): Promise<TokenInfo[]> {
    return (await this.store.listTokens()).map(infoOf);
  }

  async revoke(id: string): Promise<boolean> {
    return this.store.revokeToken(id, new Date().toISOString());
  }
}
