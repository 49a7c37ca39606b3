import 'reflect-metadata';
import { graphql, isNonNullType, isObjectType } from 'graphql';
import { applyMiddleware } from 'graphql-middleware';
import { deny, shield } from 'graphql-shield';
import { Field, ObjectType, Query, Resolver, buildSchema } from 'type-graphql';
import { buildBareSchema } from '../graphql/schema';
import { CreditInfo, Open } from './field-tags';
import { buildRuleMap, tagOf, untaggedFields } from './rule-map';
import { withDisclosure } from '../policy/decision';

@ObjectType()
class Probe {
  @Field() @Open() open!: string;
  @Field({ nullable: true }) @CreditInfo('secret') secret!: string;
  @Field() forgotten!: string;
}

@Resolver()
class ProbeResolver {
  @Query(() => Probe) @Open()
  probe(): Probe {
    const value = { open: 'o', secret: 's', forgotten: 'f' };
    return withDisclosure(value, {
      itemCode: 'X',
      subjectId: 1,
      visible: true,
      envelope: { effect: 'ALLOW', reason: 'PUBLISHED' },
      basis: 'PUBLISH',
      fields: { secret: { effect: 'DENY', reason: 'FIELD_NOT_PUBLISHED', code: 'FORBIDDEN' } },
    }) as Probe;
  }
}

describe('the shield rule map generated from field tags', () => {
  it('leaves no field of the served schema without a tag', async () => {
    expect(untaggedFields(await buildBareSchema())).toEqual([]);
  });

  it('makes every credit field nullable, so a denial never nulls its siblings', async () => {
    const schema = await buildBareSchema();
    const offenders: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (!isObjectType(type) || type.name.startsWith('__')) continue;
      for (const [name, field] of Object.entries(type.getFields())) {
        if (tagOf(type, name)?.kind === 'CREDIT' && isNonNullType(field.type)) offenders.push(`${type.name}.${name}`);
      }
    }
    expect(offenders).toEqual([]);
  });

  it('denies an untagged field through the fallback while its tagged siblings resolve', async () => {
    const schema = await buildSchema({ resolvers: [ProbeResolver], validate: false });
    expect(untaggedFields(schema)).toEqual(['Probe.forgotten']);
    const guarded = applyMiddleware(schema, shield(buildRuleMap(schema), { fallbackRule: deny }));
    const open = await graphql({ schema: guarded, source: '{ probe { open } }', contextValue: {} });
    expect(open).toEqual({ data: { probe: { open: 'o' } } });
    const forgotten = await graphql({ schema: guarded, source: '{ probe { forgotten } }', contextValue: {} });
    expect(forgotten.errors?.[0]?.message).toBe('Not Authorised!');
    expect(forgotten.data).toBeNull();
  });

  it('denies a credit field whose record decision says DENY, with the reason', async () => {
    const schema = await buildSchema({ resolvers: [ProbeResolver], validate: false });
    const guarded = applyMiddleware(schema, shield(buildRuleMap(schema), { fallbackRule: deny }));
    const result = await graphql({ schema: guarded, source: '{ probe { open secret } }', contextValue: {} });
    expect(result.data).toEqual({ probe: { open: 'o', secret: null } });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'FIELD_NOT_PUBLISHED' });
  });
});
