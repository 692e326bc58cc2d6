// One of the desk's worker threads (see thread-pool.ts): opens its own connection to the record, then runs
// the tasks it is given (desk-tasks.ts) one at a time, answering each with its result or its error as data.
import { parentPort, workerData } from 'node:worker_threads';
import { openStore } from '../store/open-store.js';
import type { Store } from '../store/store.js';
import { preloadExtractor, runDeskTask, type DeskTask } from './desk-tasks.js';
import { databaseUnavailable, Problem } from './problems.js';
import type { TaskError } from './thread-pool.js';

export interface DeskThreadData {
  location: string;
  reconcileLimit: number;
  /** Load the extractor before taking work (see DeskWorkOptions.preload). */
  preload: boolean;
}

const port = parentPort!;
const { location, reconcileLimit, preload } = workerData as DeskThreadData;

function asData(e: unknown): TaskError {
  if (e instanceof Problem) return { status: e.status, message: e.message, issues: e.issues };
  // A database that cannot serve now (held by another writer, unreachable) is a 503 here as on the main thread;
  // decided before the error crosses, since its code does not.
  const unavailable = databaseUnavailable(e);
  if (unavailable) return { status: unavailable.status, message: unavailable.message, unavailable: true };
  return { message: (e as Error)?.stack ?? String(e) };
}

const store: Store | null = await openStore(location).catch((e: Error) => {
  port.postMessage({ ready: false, error: e.message });
  return null;
});

if (store) {
  if (preload) await preloadExtractor();
  // A task still running when the desk closes finishes before the connection does (the pool ends a thread that takes too long).
  const running = new Set<Promise<void>>();
  port.on('message', async (m: { close: true } | { id: number; task: DeskTask }) => {
    if ('close' in m) {
      await Promise.all(running);
      await store.close();
      port.close();
      return;
    }
    const done = (async () => {
      try {
        port.postMessage({ id: m.id, value: await runDeskTask(store, reconcileLimit, m.task) });
      } catch (e) {
        port.postMessage({ id: m.id, error: asData(e) });
      }
    })();
    running.add(done);
    await done;
    running.delete(done);
  });
  port.postMessage({ ready: true });
} else port.close();
