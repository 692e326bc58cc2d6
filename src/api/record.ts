// What the desk needs from the record beyond the Store interface (a report with its extraction, event
// corrections). Written as an interface here so the
// API is independent of how it is met: kysely-record.ts meets it today by reading the store's tables;
// when src/store/ grows these methods, the Store itself can be passed instead.
import type { ConflictEvent, ReportSummary } from '../domain/types.js';
import type { Page, StoredClaim } from '../store/store.js';

export interface ReportListing {
  id: string;
  title: string | null;
  publisher: string | null;
  published: string | null;
  ingested_at: string;
  events: number;
  claims: number;
}

/** An event as extraction gave it, with the store's id, so a report page can link to the event page. */
export type ReportEvent = ConflictEvent;

export interface ReportDetail extends ReportListing {
  hash: string;
  language: string | null;
  /** The normalized text: every span below points into it. */
  text: string;
  summary: ReportSummary | null;
  events: number;
  claims: number;
  extracted: { events: ReportEvent[]; claims: StoredClaim[] };
}

/** The fields an analyst may correct. Figures are not among them: they come from claims, and stay traceable to them. */
export interface EventPatch {
  type?: string;
  sub_type?: string;
  notes?: string | null;
  date?: { start: string; end: string; precision: 'day' | 'week' | 'month' | 'year' | 'range' } | null;
}

export interface EventEdit {
  id: string;
  event_id: string;
  editor: string;
  edited_at: string;
  changes: Record<string, [unknown, unknown]>;
}

export interface DeskRecord {
  listReports(page: Page): Promise<{ total: number; reports: ReportListing[] }>;
  getReport(id: string): Promise<ReportDetail | null>;
  /** Applies the patch and logs it; false when there is no such event. */
  updateEvent(id: string, patch: EventPatch, editor: string): Promise<boolean>;
  eventEdits(id: string): Promise<EventEdit[]>;
}

export type Role = 'viewer' | 'analyst' | 'admin';
export const ROLES: Role[] = ['viewer', 'analyst', 'admin'];

export interface TokenInfo {
  id: string;
  name: string;
  role: Role;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

export interface TokenRegistry {
  /** Returns the token itself once; only its hash is kept. */
  create(name: string, role: Role): Promise<{ token: string; info: TokenInfo }>;
  /** The live token's record, or null for an unknown or revoked token. */
  verify(token: string): Promise<TokenInfo | null>;
  list(): Promise<TokenInfo[]>;
  /** False when there is no such live token. */
  revoke(id: string): Promise<boolean>;
}
