/** Exit codes of the `enreach-rte` command, stable for scripts. */
export const EXIT = {
  ok: 0,
  failure: 1,
  usage: 2,
  /** The API refused the credentials. */
  authRejected: 3,
  /** The API or the hub could not be reached within the allowed attempts. */
  unreachable: 4,
} as const;
