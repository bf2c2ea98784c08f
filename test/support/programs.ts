import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { onCleanup } from './cleanup.ts';

/** The repository root, where programs run and resolve their packages. */
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SDK_RESOLVE = fileURLToPath(new URL('sdk-resolve.mjs', import.meta.url));
const REDIRECT_FETCH = fileURLToPath(new URL('redirect-fetch.mjs', import.meta.url));

/** How a program ended. */
export interface Exit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

export interface ProgramOptions {
  /** A TypeScript file to run, relative to `cwd`. */
  readonly file?: string;
  /**
   * Where to run, relative to the repository root. Outside the root (an example's folder) the
   * program runs exactly as its README says, `node file.ts`, resolving `enreach-rte` through its
   * own install like any user's program; in the root, resolve hooks map it to the sources.
   */
  readonly cwd?: string;
  /** TypeScript source to run instead of a file (an ES module, as if it were a file in the root). */
  readonly source?: string;
  /** The whole environment of the program, besides PATH. */
  readonly env?: Record<string, string>;
  /** Longest wait of {@link Program.waitFor} and {@link Program.exited}, in ms. */
  readonly deadlineMs?: number;
}

/**
 * A Node 24 program started the way users run the examples (`node file.ts`), with `enreach-rte`
 * resolved to this repository's sources. Output is collected, never echoed; whatever is still
 * running after the test is killed.
 */
export class Program {
  stdout = '';
  stderr = '';
  readonly #child: ChildProcess;
  readonly #exit: Promise<Exit>;
  readonly #deadlineMs: number;
  #ended: Exit | undefined;
  readonly #waiters = new Set<() => void>();

  constructor(options: ProgramOptions) {
    const target = options.file
      ? [options.file]
      : ['--input-type=module-typescript', '--eval', options.source ?? ''];
    this.#deadlineMs = options.deadlineMs ?? 15_000;
    const asUser = options.cwd !== undefined && options.cwd !== '.';
    const hooks = asUser ? [] : ['--import', SDK_RESOLVE, '--import', REDIRECT_FETCH];
    this.#child = spawn(process.execPath, [...hooks, ...target], {
      cwd: join(ROOT, options.cwd ?? '.'),
      env: { PATH: process.env.PATH ?? '', NO_COLOR: '1', ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.#child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      this.stdout += chunk;
      this.#wake();
    });
    this.#child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
      this.stderr += chunk;
      this.#wake();
    });
    this.#exit = new Promise<Exit>((resolve) => {
      this.#child.once('close', (code, signal) => {
        this.#ended = { code, signal };
        this.#wake();
        resolve(this.#ended);
      });
    });
    onCleanup(() => this.kill());
  }

  /** Resolves with the first match of `pattern` in the output; rejects, with the output, if the program ends first. */
  async waitFor(pattern: RegExp, stream: 'stdout' | 'stderr' = 'stdout'): Promise<RegExpMatchArray> {
    const deadline = Date.now() + this.#deadlineMs;
    for (;;) {
      const match = this[stream].match(pattern);
      if (match) return match;
      if (this.#ended)
        throw new Error(
          `the program ended (${this.#describeExit()}) before printing ${pattern}\n${this.#output()}`,
        );
      if (Date.now() > deadline)
        throw new Error(`no ${pattern} within ${this.#deadlineMs} ms\n${this.#output()}`);
      await this.#next(deadline);
    }
  }

  /** Resolves once the program has ended by itself; rejects, with the output, after the deadline. */
  async exited(): Promise<Exit> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`still running after ${this.#deadlineMs} ms\n${this.#output()}`)),
        this.#deadlineMs,
      );
    });
    try {
      return await Promise.race([this.#exit, late]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Sends a signal and waits for the program to end. */
  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<Exit> {
    if (this.#ended) return this.#ended;
    this.#child.kill(signal);
    return this.exited();
  }

  /** Ends the program at once, if it is still running. */
  async kill(): Promise<void> {
    if (this.#ended) return;
    this.#child.kill('SIGKILL');
    await this.#exit;
  }

  #describeExit(): string {
    return this.#ended?.signal ? `signal ${this.#ended.signal}` : `exit code ${this.#ended?.code}`;
  }

  #output(): string {
    return `--- stdout\n${this.stdout}--- stderr\n${this.stderr}`;
  }

  #wake(): void {
    for (const wake of this.#waiters) wake();
    this.#waiters.clear();
  }

  #next(deadline: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const timer = setTimeout(done, Math.max(0, deadline - Date.now()) + 1);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.#waiters.add(done);
    });
  }
}

/** Starts a program; it is killed after the test if it is still running. */
export function runProgram(options: ProgramOptions): Program {
  return new Program(options);
}
