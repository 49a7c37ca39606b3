import 'reflect-metadata';
import { graphql } from 'graphql';
import { applyMiddleware } from 'graphql-middleware';
import { deny, shield } from 'graphql-shield';
import { Field, ObjectType, Query, Resolver, buildSchema } from 'type-graphql';
import { buildBareSchema } from '../graphql/schema';
import { withDisclosure } from '../policy/decision';
import { AccessBuffer } from '../audit/access-buffer';
import { CreditInfo, Open } from './field-tags';
import { compilePrivacyLayer } from './privacy-layer';
import { buildRuleMap } from './rule-map';

const maskers = { NAME: (v: string) => `${v[0]}**`, ID_NUMBER: () => '***', PHONE: () => '***', ADDRESS: () => '***', BANK_ACCOUNT: () => '***', HEALTH: () => '***' };

@ObjectType()
class Probe {
  @Field() @Open() open!: string;
  @Field({ nullable: true }) @CreditInfo('secret') secret!: string;
  @Field({ nullable: true }) @CreditInfo('name') name!: string;
  @Field({ nullable: true }) forgotten!: string;
}

let decided = true;

@Resolver()
class ProbeResolver {
  @Query(() => [Probe]) @Open()
  probes(): Probe[] {
    const value = { open: 'o', secret: 's', name: '王建军', forgotten: 'f' };
    if (!decided) return [value as Probe];
    return [withDisclosure(value, {
      itemCode: 'X', subjectId: 1, visible: true, basis: 'PUBLISH', envelope: { effect: 'ALLOW', reason: 'PUBLISHED' },
      fields: {
        secret: { effect: 'DENY', reason: 'FIELD_NOT_PUBLISHED', code: 'FORBIDDEN' },
        name: { effect: 'MASK', reason: 'PERSONAL', personal: 'NAME' },
      },
    }) as Probe];
  }
}

async function guardedProbe() {
  const schema = await buildSchema({ resolvers: [ProbeResolver], validate: false });
  const ruleMap = buildRuleMap(schema);
  const compiled = compilePrivacyLayer(schema, ruleMap, shield(ruleMap, { fallbackRule: deny }), maskers);
  return { compiled, schema: applyMiddleware(schema, compiled.middleware) };
}

describe('the compiled privacy layer', () => {
  afterEach(() => { decided = true; });

  it('leaves open fields unwrapped, runs lookup rules synchronously and leaves the rest to shield', async () => {
    const { compiled } = await guardedProbe();
    // Probe.open is Open; Query.probes is Open but returns guarded objects (noted as revealed);
    // secret and name are lookups; forgotten has no rule.
    expect(compiled.counts).toEqual({ unwrapped: 1, lookup: 2, shield: 1, revealing: 1, counting: 0 });
    const served = compilePrivacyLayer(await buildBareSchema(), buildRuleMap(await buildBareSchema()),
      shield(buildRuleMap(await buildBareSchema()), { fallbackRule: deny }), maskers);
    // On the served schema only root operations (action rules) keep shield's async wrapper.
    expect(served.counts.lookup).toBeGreaterThan(50);
    expect(served.counts.unwrapped).toBeGreaterThan(50);
    const roots = Object.keys((await buildBareSchema()).getQueryType()!.getFields()).length
      + Object.keys((await buildBareSchema()).getMutationType()!.getFields()).length;
    expect(served.counts.shield).toBe(roots);
  });

  it('answers a credit field without a promise: the decision is a lookup', async () => {
    const { compiled } = await guardedProbe();
    const wrapper = (compiled.middleware as any).Probe.name as Function;
    const parent = (new ProbeResolver().probes())[0];
    const out = wrapper((p: any) => p.name, parent, {}, { accessBuffer: undefined }, {});
    expect(out).toBe('王**');
  });

  it('denies, masks and allows as the rules say, and still denies an untagged field by default', async () => {
    const { schema } = await guardedProbe();
    const result = await graphql({ schema, source: '{ probes { open secret name } }', contextValue: {} });
    expect(result.data).toEqual({ probes: [{ open: 'o', secret: null, name: '王**' }] });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'FIELD_NOT_PUBLISHED' });
    const forgotten = await graphql({ schema, source: '{ probes { forgotten } }', contextValue: {} });
    expect(forgotten.errors?.[0]?.message).toBe('Not Authorised!');
  });

  it('logs for a non-public caller that a guarded object exists, even when none of its guarded fields is read', async () => {
    const { schema } = await guardedProbe();
    const buffer = new AccessBuffer({ at: 't', requestId: 'r', clientRequestId: null, principal: 'p', role: 'PARTNER', agencyCode: 'A', purpose: 'P' });
    await graphql({ schema, source: '{ probes { __typename open } }', contextValue: { accessBuffer: buffer } });
    expect(buffer.entries('query Q')).toEqual([
      expect.objectContaining({ subjectId: 1, itemCode: 'X', fieldPath: 'probes.0{}', decision: 'ALLOW', reason: 'EXISTS:PUBLISH' }),
    ]);
    // A field read is the row; existence is not logged twice.
    const read = new AccessBuffer({ at: 't', requestId: 'r', clientRequestId: null, principal: 'p', role: 'PARTNER', agencyCode: 'A', purpose: 'P' });
    await graphql({ schema, source: '{ probes { name } }', contextValue: { accessBuffer: read } });
    expect(read.entries('query Q').map((e) => e.fieldPath)).toEqual(['probes.0{name}']);
  });

  it('fails closed on an object that carries no decision', async () => {
    decided = false;
    const { schema } = await guardedProbe();
    const result = await graphql({ schema, source: '{ probes { open name } }', contextValue: {} });
    expect(result.data).toEqual({ probes: [{ open: 'o', name: null }] });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'NO_DECISION' });
  });
});
