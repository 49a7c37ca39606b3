/**
 * Hostile text in every string argument of every root field, and malformed or oversized
 * identifiers: the answer is a specific error or an ordinary (empty) answer, never an
 * internal error. The argument positions are read from the schema, so a new field is
 * attacked the day it is added.
 */
import 'reflect-metadata';
import {
  getNamedType, getNullableType, isEnumType, isInputObjectType, isListType, isNonNullType, isScalarType,
  type GraphQLArgument, type GraphQLField, type GraphQLInputField, type GraphQLInputType,
} from 'graphql';
import { buildBareSchema } from '../../src/graphql/schema';
import { tagOf } from '../../src/shield/rule-map';
import { ACTIONS } from '../../src/policy/actions';
import type { Role } from '../../src/auth/principal';
import { expectStillServing } from '../support/attacks';
import { builder, uniqueUscc, type BuiltSubject } from '../support/builders';
import { codeOf, messageOf, opaque } from '../support/responses';
import { authHeaders, startTestServer, type GraphQLResponse, type TestServer } from '../support/server';

let server: TestServer;
/** The company the portal looks up between attacks, and the subject the SUBJECT token is. */
let steel: BuiltSubject;
beforeAll(async () => {
  server = await startTestServer({ seed: false });
  const build = builder(server);
  await build.agencies('NDRC', 'SAMR', 'SAMR_320000', 'SAMR_320100', 'SAMR_320106');
  await build.agency({ code: 'JS_PRTC', system: 'PRTC', level: 'PROVINCE', region: '320000', kind: 'PARTNER' });
  steel = await build.legalPerson({ name: '南京钢铁联合有限公司', region: '320100' });
  await build.penalty(steel, { by: 'SAMR_320106', decisionDate: '2025-06-10' });
}, 120_000);
afterAll(() => server.close());

const PAYLOADS: Record<string, string> = {
  'SQL quote': "' OR '1'='1' --",
  'SQL statement': "'); DROP TABLE subjects; --",
  'LIKE wildcards': '%_%\\',
  'pg_sleep': "1' AND pg_sleep(5) IS NULL --",
  'NUL byte': 'a\u0000b',
  'control characters': '\u0007\u0008\u001b[2J\u007f',
  'bidi override': '\u202e南京\u202d',
  'lone surrogate': '\ud800x',
  'very long (100 000 characters)': '字'.repeat(100_000),
};

const HEADERS: Record<Role, () => Promise<Record<string, string>>> = {
  PUBLIC: async () => ({}),
  SUBJECT: () => authHeaders({ role: 'SUBJECT', subject: steel.id }),
  PARTNER: () => authHeaders({ role: 'PARTNER', agency: 'JS_PRTC' }, 'PUBLIC_RESOURCE_TRADING'),
  DEPARTMENT: () => authHeaders({ role: 'DEPARTMENT', agency: 'SAMR_320106' }, 'CREDIT_SUPERVISION'),
  CATALOG_ADMIN: () => authHeaders({ role: 'CATALOG_ADMIN', agency: 'NDRC' }),
  AUDITOR: () => authHeaders({ role: 'AUDITOR', agency: 'NDRC' }, 'AUDIT'),
};

const BENIGN: Record<string, unknown> = { LocalDate: '2026-06-01', DateTime: '2026-06-01T00:00:00Z', Decimal: '1', Int: 1, Float: 1, Boolean: false };

/** A value for `type` with `payload` at the one string position `target`, benign values elsewhere. */
function valueFor(type: GraphQLInputType, path: string, target: string, payload: string): unknown {
  const inner = getNullableType(type);
  if (isListType(inner)) return [valueFor(inner.ofType, path, target, payload)];
  if (isInputObjectType(inner)) {
    return Object.fromEntries(Object.values(inner.getFields())
      .filter((f) => isNonNullType(f.type) || stringPositions(f.type, `${path}.${f.name}`).length > 0)
      .map((f) => [f.name, valueFor(f.type, `${path}.${f.name}`, target, payload)]));
  }
  if (isEnumType(inner)) return inner.getValues()[0]!.value;
  if (path === target) return payload;
  return BENIGN[(inner as { name: string }).name] ?? '测试abc';
}

/** Every position inside `type` that takes text: String, ID and the string-parsed scalars. */
function stringPositions(type: GraphQLInputType, path: string): string[] {
  const inner = getNullableType(type);
  if (isListType(inner)) return stringPositions(inner.ofType, path);
  if (isInputObjectType(inner)) return Object.values(inner.getFields()).flatMap((f: GraphQLInputField) => stringPositions(f.type, `${path}.${f.name}`));
  return isScalarType(inner) && !['Int', 'Float', 'Boolean'].includes(inner.name) ? [path] : [];
}

interface Case { operation: 'query' | 'mutation'; field: GraphQLField<unknown, unknown>; role: Role; position: string }

async function rootCases(): Promise<Case[]> {
  const schema = await buildBareSchema();
  const preference: Role[] = ['SUBJECT', 'DEPARTMENT', 'PARTNER', 'AUDITOR', 'CATALOG_ADMIN', 'PUBLIC'];
  return (['query', 'mutation'] as const).flatMap((operation) => {
    const root = operation === 'query' ? schema.getQueryType()! : schema.getMutationType()!;
    return Object.values(root.getFields()).flatMap((field) => {
      const tag = tagOf(root, field.name);
      const roles: readonly Role[] = tag?.kind === 'ACTION' ? ACTIONS[tag.action].roles : ['PUBLIC'];
      const role = preference.find((r) => roles.includes(r))!;
      return field.args.flatMap((a: GraphQLArgument) => stringPositions(a.type, a.name)).map((position) => ({ operation, field, role, position }));
    });
  });
}

function operationFor(c: Case, payload: string): { query: string; variables: Record<string, unknown> } {
  const defs = c.field.args.map((a) => `$${a.name}: ${a.type.toString()}`).join(', ');
  const args = c.field.args.map((a) => `${a.name}: $${a.name}`).join(', ');
  const variables = Object.fromEntries(c.field.args
    .filter((a) => isNonNullType(a.type) || c.position === a.name || c.position.startsWith(`${a.name}.`))
    .map((a) => [a.name, valueFor(a.type, a.name, c.position, payload)]));
  const selection = isScalarType(getNamedType(c.field.type)) || isEnumType(getNamedType(c.field.type)) ? '' : '{ __typename }';
  return { query: `${c.operation}${defs ? `(${defs})` : ''} { ${c.field.name}${args ? `(${args})` : ''} ${selection} }`, variables };
}

/** No internal error anywhere in the answer, and every error says something specific. */
function expectHandled(res: GraphQLResponse, label: string): void {
  const internal = (res.body.errors ?? []).filter((e) => e.extensions?.code === 'INTERNAL_SERVER_ERROR' || !e.extensions?.code);
  expect({ label, status: res.status, internal }).toEqual({ label, status: expect.any(Number), internal: [] });
  expect({ label, status: res.status, codes: (res.body.errors ?? []).map((e) => e.extensions?.code) })
    .toEqual({ label, status: res.status < 500 ? res.status : 'below 500', codes: expect.anything() });
}

describe('hostile text in every string argument', () => {
  it('is answered with a specific error or an ordinary answer, for every root field and position', async () => {
    const cases = await rootCases();
    expect(cases.length).toBeGreaterThan(30);
    for (const c of cases) {
      const headers = await HEADERS[c.role]();
      for (const [name, payload] of Object.entries(PAYLOADS)) {
        const { query, variables } = operationFor(c, payload);
        expectHandled(await server.gql(query, variables, headers), `${c.field.name} ${c.position} as ${c.role}: ${name}`);
      }
    }
    await expectStillServing(server, steel);
  }, 300_000);

  it('refuses the NUL byte up front, naming it', async () => {
    const res = await server.gql('query($k: String!) { searchSubjects(keyword: $k) { totalCount } }', { k: '南京\u0000' });
    // A document error under application/json is 200 (GraphQL over HTTP; 400 under application/graphql-response+json).
    expect(res.status).toBe(200);
    expect(codeOf(res)).toBe('BAD_USER_INPUT');
    expect(messageOf(res)).toMatch(/NUL character/);
    await expectStillServing(server, steel);
  });

  it('refuses the NUL byte written as an escape inside the query document', async () => {
    const res = await server.gql('{ searchSubjects(keyword: "南京\\u0000") { totalCount } }');
    expect(codeOf(res)).toBe('BAD_USER_INPUT');
    await expectStillServing(server, steel);
  });

  it('treats SQL in a search keyword as text: nothing is found', async () => {
    const res = await server.gql('query($k: String!) { searchSubjects(keyword: $k) { totalCount } }', { k: "南京' OR '1'='1" });
    expect(res.body).toEqual({ data: { searchSubjects: { totalCount: 0 } } });
  });
});

describe('malformed and oversized identifiers', () => {
  const subject1 = () => authHeaders({ role: 'SUBJECT', subject: steel.id });
  const FILE = 'mutation($id: ID!) { fileObjection(input: { creditRecordId: $id, reason: "罚款金额有误，附缴款凭证。" }) { id } }';

  it.each([
    ['not base64', '!!!'],
    ['empty', ''],
    ['of another type', opaque('Consent', 1)],
    ['a row number beyond any integer column', opaque('CreditRecord', 999_999_999_999_999)],
    ['an earlier release\'s, of a negative row number', Buffer.from('CreditRecord:-1').toString('base64url')],
    ['200 000 characters long', 'A'.repeat(200_000)],
  ])('refuses an opaque id that is %s with BAD_USER_INPUT or NOT_FOUND', async (_, id) => {
    const res = await server.gql(FILE, { id }, await subject1());
    expect(['BAD_USER_INPUT', 'NOT_FOUND']).toContain(codeOf(res));
    expect(res.body.data?.fileObjection ?? null).toBeNull();
    await expectStillServing(server, steel);
  });

  it.each([
    ['a wrong check character', '91320100748204660X', 'INVALID_USCC'],
    ['a space inside', '913201007482 4660Q', 'INVALID_USCC'],
    ['too long', `${uniqueUscc('320100')}${'0'.repeat(10_000)}`, 'INVALID_USCC'],
    ['full-width digits', '９１３２０１００７４８２０４６６０Ｑ', 'INVALID_USCC'],
  ])('refuses a unified social credit code with %s', async (_, code, expected) => {
    const res = await server.gql('query($c: String!) { subject(code: $c) { name } }', { c: code });
    expect(codeOf(res)).toBe(expected);
    await expectStillServing(server, steel);
  });

  it.each([
    ['a wrong check digit', '110101199003078888'],
    ['letters', 'ABCDEFGHIJKLMNOPQR'],
    ['too long', '1'.repeat(50_000)],
    ['an impossible birth date', '110101199002308885'],
  ])('refuses a resident ID number with %s as INVALID_ID_NUMBER', async (_, idNumber) => {
    const res = await server.gql('query($n: String!) { naturalPerson(idNumber: $n) { name } }', { n: idNumber },
      await authHeaders({ role: 'PARTNER', agency: 'JS_PRTC' }, 'PUBLIC_RESOURCE_TRADING'));
    expect(codeOf(res)).toBe('INVALID_ID_NUMBER');
    await expectStillServing(server, steel);
  });
});
