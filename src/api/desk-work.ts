// The desk's heavy work (desk-tasks.ts) on worker threads, one per core by default, each task under the
// request budget: a request whose work outruns it, or that finds no thread free within it, is answered 503
// with what happened and a Retry-After, and the thread that ran it is replaced; the other requests never wait on it.
import { availableParallelism } from 'node:os';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { DeskResults, DeskTask, TaskOf } from './desk-tasks.js';
import type { DeskThreadData } from './desk-thread.js';
import { Problem, RETRY_AFTER_SECONDS, Unavailable } from './problems.js';
import { OverBudget, PoolClosing, TaskFailed, ThreadLost, ThreadPool } from './thread-pool.js';

/** Seconds one request's work may take, waiting for a thread included. */
export const DEFAULT_BUDGET_SECONDS = 30;
/** The heap one worker thread may grow to. */
export const DEFAULT_THREAD_MEMORY_MB = 1024;

export interface DeskWorkOptions {
  /** The record, as the threads open it (Store.location). */
  location: string;
  reconcileLimit: number;
  budgetSeconds?: number;
  /** Worker threads at most (default: the machine's cores). */
  threads?: number;
  memoryMb?: number;
  /** Threads load the extractor as they start (a second or so), so no request pays for it; else the first report on each thread does. */
  preload?: boolean;
}

/** What the caller is told when a task of this kind runs out of budget. */
const STOPPED: Record<DeskTask['kind'], (s: number) => string> = {
  'submit-report': (s) =>
    `reading and storing this report took more than ${s} s, the budget for one request, and was stopped; a report is stored whole or not at all, so submit it again later (a stored one answers "duplicate") or split it into shorter reports`,
  'update-event': (s) => `this edit took more than ${s} s, the budget for one request, and was stopped; an edit is saved whole or not at all: read the event to see which, and try again later`,
  'event-incident': (s) => `reconciling this event's incident took more than ${s} s, the budget for one request, and was stopped; try again later`,
  tally: (s) => `reconciling this tally took more than ${s} s, the budget for one request, and was stopped: narrow the filter (from/to, country, admin1) or try again later`,
  weekly: (s) => `reconciling these weeks took more than ${s} s, the budget for one request, and was stopped: narrow the filter (from/to, country, admin1) or try again later`,
  control: (s) => `reconciling control took more than ${s} s, the budget for one request, and was stopped: narrow the filter (from/to, country, admin1) or try again later`,
};

export class DeskWork {
  private readonly pool: ThreadPool;
  readonly budgetSeconds: number;
  private readonly memoryMb: number;

  constructor(options: DeskWorkOptions) {
    this.budgetSeconds = options.budgetSeconds ?? DEFAULT_BUDGET_SECONDS;
    this.memoryMb = options.memoryMb ?? DEFAULT_THREAD_MEMORY_MB;
    const workerData: DeskThreadData = { location: options.location, reconcileLimit: options.reconcileLimit, preload: options.preload ?? false };
    // The thread's module sits beside this one: .js when built, .ts when the tests run the sources.
    const ext = import.meta.url.endsWith('.ts') ? 'ts' : 'js';
    this.pool = new ThreadPool({
      script: new URL(`./desk-thread.${ext}`, import.meta.url),
      workerData,
      size: options.threads ?? availableParallelism(),
      budgetMs: this.budgetSeconds * 1000,
      memoryMb: this.memoryMb,
    });
  }

  /** Tasks on a thread right now. */
  get running(): number {
    return this.pool.running;
  }

  /** Starts every thread (each opens the record, and loads the extractor when preloading) and waits for them. */
  warm(): Promise<void> {
    return this.pool.warm();
  }

  close(): Promise<void> {
    return this.pool.close();
  }

  async run<K extends DeskTask['kind']>(task: TaskOf<K>): Promise<DeskResults[K]> {
    try {
      return (await this.pool.run(task)) as DeskResults[K];
    } catch (e) {
      throw this.problemOf(e, task.kind);
    }
  }

  private problemOf(e: unknown, kind: DeskTask['kind']): Error {
    const retry = Math.ceil(this.budgetSeconds);
    if (e instanceof OverBudget) {
      return new Unavailable(e.running ? STOPPED[kind](this.budgetSeconds) : `the desk is busy: no worker thread came free within ${this.budgetSeconds} s, the budget for one request; try again later`, retry);
    }
    if (e instanceof ThreadLost && e.outOfMemory) {
      return new Unavailable(`this request needed more than ${this.memoryMb} MB of memory, the most one request may use, and was stopped: narrow the filter or split the report`, retry);
    }
    // A request still waiting when the server stops (its client has usually gone): answered, not logged as a fault.
    if (e instanceof PoolClosing) return new Unavailable('the desk is shutting down; try again once it is back', RETRY_AFTER_SECONDS);
    if (e instanceof TaskFailed && e.error.unavailable) return new Unavailable(e.error.message, RETRY_AFTER_SECONDS);
    if (e instanceof TaskFailed && e.error.status) return new Problem(e.error.status as ContentfulStatusCode, e.error.message, e.error.issues);
    if (e instanceof TaskFailed) return new Error(`on a worker thread: ${e.error.message}`);
    return e as Error;
  }
}
