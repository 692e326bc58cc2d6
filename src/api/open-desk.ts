// A desk over an open store: the parts wired together. Every read and write goes through the Store, whose
// migrations hold the desk's tables too; the heavy work goes to worker threads that open the same record.
import type { SourceKey } from '../store/source-vault.js';
import type { Store } from '../store/store.js';
import type { Desk } from './desk.js';
import { DeskWork } from './desk-work.js';
import { StoreTokenRegistry } from './token-registry.js';

export const DEFAULT_RECONCILE_LIMIT = 20_000;

export interface DeskOptions {
  publicRead?: boolean;
  reconcileLimit?: number;
  /** Seconds one request's work may take (default DEFAULT_BUDGET_SECONDS). */
  budgetSeconds?: number;
  /** Worker threads at most (default: the machine's cores); they start when first needed. */
  threads?: number;
  /** The heap one worker thread may use, in MB. */
  threadMemoryMb?: number;
  /** Threads load the extractor as they start rather than on their first report (serve does). */
  preload?: boolean;
  /** The field-source key, when this desk is given one. */
  sourceKey?: SourceKey | null;
}

export function openDesk(store: Store, options: DeskOptions = {}): Desk {
  const reconcileLimit = options.reconcileLimit ?? DEFAULT_RECONCILE_LIMIT;
  return {
    store,
    tokens: new StoreTokenRegistry(store),
    publicRead: options.publicRead ?? false,
    reconcileLimit,
    sourceKey: options.sourceKey ?? null,
    work: new DeskWork({ location: store.location, reconcileLimit, budgetSeconds: options.budgetSeconds, threads: options.threads, memoryMb: options.threadMemoryMb, preload: options.preload }),
  };
}
