// A desk over an open store: the desk's tables made or brought up to date, and the parts wired together.
import type { Store } from '../store/store.js';
import type { Desk } from './desk.js';
import { deskDatabase, KyselyDeskRecord } from './kysely-record.js';
import { KyselyTokenRegistry } from './token-registry.js';

export const DEFAULT_RECONCILE_LIMIT = 20_000;

export async function openDesk(store: Store, options: { publicRead?: boolean; reconcileLimit?: number } = {}): Promise<Desk> {
  const db = await deskDatabase(store);
  return {
    store,
    record: new KyselyDeskRecord(db),
    tokens: new KyselyTokenRegistry(db),
    publicRead: options.publicRead ?? false,
    reconcileLimit: options.reconcileLimit ?? DEFAULT_RECONCILE_LIMIT,
  };
}
