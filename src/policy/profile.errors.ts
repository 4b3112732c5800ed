// Turns TypeBox validation errors into messages an administrator can act on: the key path, what
// is wrong and what is allowed, e.g. `hotLists.generalDownloadIntervalHours: must be ≤ 24, got 48 [R6]`.
import type { TSchema } from 'typebox';
import { Value } from 'typebox/value';
import { AppError } from '../platform/errors.js';

/** A policy profile that cannot be used. `issues` holds one line per problem. */
export class ProfileError extends AppError {
  constructor(
    readonly source: string,
    readonly issues: readonly string[],
  ) {
    super(
      'policy_profile_invalid',
      422,
      `Policy profile ${source} is invalid:\n  ${issues.join('\n  ')}`,
      issues[0]?.split(':')[0],
      issues.map((line) => ({ field: line.split(':')[0] ?? '', message: line })),
    );
    this.name = 'ProfileError';
  }
}

type Node = Record<string, unknown>;
const asNode = (schema: unknown): Node => (typeof schema === 'object' && schema !== null ? (schema as Node) : {});

/** `/retention/fixedReads/maxDays` → `retention.fixedReads.maxDays`; array indices as `[0]`. */
export function dottedPath(pointer: string, extra?: string): string {
  const parts = pointer.split('/').slice(1).map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (extra !== undefined) parts.push(extra);
  return parts.reduce((out, part) => (/^\d+$/.test(part) ? `${out}[${part}]` : out ? `${out}.${part}` : part), '') || '(document)';
}

/** The sub-schema at an instance pointer (object properties, record values, array items). */
function schemaAt(root: TSchema, pointer: string): Node {
  let node = asNode(root);
  for (const part of pointer.split('/').slice(1)) {
    const props = asNode(node['properties']);
    if (part in props) node = asNode(props[part]);
    else if (node['items']) node = asNode(node['items']);
    else if (node['patternProperties']) node = asNode(Object.values(asNode(node['patternProperties']))[0]);
    else return {};
  }
  return node;
}

const show = (v: unknown) => JSON.stringify(v);

/** What a schema accepts, in words. */
export function allowedText(schema: Node): string {
  if ('const' in schema) return show(schema['const']);
  const anyOf = schema['anyOf'];
  if (Array.isArray(anyOf)) {
    const branches = anyOf.map(asNode);
    if (branches.every((b) => 'const' in b)) return `one of ${branches.map((b) => show(b['const'])).join(', ')}`;
    return branches.map(allowedText).join(' or ');
  }
  const min = schema['minimum'];
  const max = schema['maximum'];
  const range = min !== undefined && max !== undefined ? ` from ${min} to ${max}` : min !== undefined ? ` ≥ ${min}` : max !== undefined ? ` ≤ ${max}` : '';
  switch (schema['type']) {
    case 'integer': return `an integer${range}`;
    case 'number': return `a number${range}`;
    case 'boolean': return 'true or false';
    case 'null': return 'null';
    case 'string': return schema['pattern'] ? `text matching ${schema['pattern']}` : 'text';
    case 'array': return `a list of ${allowedText(asNode(schema['items']))}`;
    case 'object': {
      const keys = Object.keys(asNode(schema['properties']));
      return keys.length ? `a mapping with keys ${keys.join(', ')}` : 'a mapping';
    }
    default: return 'a value';
  }
}

/** `[R6]` from a description that cites requirements. */
function citation(schema: Node): string {
  const match = /^(R\d+(?:[–,-]\s?R?\d+)*)/.exec(String(schema['description'] ?? ''));
  return match ? ` [${match[1]}]` : '';
}

function valueAt(value: unknown, pointer: string): unknown {
  let node = value;
  for (const part of pointer.split('/').slice(1)) node = asNode(node)[part];
  return node;
}

/** Every schema problem of `value`, one line each, in document order, without duplicates. */
export function schemaIssues(schema: TSchema, value: unknown): string[] {
  const errors = [...Value.Errors(schema, value)];
  const unions = errors.filter((e) => e.keyword === 'anyOf');
  const lines: string[] = [];
  for (const error of errors) {
    const { instancePath: at, keyword } = error;
    // A union reports each failed branch too; keep only the union's own error.
    if (keyword !== 'anyOf' && unions.some((u) => u.instancePath === at && error.schemaPath.startsWith(`${u.schemaPath}/anyOf/`))) continue;
    if (keyword === 'boolean') continue; // "schema is false": reported as additionalProperties below
    const found = schemaAt(schema, at);
    // Array items carry no description of their own: cite the list's (never mutate the schema).
    const sub = found['description'] === undefined ? { ...found, description: schemaAt(schema, at.replace(/\/[^/]*$/, ''))['description'] } : found;
    const got = valueAt(value, at);
    const here = dottedPath(at);
    if (keyword === 'required') {
      for (const key of (error.params as { requiredProperties: string[] }).requiredProperties) {
        const child = asNode(asNode(sub['properties'])[key]);
        lines.push(`${dottedPath(at, key)}: is missing; must be ${allowedText(child)}${citation(child)}`);
      }
    } else if (keyword === 'additionalProperties') {
      const allowed = Object.keys(asNode(sub['properties'])).join(', ');
      for (const key of (error.params as { additionalProperties: string[] }).additionalProperties)
        lines.push(`${dottedPath(at, key)}: is not a known key; allowed here: ${allowed}`);
    } else if (keyword === 'minimum' || keyword === 'maximum') {
      const { limit } = error.params as { limit: number };
      lines.push(`${here}: must be ${keyword === 'minimum' ? '≥' : '≤'} ${limit}, got ${show(got)}${citation(sub)}`);
    } else if (keyword === 'type' || keyword === 'anyOf' || keyword === 'const') {
      lines.push(`${here}: must be ${allowedText(sub)}, got ${show(got)}${citation(sub)}`);
    } else if (keyword === 'uniqueItems') {
      lines.push(`${here}: must not repeat an item, got ${show(got)}${citation(sub)}`);
    } else {
      lines.push(`${here}: ${error.message}; must be ${allowedText(sub)}, got ${show(got)}${citation(sub)}`);
    }
  }
  return [...new Set(lines)];
}
