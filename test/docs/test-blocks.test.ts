import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { onCleanup } from '../support/cleanup.ts';
import { allCodeBlocks, kindOf } from '../support/markdown.ts';
import { ROOT } from '../support/programs.ts';

const testFiles = allCodeBlocks().filter((block) => kindOf(block) === 'vitest');

interface Report {
  numPassedTests: number;
  numFailedTests: number;
  testResults: { name: string; status: string; message: string }[];
}

it('runs every test file shown in README.md and docs/ with vitest, and each of their tests passes', async () => {
  // Inside the repository, so that the blocks' packages (vitest, @microsoft/signalr) resolve.
  const cache = join(ROOT, 'node_modules', '.cache');
  mkdirSync(cache, { recursive: true });
  const dir = mkdtempSync(join(cache, 'enreach-rte-doc-tests-'));
  onCleanup(() => rmSync(dir, { recursive: true, force: true }));

  for (const [index, block] of testFiles.entries()) {
    writeFileSync(join(dir, `block-${index}.test.ts`), block.code);
  }
  writeFileSync(
    join(dir, 'vitest.config.mjs'),
    [
      // Exact matches: a plain 'enreach-rte' alias would also rewrite 'enreach-rte/emulator'.
      'export default {',
      '  resolve: {',
      '    alias: [',
      `      { find: /^enreach-rte\\/emulator$/, replacement: ${JSON.stringify(join(ROOT, 'src/emulator/index.ts'))} },`,
      `      { find: /^enreach-rte$/, replacement: ${JSON.stringify(join(ROOT, 'src/index.ts'))} },`,
      '    ],',
      '  },',
      "  test: { include: ['*.test.ts'], watch: false },",
      '};',
      '',
    ].join('\n'),
  );

  const child = spawn(
    process.execPath,
    [
      join(ROOT, 'node_modules/vitest/vitest.mjs'),
      'run',
      '--config',
      'vitest.config.mjs',
      '--reporter=json',
      '--outputFile=report.json',
    ],
    // A clean environment: the outer vitest's variables would make this one think it is a worker.
    { cwd: dir, env: { PATH: process.env.PATH ?? '', NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    output += chunk;
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    output += chunk;
  });
  const code = await new Promise<number | null>((resolve) => child.once('close', resolve));

  const report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as Report;
  const expected = testFiles.reduce((sum, block) => sum + (block.code.match(/^it\(/gm)?.length ?? 0), 0);
  expect(testFiles.map((block) => block.name)).toEqual([
    'docs/emulator.md > Using it in your own tests',
    'docs/testing-with-the-emulator.md > A test file',
  ]);
  expect({ code, failed: report.numFailedTests, passed: report.numPassedTests }, output).toEqual({
    code: 0,
    failed: 0,
    passed: expected,
  });
});
