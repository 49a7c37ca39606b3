/**
 * What a subject objects to or applies to repair (procedure-id.ts): exactly one credit record
 * or one serious-list entry, named by an id of that type this API issued.
 */
import { encodeId } from '../../graphql/opaque-id';
import { targetOf as targetOfIn } from './procedure-id';

// Opaque ids and malformed input never reach the database.
const targetOf = (input: Parameters<typeof targetOfIn>[1]) => targetOfIn({ idByNumber: async () => undefined }, input);

describe('targetOf', () => {
  it('reads a credit record id', async () => {
    await expect(targetOf({ creditRecordId: encodeId('CreditRecord', 41) })).resolves.toEqual({ kind: 'RECORD', id: 41 });
  });

  it('reads a list entry id', async () => {
    await expect(targetOf({ creditRecordId: null, listEntryId: encodeId('SeriousListEntry', 7) })).resolves.toEqual({ kind: 'ENTRY', id: 7 });
  });

  it.each([
    ['neither', {}],
    ['both nulls', { creditRecordId: null, listEntryId: null }],
    ['both', { creditRecordId: encodeId('CreditRecord', 1), listEntryId: encodeId('SeriousListEntry', 1) }],
  ])('refuses %s, asking for exactly one', async (_, input) => {
    await expect(targetOf(input)).rejects.toThrow('give exactly one of creditRecordId (a credit record of yours) and listEntryId (a serious-list entry about you)');
  });

  it('refuses an id of another type in each field, naming the field', async () => {
    await expect(targetOf({ creditRecordId: encodeId('SeriousListEntry', 1) })).rejects.toThrow('creditRecordId: not a CreditRecord id this API issued');
    await expect(targetOf({ listEntryId: encodeId('CreditRecord', 1) })).rejects.toThrow('listEntryId: not a SeriousListEntry id this API issued');
  });

  it('refuses a raw row number, and a 记录编号 of another type', async () => {
    await expect(targetOf({ creditRecordId: '41' })).rejects.toThrow('creditRecordId: not a CreditRecord id');
    await expect(targetOf({ creditRecordId: '320106-2026-L0123456789' })).rejects.toThrow('creditRecordId: not a CreditRecord id this API issued nor its 记录编号');
  });
});
