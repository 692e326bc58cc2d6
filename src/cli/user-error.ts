/** A problem with the user's input or setup, reported as one line without a stack trace; exit code 1, or 2 for bad usage. */
export class UserError extends Error {
  constructor(
    message: string,
    readonly exitCode: 1 | 2 = 1,
  ) {
    super(message);
  }
}
