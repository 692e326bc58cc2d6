// A pool of worker threads that run tasks under a time budget, so no request's work ever runs on the
// thread that answers the others. A task waits for a free thread, then runs on it; when its budget runs
// out (waiting for busy threads included) it is refused, and a thread still running it is terminated and
// replaced, so a runaway task costs its own request and nothing else. A thread that dies (out of memory, a
// crash) fails only the task it held. Threads start when first needed, or all at once with warm(); while
// none is ready yet, the budget does not run: starting is the server's cost, not the request's.
import { Worker } from 'node:worker_threads';

export interface ThreadPoolOptions {
  /** The thread's module: it posts { ready: true } (or { ready: false, error }), then answers { id, task } with { id, value } or { id, error }. */
  script: URL;
  workerData: unknown;
  /** Threads at most. */
  size: number;
  /** Milliseconds a task may take from the moment it is asked for, waiting for a thread included. */
  budgetMs: number;
  /** The heap a thread may grow to, in MB; beyond it the thread is stopped and its task fails. */
  memoryMb: number;
}

/** An error a task threw on its thread, carried back as data. */
export interface TaskError {
  message: string;
  status?: number;
  issues?: { at: string; message: string }[];
  /** The database could not serve: the caller is told when to try again. */
  unavailable?: boolean;
}

export class TaskFailed extends Error {
  constructor(readonly error: TaskError) {
    super(error.message);
  }
}

/** The task's budget ran out: `running` says whether it had a thread (it was stopped) or was still waiting for one. */
export class OverBudget extends Error {
  constructor(readonly running: boolean) {
    super(running ? 'over budget while running' : 'over budget while waiting for a thread');
  }
}

/** The pool is shutting down: a task still waiting for a thread is not run. */
export class PoolClosing extends Error {
  constructor() {
    super('the desk is closing');
  }
}

/** The thread died under the task; `outOfMemory` when it outgrew its heap. */
export class ThreadLost extends Error {
  constructor(
    message: string,
    readonly outOfMemory: boolean,
  ) {
    super(message);
  }
}

interface Job {
  id: number;
  task: unknown;
  resolve(value: unknown): void;
  reject(e: Error): void;
  timer: NodeJS.Timeout | null;
  thread: Thread | null;
}

interface Thread {
  worker: Worker;
  ready: boolean;
  job: Job | null;
}

type FromThread = { ready: true } | { ready: false; error: string } | { id: number; value: unknown } | { id: number; error: TaskError };

export class ThreadPool {
  private readonly threads = new Set<Thread>();
  private readonly waiting: Job[] = [];
  private readonly readyWaiters: { resolve(): void; reject(e: Error): void }[] = [];
  private nextId = 1;
  private closed = false;

  constructor(private readonly options: ThreadPoolOptions) {}

  /** Tasks on a thread right now. */
  get running(): number {
    let n = 0;
    for (const t of this.threads) if (t.job) n++;
    return n;
  }

  run(task: unknown): Promise<unknown> {
    if (this.closed) return Promise.reject(new Error('the thread pool is closed'));
    return new Promise((resolve, reject) => {
      const job: Job = { id: this.nextId++, task, resolve, reject, thread: null, timer: null };
      if (this.anyReady()) this.startClock(job);
      this.waiting.push(job);
      this.dispatch();
    });
  }

  /** Starts every thread and resolves when all are ready to take tasks. */
  warm(): Promise<void> {
    while (!this.closed && this.threads.size < this.options.size) this.spawn();
    if ([...this.threads].every((t) => t.ready)) return Promise.resolve();
    return new Promise((resolve, reject) => this.readyWaiters.push({ resolve, reject }));
  }

  /** Lets each thread close its connection and end; one that does not end within a few seconds is terminated. */
  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.waiting.splice(0)) this.settle(job, () => job.reject(new PoolClosing()));
    await Promise.all(
      [...this.threads].map(async (t) => {
        const ended = new Promise<void>((resolve) => t.worker.once('exit', () => resolve()));
        t.worker.postMessage({ close: true });
        const timer = setTimeout(() => void t.worker.terminate(), 5_000);
        await ended;
        clearTimeout(timer);
      }),
    );
    this.threads.clear();
  }

  private dispatch(): void {
    while (this.waiting.length) {
      const free = [...this.threads].find((t) => t.ready && !t.job);
      if (!free) {
        if (this.threads.size < this.options.size) this.spawn();
        return;
      }
      const job = this.waiting.shift()!;
      job.thread = free;
      free.job = job;
      free.worker.ref();
      free.worker.postMessage({ id: job.id, task: job.task });
    }
  }

  private spawn(): void {
    const { script, workerData, memoryMb } = this.options;
    const resourceLimits = { maxOldGenerationSizeMb: memoryMb };
    // From the TypeScript sources (the tests, run from the repository), the thread compiles its module with tsx (a
    // devDependency), as vitest does on this side; Node 20 does not pass --import hooks on to a worker's first module.
    const worker = script.pathname.endsWith('.ts')
      ? new Worker(`import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(script.href)}); });`, { eval: true, workerData, resourceLimits })
      : new Worker(script, { workerData, resourceLimits });
    const thread: Thread = { worker, ready: false, job: null };
    this.threads.add(thread);
    worker.unref();
    let death: ThreadLost | null = null;
    worker.on('message', (m: FromThread) => {
      if (!this.threads.has(thread)) return;
      if ('ready' in m) {
        if (m.ready) {
          thread.ready = true;
          for (const job of this.waiting) if (!job.timer) this.startClock(job);
          this.readyCheck();
          this.dispatch();
        } else {
          death = new ThreadLost(`a worker thread could not open the record: ${m.error}`, false);
          void worker.terminate();
        }
        return;
      }
      const job = thread.job;
      if (!job || job.id !== m.id) return;
      thread.job = null;
      worker.unref();
      this.settle(job, () => ('error' in m ? job.reject(new TaskFailed(m.error)) : job.resolve(m.value)));
      this.dispatch();
    });
    worker.on('error', (e: Error & { code?: string }) => {
      death ??= new ThreadLost(`a worker thread failed: ${e.stack ?? e.message}`, e.code === 'ERR_WORKER_OUT_OF_MEMORY');
    });
    worker.on('exit', (code) => {
      if (!this.threads.delete(thread)) return;
      // Ended by the desk's closing (a task that outlasted it): the task was cut short by the shutdown, not by a fault.
      const lost = death ?? (this.closed ? new PoolClosing() : new ThreadLost(`a worker thread ended (exit code ${code})`, false));
      const job = thread.job;
      if (job) this.settle(job, () => job.reject(lost));
      if (!thread.ready) {
        // A thread that never became ready fails what waits for it, rather than being started again and again.
        for (const w of this.readyWaiters.splice(0)) w.reject(lost);
        for (const j of this.waiting.splice(0)) this.settle(j, () => j.reject(lost));
      }
      this.dispatch();
    });
  }

  private anyReady(): boolean {
    for (const t of this.threads) if (t.ready) return true;
    return false;
  }

  private startClock(job: Job): void {
    job.timer = setTimeout(() => this.expire(job), this.options.budgetMs);
  }

  private readyCheck(): void {
    if (this.threads.size >= this.options.size && [...this.threads].every((t) => t.ready)) for (const w of this.readyWaiters.splice(0)) w.resolve();
  }

  private expire(job: Job): void {
    const thread = job.thread;
    if (thread) {
      // Stopped, not awaited: a thread inside a native call (a database wait) ends when it comes back to JavaScript,
      // and its connection closes with it, rolling back what it had not committed. A fresh thread takes its place.
      this.threads.delete(thread);
      thread.job = null;
      void thread.worker.terminate();
      if (!this.closed) this.spawn();
    } else {
      const k = this.waiting.indexOf(job);
      if (k >= 0) this.waiting.splice(k, 1);
    }
    job.reject(new OverBudget(thread !== null));
  }

  private settle(job: Job, done: () => void): void {
    if (job.timer) clearTimeout(job.timer);
    done();
  }
}
