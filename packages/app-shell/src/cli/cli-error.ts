/** A problem the person running `pnpm users` can fix (unknown user, bad role, weak password): printed as one line, exit 1. */
export class CliError extends Error {
  /** Always `CliError`. */
  override name = 'CliError';
}
