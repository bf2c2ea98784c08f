// TypeDoc plugin: guides are listed by their own title (the first `# ` heading) instead of their
// file name, and modules by the import path users write (`enreach-rte`, `enreach-rte/emulator`).
import { readFileSync } from 'node:fs';
import { Converter, ReflectionKind } from 'typedoc';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

/** @param {import('typedoc').Application} app */
export function load(app) {
  app.converter.on(Converter.EVENT_CREATE_DOCUMENT, (_context, document) => {
    if (typeof document.frontmatter.title === 'string') return;
    const text = document.content.map((part) => part.text).join('');
    const heading = /^#\s+(.+)$/m.exec(text)?.[1]?.trim();
    if (heading) document.name = heading;
  });
  app.converter.on(Converter.EVENT_RESOLVE_BEGIN, (context) => {
    for (const module of context.project.getReflectionsByKind(ReflectionKind.Module)) {
      module.name = module.name === 'index' ? pkg.name : `${pkg.name}/${module.name.replace(/\/index$/, '')}`;
    }
  });
}
