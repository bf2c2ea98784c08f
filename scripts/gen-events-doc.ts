// Writes docs/events.md from the event schemas: field names and types from the zod schema objects
// themselves, descriptions from their TSDoc comments (read with the TypeScript compiler API), so the
// reference cannot drift from what the SDK validates.
//
//   node scripts/gen-events-doc.ts           rewrite docs/events.md
//   node scripts/gen-events-doc.ts --check   exit 1 when docs/events.md is stale
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import type * as z from 'zod/mini';
import { liveOnlyEventNames } from '../src/events/live-names.ts';
import { legacyEventTypes, normalizeEventName } from '../src/events/names.ts';
import {
  canonicalEventName,
  documentedEventNames,
  rteEventSchemas,
  rteHelperSchemas,
} from '../src/events/registry.ts';
import { dateTime, envelope as envelopeShape, guid } from '../src/events/schemas/common.ts';

const root = new URL('../', import.meta.url);
const schemaDir = new URL('src/events/schemas/', root);
/** Where the generated page lives, relative to the repository root. */
export const EVENTS_DOC_PATH = 'docs/events.md';

/** A documented object literal: its own comment and one comment per field, in source order. */
interface DocumentedObject {
  readonly description: string;
  readonly fields: Map<string, string>;
  /** Names of the object literals spread into this one (`...envelope`). */
  readonly spreads: string[];
}

interface Domain {
  readonly title: string;
  readonly subscribeWith: string;
}

// The schema maps of each domain file, and what their events are about.
const domains: Record<string, Domain> = {
  userEventSchemas: { title: 'User events', subscribeWith: 'a user id' },
  queueEventSchemas: { title: 'Queue events', subscribeWith: 'a queue id' },
  callbackEventSchemas: { title: 'Call list events', subscribeWith: 'a call list id' },
};

function commentOf(node: ts.Node): string {
  const docs = ts.getJSDocCommentsAndTags(node).filter(ts.isJSDoc);
  const text = docs.map((doc) => ts.getTextOfJSDocComment(doc.comment) ?? '').join(' ');
  return text
    .replace(/\{@link\s+([^}|\s]+)(?:\s*\|[^}]*)?\}/g, '`$1`')
    .replace(/\s+/g, ' ')
    .trim();
}

function propertyName(name: ts.PropertyName): string {
  if (ts.isIdentifier(name) || ts.isStringLiteral(name)) return name.text;
  throw new Error(`unsupported property name ${name.getText()}`);
}

/** Every top-level `const` of a schema file, by name. */
function constants(file: string): Map<string, ts.Expression> {
  const path = new URL(file, schemaDir);
  const source = ts.createSourceFile(path.pathname, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, true);
  const out = new Map<string, ts.Expression>();
  for (const statement of source.statements) {
    if (!ts.isVariableStatement(statement)) continue;
    for (const declaration of statement.declarationList.declarations) {
      if (ts.isIdentifier(declaration.name) && declaration.initializer) {
        out.set(declaration.name.text, declaration.initializer);
      }
    }
  }
  return out;
}

const common = constants('common.ts');

/** The object literal an expression stands for: `{…}`, `z.looseObject({…})`, or a constant holding one. */
function objectLiteral(
  expression: ts.Expression,
  scope: Map<string, ts.Expression>,
): ts.ObjectLiteralExpression {
  if (ts.isObjectLiteralExpression(expression)) return expression;
  if (ts.isCallExpression(expression) && expression.arguments[0]) {
    return objectLiteral(expression.arguments[0], scope);
  }
  if (ts.isIdentifier(expression)) {
    const target = scope.get(expression.text) ?? common.get(expression.text);
    if (target) return objectLiteral(target, scope);
  }
  throw new Error(`cannot read an object literal from ${expression.getText()}`);
}

function documented(expression: ts.Expression, scope: Map<string, ts.Expression>): DocumentedObject {
  const literal = objectLiteral(expression, scope);
  const fields = new Map<string, string>();
  const spreads: string[] = [];
  for (const member of literal.properties) {
    if (ts.isSpreadAssignment(member)) {
      spreads.push(member.expression.getText());
      for (const [name, text] of documented(member.expression, scope).fields) fields.set(name, text);
    } else if (ts.isPropertyAssignment(member)) {
      fields.set(propertyName(member.name), commentOf(member));
    }
  }
  return { description: commentOf(literal.parent), fields, spreads };
}

/** Events and helper types as the domain files document them. */
function readSchemaFiles(): {
  events: Map<string, DocumentedObject & { domain: string }>;
  helpers: Map<string, DocumentedObject>;
} {
  const events = new Map<string, DocumentedObject & { domain: string }>();
  const helpers = new Map<string, DocumentedObject>();
  for (const file of ['user.ts', 'queue.ts', 'callback.ts']) {
    const scope = constants(file);
    for (const [constName, initializer] of scope) {
      if (!ts.isObjectLiteralExpression(initializer)) continue;
      const isEvents = constName.endsWith('EventSchemas');
      if (!isEvents && !constName.endsWith('HelperSchemas')) continue;
      for (const member of initializer.properties) {
        if (!ts.isPropertyAssignment(member)) continue;
        const name = propertyName(member.name);
        const object = documented(member.initializer, scope);
        // A helper defined as a constant carries its comment there; the map entry may repeat it.
        const description = commentOf(member) || object.description;
        if (isEvents) events.set(name, { ...object, description, domain: constName });
        else helpers.set(name, { ...object, description });
      }
    }
  }
  return { events, helpers };
}

type AnySchema = z.ZodMiniType;
type Def = { type: string } & Record<string, unknown>;

const defOf = (schema: AnySchema): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;

const helperBySchema = new Map<unknown, string>(Object.entries(rteHelperSchemas).map(([n, s]) => [s, n]));

/** The TypeScript-like type of a schema, e.g. `Guid | null`; `optional` when the field may be absent. */
function describeType(schema: AnySchema): { type: string; optional: boolean } {
  const def = defOf(schema);
  switch (def.type) {
    case 'optional': {
      const inner = describeType(def.innerType as AnySchema);
      return { type: inner.type, optional: true };
    }
    case 'nullable':
      return { type: `${describeType(def.innerType as AnySchema).type} | null`, optional: false };
    case 'string':
      return {
        type: schema === guid ? 'Guid' : schema === dateTime ? 'DateTime' : 'string',
        optional: false,
      };
    case 'number':
    case 'boolean':
      return { type: def.type, optional: false };
    case 'array': {
      const element = describeType(def.element as AnySchema).type;
      return { type: element.includes(' ') ? `(${element})[]` : `${element}[]`, optional: false };
    }
    case 'record': {
      const key = describeType(def.keyType as AnySchema).type;
      const value = describeType(def.valueType as AnySchema).type;
      return { type: `Record<${key}, ${value}>`, optional: false };
    }
    case 'union':
      return {
        type: (def.options as AnySchema[]).map((option) => describeType(option).type).join(' | '),
        optional: false,
      };
    case 'object':
      return { type: helperBySchema.get(schema) ?? 'object', optional: false };
    default:
      return { type: def.type, optional: false };
  }
}

function shapeOf(schema: AnySchema): Record<string, AnySchema> {
  const def = defOf(schema);
  if (def.type !== 'object') throw new Error(`expected an object schema, got ${def.type}`);
  return def.shape as Record<string, AnySchema>;
}

const cell = (text: string) => text.replace(/\|/g, '\\|');

function fieldTable(
  owner: string,
  shape: Record<string, AnySchema>,
  docs: DocumentedObject,
  skip: ReadonlySet<string> = new Set(),
): string[] {
  const rows = ['| Field | Type | Required | Description |', '| --- | --- | --- | --- |'];
  for (const [field, fieldSchema] of Object.entries(shape)) {
    if (skip.has(field)) continue;
    const description = docs.fields.get(field);
    if (!description) throw new Error(`${owner}.${field} has no TSDoc comment in src/events/schemas/`);
    const { type, optional } = describeType(fieldSchema);
    rows.push(`| \`${field}\` | \`${cell(type)}\` | ${optional ? 'no' : 'yes'} | ${cell(description)} |`);
  }
  return rows;
}

const anchor = (heading: string) =>
  heading
    .toLowerCase()
    .replace(/[^a-z0-9 -]/g, '')
    .replace(/ /g, '-');

/** Formats Markdown the way `biome check` wants it (aligned tables), so the lint step accepts the page. */
function formatMarkdown(text: string): string {
  const result = spawnSync(
    fileURLToPath(new URL('node_modules/.bin/biome', root)),
    ['format', `--stdin-file-path=${EVENTS_DOC_PATH}`],
    { input: text, encoding: 'utf8', cwd: fileURLToPath(root) },
  );
  if (result.status !== 0) throw new Error(`biome could not format ${EVENTS_DOC_PATH}: ${result.stderr}`);
  return result.stdout;
}

/** The whole of docs/events.md, as the schemas describe the events today. */
export function renderEventsDoc(): string {
  return formatMarkdown(renderUnformatted());
}

function renderUnformatted(): string {
  const { events, helpers } = readSchemaFiles();
  const envelope = documented(common.get('envelope')!, common);
  const envelopeFields = new Set(envelope.fields.keys());
  const lines: string[] = [];
  const out = (...more: string[]) => lines.push(...more);

  out(
    '# Events reference',
    '',
    '<!-- Generated by scripts/gen-events-doc.ts from src/events/schemas/. Do not edit by hand. -->',
    '',
    `The SDK knows the ${documentedEventNames.length} events of the published RTE reference. Each arrives`,
    'validated, with camelCase keys whatever casing the hub sends, and typed by its name:',
    '',
    '```ts',
    "rte.on('QueueStatus', (queue) => console.log(queue.queueName, queue.nbrOfQueuingRequesters));",
    '```',
    '',
    'How to read the tables:',
    '',
    '- **Type**: `Guid` and `DateTime` are strings on the wire: a GUID such as',
    '  `aa9730c4-ce86-e611-80c9-00505689257e`, and a UTC time such as `2023-10-19T14:21:19.7009158Z`',
    '  (read it with `parseRteTime`; year 9999 means "no end", see `isOpenEnded`). `| null` marks',
    '  fields the service may send as `null`.',
    '- **Required**: `no` means the field may be missing (servers older than the reference lack some).',
    '  A field with the wrong type is reported on the `error` event (`RteValidationError`); with the',
    "  default `validation: 'lenient'` the event is still delivered.",
    "- Fields the SDK does not know are kept: a newer server's additions reach you untyped.",
    '- Each event also carries the [fields every event carries](#fields-every-event-carries).',
    '',
    "The same types are exported by name (`import type { QueueStatus } from 'enreach-rte'`).",
    '',
    'The zod schemas (`rteEventSchemas`, `rteHelperSchemas`) and the decoders for frames you receive',
    'yourself (`decodeMessage`, `decodeEvent`) come from their own entry, `enreach-rte/events`: zod and',
    'the schemas are two thirds of the SDK, and keeping them out of the main entry keeps them out of a',
    "browser app's first download. `RteClient` loads them when it first connects and",
    'still checks every frame synchronously as it comes in.',
    '',
    '## Contents',
    '',
  );
  for (const [constName, domain] of Object.entries(domains)) {
    const names = documentedEventNames.filter((name) => events.get(name)?.domain === constName);
    out(
      `- [${domain.title}](#${anchor(domain.title)}) (subscribe with ${domain.subscribeWith}): ${names
        .map((name) => `[${name}](#${anchor(name)})`)
        .join(', ')}`,
    );
  }
  out(
    `- [Other documented types](#other-documented-types): ${Object.keys(rteHelperSchemas)
      .map((name) => `[${name}](#${anchor(name)})`)
      .join(', ')}`,
    '- [Events without a schema](#events-without-a-schema)',
    '- [Event names: case, aliases and numbers](#event-names-case-aliases-and-numbers)',
    '',
    '## Fields every event carries',
    '',
    ...fieldTable('envelope', envelopeShape, envelope),
    '',
  );

  for (const [constName, domain] of Object.entries(domains)) {
    out(`## ${domain.title}`, '', `Subscribe with ${domain.subscribeWith}.`, '');
    for (const name of documentedEventNames) {
      const docs = events.get(name);
      if (docs?.domain !== constName) continue;
      const skip = docs.spreads.includes('envelope') ? envelopeFields : new Set<string>();
      out(`### ${name}`, '', docs.description || '(no description)', '');
      out(...fieldTable(name, shapeOf(rteEventSchemas[name]), docs, skip), '');
    }
  }
  for (const name of documentedEventNames) {
    if (!events.has(name)) throw new Error(`${name} is in the registry but not in a domain file`);
  }

  out(
    '## Other documented types',
    '',
    "The reference also documents these types: the items of `CallbackChanged`'s lists, and a queue's",
    'members and groups. They are exported by name as well, and `rteHelperSchemas` (from `enreach-rte/events`) validates them.',
    '',
  );
  for (const [name, schema] of Object.entries(rteHelperSchemas)) {
    const docs = helpers.get(name);
    if (!docs) throw new Error(`helper type ${name} is not documented in a domain file`);
    out(
      `### ${name}`,
      '',
      docs.description || '(no description)',
      '',
      ...fieldTable(name, shapeOf(schema), docs),
      '',
    );
  }

  out(
    '## Events without a schema',
    '',
    'The live service offers more events than the reference documents (`availableSubscriptions()`',
    'returns the authoritative list). The SDK has no schema for these; subscribe to them by name and',
    "they reach `on(name)` and the catch-all `on('*')` untyped, as a plain object with camelCase keys:",
    '',
    ...liveOnlyEventNames.map((name) => `- \`${name}\``),
    '',
    'Any other name the hub sends is delivered the same way (`message.known` is `false`), never dropped.',
    '',
    '## Event names: case, aliases and numbers',
    '',
    'The hub treats event names case-insensitively (its subscription results come back lower-cased),',
    'and the reference spells some names two ways. The SDK hands every event to your listeners under',
    'one canonical name, and `subscribe()` accepts any spelling:',
    '',
    '| Name as written | Name your listeners see |',
    '| --- | --- |',
  );
  for (const spelling of [
    'userstatus',
    'UserCallIncoming',
    'UserTerminalStatusEvent',
    'queuecallinarrived',
    'SomethingNew',
  ]) {
    const canonical = canonicalEventName(spelling) ?? normalizeEventName(spelling);
    out(`| \`${spelling}\` | \`${canonical}\` |`);
  }
  out(
    '',
    'Older servers sent a number in `eventType` instead of the name. The SDK maps the known numbers',
    "(and otherwise routes by the subscription's event name):",
    '',
    '| `eventType` | Event |',
    '| --- | --- |',
    ...[...legacyEventTypes].map(([number, name]) => `| \`${number}\` | \`${name}\` |`),
    '',
  );
  return lines.join('\n');
}

if (import.meta.main) {
  const path = new URL(EVENTS_DOC_PATH, root);
  const text = renderEventsDoc();
  if (process.argv.includes('--check')) {
    const current = readFileSync(path, 'utf8');
    if (current !== text) {
      process.stderr.write(`${EVENTS_DOC_PATH} is stale: run node scripts/gen-events-doc.ts\n`);
      process.exitCode = 1;
    }
  } else {
    writeFileSync(path, text);
    process.stdout.write(`wrote ${EVENTS_DOC_PATH}\n`);
  }
}
