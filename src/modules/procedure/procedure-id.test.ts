/**
 * What a subject objects to or applies to repair (procedure-id.ts): exactly one credit record
 * or one serious-list entry, named by an id of that type this API issued.
 */
import { encodeId } from '../../graphql/opaque-id';
import { targetOf } from './procedure-id';

describe('targetOf', () => {
  it('reads a credit record id', () => {
    expect(targetOf({ creditRecordId: encodeId('CreditRecord', 41) })).toEqual({ kind: 'RECORD', id: 41 });
  });

  it('reads a list entry id', () => {
    expect(targetOf({ creditRecordId: null, listEntryId: encodeId('SeriousListEntry', 7) })).toEqual({ kind: 'ENTRY', id: 7 });
  });

  it.each([
    ['neither', {}],
    ['both nulls', { creditRecordId: null, listEntryId: null }],
    ['both', { creditRecordId: encodeId('CreditRecord', 1), listEntryId: encodeId('SeriousListEntry', 1) }],
  ])('refuses %s, asking for exactly one', (_, input) => {
    expect(() => targetOf(input)).toThrow('give exactly one of creditRecordId (a credit record of yours) and listEntryId (a serious-list entry about you)');
  });

  it('refuses an id of another type in each field, naming the field', () => {
    expect(() => targetOf({ creditRecordId: encodeId('SeriousListEntry', 1) })).toThrow('creditRecordId: not a CreditRecord id this API issued');
    expect(() => targetOf({ listEntryId: encodeId('CreditRecord', 1) })).toThrow('listEntryId: not a SeriousListEntry id this API issued');
  });

  it('refuses a raw row number', () => {
    expect(() => targetOf({ creditRecordId: '41' })).toThrow('creditRecordId: not a CreditRecord id');
  });
});
