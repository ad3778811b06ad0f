/**
 * The scan's exit codes, the contract a CI gate relies on.
 *
 * An incomplete scan (3) outranks failed findings (1): a gate must not pass or fail on a partial
 * picture without saying so, and both are non-zero, so a CI job fails either way.
 */
export const EXIT = {
  /** Scan complete; nothing at or above --fail-on (or no --fail-on). */
  OK: 0,
  /** A NON_COMPLIANT finding at or above the --fail-on severity. */
  FINDINGS: 1,
  /** The command line is wrong; nothing was scanned. */
  USAGE: 2,
  /** AWS could not be read (credentials, a role, a region, a permission): the results are incomplete. */
  INCOMPLETE: 3,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];
