/** The CLI's failures and their exit codes: 2 for a usage error, 1 for every other failure. */

export class UsageError extends Error {
  readonly exitCode = 2;
  constructor(message: string, readonly command?: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export class CliFailure extends Error {
  readonly exitCode = 1;
  constructor(message: string) {
    super(message);
    this.name = 'CliFailure';
  }
}
