/**
 * Exit codes of the `enreach-rte` command, stable for scripts. They are the same whether the command
 * runs directly, through `npx` or through `npm run`: a signal ends it with 128 + the signal's number,
 * which is what the shell (and npm, which receives Ctrl-C as well) reports anyway.
 */
export const EXIT = {
  ok: 0,
  failure: 1,
  usage: 2,
  /** The API refused the credentials. */
  authRejected: 3,
  /** The API or the hub could not be reached within the allowed attempts. */
  unreachable: 4,
  /** `tail`: the hub refused every subscription asked for, so there is nothing to print. */
  nothingSubscribed: 5,
  /** Interrupted with Ctrl-C (SIGINT). */
  interrupted: 130,
  /** Stopped with SIGTERM. */
  terminated: 143,
} as const;

/** Resolves with the exit code of the first SIGINT or SIGTERM; `dispose` removes the handlers. */
export function untilSignal(): { code: Promise<number>; dispose: () => void } {
  let dispose = () => {};
  const code = new Promise<number>((resolve) => {
    const onInt = () => resolve(EXIT.interrupted);
    const onTerm = () => resolve(EXIT.terminated);
    process.once('SIGINT', onInt);
    process.once('SIGTERM', onTerm);
    dispose = () => {
      process.off('SIGINT', onInt);
      process.off('SIGTERM', onTerm);
    };
  });
  return { code, dispose };
}
