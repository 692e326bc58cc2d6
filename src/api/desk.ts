// What every route of the desk is given: the record, the tokens, the access setting, and the worker threads
// its heavy work runs on.
import type { SourceKey } from '../store/source-vault.js';
import type { Store } from '../store/store.js';
import type { DeskWork } from './desk-work.js';
import type { TokenInfo, TokenRegistry } from './record.js';

export interface Desk {
  store: Store;
  tokens: TokenRegistry;
  /** Reading without a token. Writing always needs one. */
  publicRead: boolean;
  /** Reconciled figures read the matching events into memory: at most this many, else the caller narrows the filter. */
  reconcileLimit: number;
  /** The field-source key, when this desk was given one: without it, reports from field sources are refused. */
  sourceKey: SourceKey | null;
  /** Extraction, storing a report or an edit, and reconciliation: off the thread that answers requests, under a time budget. */
  work: DeskWork;
}

export interface DeskEnv {
  Variables: { caller: TokenInfo | null };
}
