import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { expect, it } from 'vitest';
import { allCodeBlocks, kindOf } from '../support/markdown.ts';
import { ROOT } from '../support/programs.ts';

const EXAMPLES = ['examples/node-bot/src', 'examples/subscriptions/src', 'examples/pipeline/src'];

/**
 * Type errors of every program in README.md and docs/ (browser ones included) and of the Node
 * examples, checked with the repository's compiler options as a user's project would check them:
 * `enreach-rte` resolves to the sources, the way the package's types describe them.
 */
function typeErrors(): string[] {
  const blocks = new Map<string, string>();
  for (const block of allCodeBlocks()) {
    if (kindOf(block) === 'other') continue;
    // Beside the sources, so that packages resolve from the repository's node_modules.
    const path = join(
      ROOT,
      `${block.file.replace(/\W/g, '_')}_${block.line}.${block.lang === 'tsx' ? 'tsx' : 'ts'}`,
    );
    blocks.set(path, block.code);
    blocks.set(`${path}#name`, `${block.name} (line ${block.line})`);
  }
  const examples = EXAMPLES.flatMap((dir) =>
    readdirSync(join(ROOT, dir))
      .filter((name) => name.endsWith('.ts'))
      .map((name) => join(ROOT, dir, name)),
  );

  const config = ts.getParsedCommandLineOfConfigFile(
    join(ROOT, 'tsconfig.json'),
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
        throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
      },
    },
  );
  const options: ts.CompilerOptions = {
    ...config!.options,
    noEmit: true,
    jsx: ts.JsxEmit.ReactJSX,
    paths: {
      'enreach-rte': [join(ROOT, 'src/index.ts')],
      'enreach-rte/events': [join(ROOT, 'src/events/index.ts')],
      'enreach-rte/emulator': [join(ROOT, 'src/emulator/index.ts')],
      'enreach-rte/bridge': [join(ROOT, 'src/bridge/index.ts')],
      'enreach-rte/react': [join(ROOT, 'src/react/index.ts')],
    },
  };
  const host = ts.createCompilerHost(options);
  const readFile = host.readFile.bind(host);
  const fileExists = host.fileExists.bind(host);
  const getSourceFile = host.getSourceFile.bind(host);
  host.readFile = (file) => blocks.get(file) ?? readFile(file);
  host.fileExists = (file) => blocks.has(file) || fileExists(file);
  host.getSourceFile = (file, language, ...rest) => {
    const text = blocks.get(file);
    return text === undefined
      ? getSourceFile(file, language, ...rest)
      : ts.createSourceFile(file, text, language);
  };

  const roots = [...blocks.keys()].filter((file) => !file.endsWith('#name'));
  const program = ts.createProgram([...roots, ...examples], options, host);
  return [...roots, ...examples].flatMap((file) =>
    [
      ...program.getSyntacticDiagnostics(program.getSourceFile(file)),
      ...program.getSemanticDiagnostics(program.getSourceFile(file)),
    ].map((diagnostic) => {
      const where = blocks.get(`${file}#name`) ?? file.slice(ROOT.length);
      const line =
        diagnostic.file && diagnostic.start !== undefined
          ? diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start).line + 1
          : 0;
      return `${where}, code line ${line}: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')}`;
    }),
  );
}

it('every program in README.md and docs/, and every Node example, typechecks against the public API', () => {
  expect(typeErrors()).toEqual([]);
}, 60_000);
