import fc from 'fast-check';

/**
 * Malformed requests for every operation of an OpenAPI document: the careless client and the attacker
 * of issue 13. Each case starts from a plausible request built from the schema and breaks one thing.
 */
type Schema = {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: unknown[];
  example?: unknown;
  default?: unknown;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  allOf?: Schema[];
  oneOf?: Schema[];
  anyOf?: Schema[];
};

interface OpenApiDocument {
  paths: Record<
    string,
    Record<
      string,
      {
        parameters?: { name: string; in: string; schema?: Schema }[];
        requestBody?: { content?: Record<string, { schema?: Schema }> };
      }
    >
  >;
  components?: { schemas?: Record<string, Schema> };
}

export interface Operation {
  method: string;
  path: string;
  pathParams: string[];
  queryParams: string[];
  body?: Schema;
}

export interface FuzzCase {
  method: string;
  url: string;
  body?: string;
  contentType?: string;
  /** what was broken, for the failure report */
  mutation: string;
}

export function operationsOf(document: OpenApiDocument): Operation[] {
  const operations: Operation[] = [];
  for (const [path, methods] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(methods)) {
      const parameters = operation.parameters ?? [];
      operations.push({
        method: method.toUpperCase(),
        path,
        pathParams: parameters.filter((p) => p.in === 'path').map((p) => p.name),
        queryParams: parameters.filter((p) => p.in === 'query').map((p) => p.name),
        body: operation.requestBody?.content?.['application/json']?.schema,
      });
    }
  }
  return operations;
}

function resolve(document: OpenApiDocument, schema: Schema | undefined, depth = 0): Schema {
  if (!schema || depth > 8) return {};
  if (schema.$ref) {
    const name = schema.$ref.split('/').pop()!;
    return resolve(document, document.components?.schemas?.[name], depth + 1);
  }
  const combined = schema.allOf ?? schema.oneOf ?? schema.anyOf;
  if (combined?.length) return resolve(document, combined[0], depth + 1);
  return schema;
}

/** A plausible value for a schema (examples, defaults, enums, then a placeholder per type). */
function plausible(document: OpenApiDocument, raw: Schema | undefined, depth = 0): unknown {
  const schema = resolve(document, raw);
  if (schema.example !== undefined) return schema.example;
  if (schema.default !== undefined) return schema.default;
  if (schema.enum?.length) return schema.enum[0];
  switch (schema.type) {
    case 'string':
      if (schema.format === 'uuid') return '00000000-0000-4000-8000-000000000000';
      if (schema.format === 'date') return '2026-01-01';
      if (schema.format === 'date-time') return '2026-01-01T00:00:00Z';
      if (schema.format === 'email') return 'someone@example.test';
      if (schema.format === 'uri') return 'https://example.test/hook';
      return 'text';
    case 'integer':
    case 'number':
      return 1;
    case 'boolean':
      return true;
    case 'array':
      return depth > 4 ? [] : [plausible(document, schema.items, depth + 1)];
    case 'object':
    default: {
      if (!schema.properties || depth > 4) return schema.type === 'object' ? {} : 'text';
      return Object.fromEntries(
        Object.entries(schema.properties).map(([key, value]) => [key, plausible(document, value, depth + 1)]),
      );
    }
  }
}

function deep(levels: number): unknown {
  let value: unknown = 'x';
  for (let i = 0; i < levels; i++) value = { a: value };
  return value;
}

/** Values a field should never make the server fail on. */
export const malformedValue = fc.constantFrom<unknown>(
  null,
  '',
  'a\u0000b',
  '\u0000',
  '\ud800',
  'x\udfffy',
  'x'.repeat(20_000),
  '😀'.repeat(500),
  "'; DROP TABLE tasks; --",
  '../../etc/passwd',
  '%C0%AE',
  'not-a-uuid',
  '00000000-0000-0000-0000-000000000000',
  '2026-02-31',
  '9999-99-99T99:99:99Z',
  '99999999999999999999999',
  'NaN',
  -1,
  0,
  1.5,
  -2147483649,
  2 ** 53 + 1,
  1e308,
  true,
  false,
  [],
  [null],
  ['a\u0000'],
  {},
  { $gt: '' },
  deep(100),
);

/** Strings for a path or query value, already percent-encoded where the attack needs it raw. */
export const malformedUrlValue = fc.constantFrom(
  'not-a-uuid',
  '%00',
  'a%00b',
  '%C0%AE',
  '%ED%A0%80',
  '%FF',
  '%',
  'a'.repeat(3000),
  '00000000-0000-4000-8000-000000000000',
  '-1',
  '0',
  '99999999999999999999999',
  '1e308',
  '..%2F..%2Fetc',
  '%27%3B%20DROP',
  'eyJhIjoxfQ',
  'WzEsMl0',
  'bnVsbA',
  '2026-02-31',
  '',
  '%20',
  'true',
);

const wholeBodies = fc.constantFrom(
  { body: 'null', mutation: 'body null' },
  { body: '[]', mutation: 'body []' },
  { body: '"text"', mutation: 'body string' },
  { body: '42', mutation: 'body number' },
  { body: '{', mutation: 'body truncated' },
  { body: '', mutation: 'body empty' },
  { body: `${'['.repeat(5000)}${']'.repeat(5000)}`, mutation: 'body 5,000 levels' },
  { body: JSON.stringify(deep(70)), mutation: 'body 70 levels' },
  { body: '{"__proto__":{"admin":true}}', mutation: 'body __proto__' },
  { body: '{"constructor":{"prototype":{"x":1}}}', mutation: 'body constructor' },
  { body: '{"unexpected_field":1}', mutation: 'unknown field' },
);

const queryNames = [
  'cursor',
  'limit',
  'sort',
  'fields',
  'after',
  'from',
  'to',
  'filter[q]',
  'filter[status]',
];

/** Fuzz cases for one operation: break a path parameter, a query value, a body field, or the whole body. */
export function fuzzCases(
  document: OpenApiDocument,
  operation: Operation,
  validIds: string[],
): fc.Arbitrary<FuzzCase> {
  const bodySchema = resolve(document, operation.body);
  const base = operation.body ? (plausible(document, operation.body) as Record<string, unknown>) : undefined;
  const fields = Object.keys(bodySchema.properties ?? {});
  const idValue = fc.constantFrom(...validIds);
  const pathValues = fc.record(
    Object.fromEntries(operation.pathParams.map((name) => [name, fc.oneof(idValue, malformedUrlValue)])),
  ) as fc.Arbitrary<Record<string, string>>;
  const query = fc.array(
    fc.tuple(fc.constantFrom(...operation.queryParams, ...queryNames), malformedUrlValue),
    { maxLength: 3 },
  );
  const bodyless = operation.method === 'GET' || operation.method === 'HEAD';
  const bodyCase: fc.Arbitrary<{ body?: string; mutation: string }> = bodyless
    ? fc.constant({ mutation: 'no body' })
    : base
      ? fc.oneof(
          wholeBodies,
          fields.length > 0
            ? fc.tuple(fc.constantFrom(...fields), malformedValue).map(([field, value]) => ({
                body: JSON.stringify({ ...base, [field]: value }),
                mutation: `${field}=${JSON.stringify(value)?.slice(0, 40)}`,
              }))
            : wholeBodies,
          fc.constant({ body: JSON.stringify(base), mutation: 'plausible body' }),
        )
      : fc.oneof(fc.constant({ mutation: 'no body' }), wholeBodies);
  return fc.tuple(pathValues, query, bodyCase).map(([params, queryPairs, body]) => {
    const path = operation.path.replace(/\{([^}]+)\}/g, (_, name: string) => params[name] ?? 'x');
    const search = queryPairs.map(([name, value]) => `${encodeURIComponent(name)}=${value}`).join('&');
    return {
      method: operation.method,
      url: search ? `${path}?${search}` : path,
      body: body.body,
      contentType: body.body === undefined ? undefined : 'application/json',
      mutation: `${body.mutation}${search ? ` ?${search.slice(0, 60)}` : ''}`,
    };
  });
}

export interface FuzzFailure {
  case: string;
  status: number;
  body: string;
}

/** Sends one case; returns why it failed (5xx, or an error outside the envelope) or undefined. */
export async function sendCase(
  baseUrl: string,
  token: string,
  fuzz: FuzzCase,
): Promise<FuzzFailure | undefined> {
  const response = await fetch(`${baseUrl}${fuzz.url}`, {
    method: fuzz.method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(fuzz.contentType ? { 'content-type': fuzz.contentType } : {}),
    },
    body: fuzz.body,
    redirect: 'manual',
  });
  const text = await response.text();
  const label = `${fuzz.method} ${fuzz.url.slice(0, 120)} [${fuzz.mutation}]`;
  if (response.status >= 500) return { case: label, status: response.status, body: text.slice(0, 300) };
  if (response.status < 400) return undefined;
  let parsed: { error?: { code?: unknown; message?: unknown; details?: unknown } } | undefined;
  try {
    parsed = JSON.parse(text) as typeof parsed;
  } catch {
    parsed = undefined;
  }
  const error = parsed?.error;
  const inEnvelope =
    typeof error?.code === 'string' && typeof error.message === 'string' && Array.isArray(error.details);
  return inEnvelope ? undefined : { case: label, status: response.status, body: text.slice(0, 300) };
}
