/** A problem with the user's input or setup, reported as one line without a stack trace. */
export class UserError extends Error {}
