// Failed sign-ins are limited per client address: after `failures` unknown or revoked tokens within `windowMs`,
// that address is answered 429 (with when to try again) until its oldest failure leaves the window, valid token
// or not, so a token cannot be guessed at the speed of the network. A sign-in that succeeds clears the count.
// Kept in the process's memory: a restart forgets it, and each server counts its own.
export interface SignInLimit {
  failures: number;
  windowMs: number;
}

export const DEFAULT_SIGN_IN_LIMIT: SignInLimit = { failures: 10, windowMs: 10 * 60_000 };

/** Addresses kept at most: beyond, the oldest are forgotten (a flood of addresses cannot fill the memory). */
const MAX_ADDRESSES = 10_000;

export class SignInGuard {
  private readonly failed = new Map<string, number[]>();

  constructor(
    readonly limit: SignInLimit = DEFAULT_SIGN_IN_LIMIT,
    private readonly now: () => number = Date.now,
  ) {}

  /** Seconds this address must wait before it may try again; 0 when it may. */
  waitFor(address: string): number {
    const recent = this.recent(address);
    if (recent.length < this.limit.failures) return 0;
    return Math.max(1, Math.ceil((recent[recent.length - this.limit.failures] + this.limit.windowMs - this.now()) / 1000));
  }

  failedFrom(address: string): void {
    const recent = this.recent(address);
    recent.push(this.now());
    this.failed.delete(address);
    this.failed.set(address, recent.slice(-this.limit.failures));
    if (this.failed.size > MAX_ADDRESSES) this.failed.delete(this.failed.keys().next().value!);
  }

  succeededFrom(address: string): void {
    this.failed.delete(address);
  }

  private recent(address: string): number[] {
    const since = this.now() - this.limit.windowMs;
    return (this.failed.get(address) ?? []).filter((t) => t > since);
  }
}
