import { join } from 'node:path';
import ts from 'typescript';
import { expect, it } from 'vitest';
import { ROOT } from '../support/programs.ts';

const ENTRY_POINTS = {
  'enreach-rte': 'src/index.ts',
  'enreach-rte/events': 'src/events/index.ts',
  'enreach-rte/emulator': 'src/emulator/index.ts',
  'enreach-rte/bridge': 'src/bridge/index.ts',
  'enreach-rte/react': 'src/react/index.ts',
};

/** Public exports whose declaration lacks TSDoc with an `@example` that imports from the package. */
function exportsWithoutExample(): string[] {
  const files = Object.values(ENTRY_POINTS).map((file) => join(ROOT, file));
  const program = ts.createProgram(files, {
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2022,
    allowImportingTsExtensions: true,
    noEmit: true,
    skipLibCheck: true,
  });
  const checker = program.getTypeChecker();
  const missing: string[] = [];
  for (const [specifier, file] of Object.entries(ENTRY_POINTS)) {
    const module = checker.getSymbolAtLocation(program.getSourceFile(join(ROOT, file))!)!;
    for (const exported of checker.getExportsOfModule(module)) {
      const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
      const examples = (symbol.declarations ?? []).flatMap((declaration) =>
        ts
          .getJSDocTags(declaration)
          .filter((tag) => tag.tagName.text === 'example')
          .map((tag) => ts.getTextOfJSDocComment(tag.comment) ?? ''),
      );
      const importLine = new RegExp(`^import .* from '${specifier.replace('/', '\\/')}';$`, 'm');
      if (!examples.some((example) => importLine.test(example)))
        missing.push(`${specifier}: ${exported.name}`);
    }
  }
  return missing;
}

it('documents every public export with an @example that starts from its import line', () => {
  expect(exportsWithoutExample()).toEqual([]);
}, 30_000);
