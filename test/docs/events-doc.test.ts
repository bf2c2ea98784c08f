import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { EVENTS_DOC_PATH, renderEventsDoc } from '../../scripts/gen-events-doc.ts';
import { documentedEventNames } from '../../src/events/registry.ts';
import { ROOT } from '../support/programs.ts';

it('docs/events.md is what scripts/gen-events-doc.ts makes of the schemas today', () => {
  const current = readFileSync(join(ROOT, EVENTS_DOC_PATH), 'utf8');
  // Stale: run `node scripts/gen-events-doc.ts` and commit the result.
  expect(
    current === renderEventsDoc(),
    `${EVENTS_DOC_PATH} is stale: run node scripts/gen-events-doc.ts`,
  ).toBe(true);
});

it('docs/events.md has a section with a field table for every documented event', () => {
  const text = renderEventsDoc();
  for (const name of documentedEventNames) {
    expect(text).toMatch(
      new RegExp(`^### ${name}\\n\\n.+\\n\\n\\| Field +\\| Type +\\| Required \\| Description +\\|$`, 'm'),
    );
  }
});
