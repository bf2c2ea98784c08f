import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './programs.ts';

/**
 * A fenced code block of the documentation.
 *
 * The rule that decides what the tests do with it:
 * - a ```ts block with an `import` line is a complete program: Node runs it against the emulator;
 *   if it imports `vitest` it is a test file, and vitest runs it;
 * - ```ts browser marks a program for the browser: it is typechecked, not run; so is every ```tsx
 *   block with an `import` line (React components);
 * - a ```text output block right after a program is what that program prints, exactly;
 * - every other block (shell lines, JSON, fragments without imports) is left alone.
 */
export interface CodeBlock {
  /** Path from the repository root, e.g. `docs/errors.md`. */
  readonly file: string;
  /** 1-based line of the opening fence. */
  readonly line: number;
  /** The nearest heading above it, e.g. `Quick start`. */
  readonly heading: string;
  readonly lang: string;
  /** Words after the language in the info string, e.g. `['browser']`. */
  readonly meta: readonly string[];
  readonly code: string;
  /** The ```text output block that follows, when there is one. */
  readonly output: string | undefined;
}

export type BlockKind = 'node' | 'vitest' | 'browser' | 'other';

/** What the tests do with a block; see {@link CodeBlock}. */
export function kindOf(block: CodeBlock): BlockKind {
  if (block.lang === 'tsx') return /^import\s/m.test(block.code) ? 'browser' : 'other';
  if (block.lang !== 'ts' && block.lang !== 'typescript') return 'other';
  if (!/^import\s/m.test(block.code)) return 'other';
  if (block.meta.includes('browser')) return 'browser';
  return /^import .* from 'vitest';$/m.test(block.code) ? 'vitest' : 'node';
}

/** README.md and every page of docs/, relative to the repository root. */
export function documentationFiles(): string[] {
  const pages = readdirSync(join(ROOT, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .sort()
    .map((name) => `docs/${name}`);
  return ['README.md', ...pages];
}

/** Every fenced code block of a Markdown file. */
export function codeBlocks(file: string): CodeBlock[] {
  const lines = readFileSync(join(ROOT, file), 'utf8').split('\n');
  const raw: Omit<CodeBlock, 'output'>[] = [];
  const ends: number[] = [];
  let heading = '';
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const fence = /^(`{3,})\s*(\S*)\s*(.*)$/.exec(line);
    if (!fence) {
      const title = /^#{1,6}\s+(.*)$/.exec(line);
      if (title) heading = title[1]!.trim();
      continue;
    }
    const close = lines.findIndex(
      (candidate, j) => j > i && candidate.startsWith(fence[1]!) && candidate.trim() === fence[1],
    );
    if (close === -1) throw new Error(`${file}:${i + 1}: unclosed code block`);
    raw.push({
      file,
      line: i + 1,
      heading,
      lang: fence[2]!,
      meta: fence[3]!.split(/\s+/).filter(Boolean),
      code: `${lines.slice(i + 1, close).join('\n')}\n`,
    });
    ends.push(close);
    i = close;
  }
  const isOutput = (block: Omit<CodeBlock, 'output'> | undefined) =>
    block?.lang === 'text' && block.meta.includes('output');
  const blocks: CodeBlock[] = [];
  raw.forEach((block, index) => {
    const next = raw[index + 1];
    if (isOutput(block)) {
      const previous = blocks.at(-1);
      if (!previous || previous.output !== block.code || kindOf(previous) !== 'node') {
        throw new Error(
          `${file}:${block.line}: a text output block must follow a program, with only blank lines between`,
        );
      }
      return;
    }
    const between = next ? lines.slice(ends[index]! + 1, next.line - 1) : [];
    const output = isOutput(next) && between.every((l) => l.trim() === '') ? next!.code : undefined;
    blocks.push({ ...block, output });
  });
  return blocks;
}

/** Every block of README.md and docs/, each with a unique name: `docs/errors.md > Handling them`. */
export function allCodeBlocks(): (CodeBlock & { readonly name: string })[] {
  const seen = new Map<string, number>();
  return documentationFiles().flatMap((file) =>
    codeBlocks(file).map((block) => {
      const base = `${block.file} > ${block.heading || '(top)'}`;
      const count = (seen.get(base) ?? 0) + 1;
      seen.set(base, count);
      return { ...block, name: count === 1 ? base : `${base} #${count}` };
    }),
  );
}
