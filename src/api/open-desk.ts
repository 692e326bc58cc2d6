// A desk over an open store: the parts wired together. Every read and write goes through the Store, whose
// migrations hold the desk's tables too.
import type { SourceKey } from '../store/source-vault.js';
import type { Store } from '../store/store.js';
import type { Desk } from './desk.js';
import { StoreTokenRegistry } from './token-registry.js';

export const DEFAULT_RECONCILE_LIMIT = 20_000;

export function openDesk(store: Store, options: { publicRead?: boolean; reconcileLimit?: number; sourceKey?: SourceKey | null } = {}): Desk {
  return {
    store,
    tokens: new StoreTokenRegistry(store),
    publicRead: options.publicRead ?? false,
    reconcileLimit: options.reconcileLimit ?? DEFAULT_RECONCILE_LIMIT,
    sourceKey: options.sourceKey ?? null,
  };
}
