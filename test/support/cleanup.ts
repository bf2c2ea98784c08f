import { afterEach } from 'vitest';

const cleanups: (() => unknown)[] = [];

// One list for every helper, undone last-in first-out: a program started against an emulator is
// stopped before that emulator closes.
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});

/** Runs `fn` after the current test, before anything registered earlier. */
export function onCleanup(fn: () => unknown): void {
  cleanups.push(fn);
}
