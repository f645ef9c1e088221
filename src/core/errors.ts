import { formatLocation, type Location } from './location.js';

export type ErrorCode = 'usage' | 'io' | 'parse' | 'config' | 'input';

/**
 * A known failure: printed as one line "what, where, why" plus an optional hint, exit code 2.
 * Anything else that escapes is a bug and is printed with its stack.
 */
export class DrydockError extends Error {
  readonly code: ErrorCode;
  readonly where: string | undefined;
  readonly hint: string | undefined;

  constructor(
    code: ErrorCode,
    message: string,
    options: { where?: string | Location; hint?: string; cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'DrydockError';
    this.code = code;
    const where = options.where;
    this.where = where === undefined ? undefined : typeof where === 'string' ? where : formatLocation(where);
    this.hint = options.hint;
  }

  /** One line for a terminal or a CI log. */
  toLine(): string {
    return this.where === undefined ? `error: ${this.message}` : `error: ${this.where}: ${this.message}`;
  }
}

export function errorMessage(err: unknown): string {
  if (err instanceof Error) return err.message;
  return String(err);
}
