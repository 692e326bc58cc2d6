// What the desk hands out beyond the Store's own types: roles and tokens. The report and edit shapes the API
// returns are the Store's (re-exported here for the dashboard, which imports the API's types from this file).
export type { EventEdit, ReportDetail, ReportListing } from '../store/store.js';

export type Role = 'viewer' | 'analyst' | 'admin';
export const ROLES: Role[] = ['viewer', 'analyst', 'admin'];

export interface TokenInfo {
  id: string;
  name: string;
  role: Role;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
  /** May read field sources' identities: a capability no role implies, not even admin. */
  source_handler: boolean;
  /** Refused after this instant; null: until revoked. */
  expires_at: string | null;
}

export interface TokenOptions {
  sourceHandler?: boolean;
  expiresAt?: string | null;
}

export interface TokenRegistry {
  /** Returns the token itself once; only its hash is kept. */
  create(name: string, role: Role, options?: TokenOptions): Promise<{ token: string; info: TokenInfo }>;
  /** The live token's record, or null for an unknown, revoked or expired token. */
  verify(token: string): Promise<TokenInfo | null>;
  list(): Promise<TokenInfo[]>;
  /** False when there is no such live token. */
  revoke(id: string): Promise<boolean>;
}
