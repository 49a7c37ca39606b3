/** Convenience wrappers over the shared opaque-id codec for the serious-list module. */
import { decodeId, encodeId } from '../../graphql/opaque-id';

export { decodeId, encodeId, type OpaqueType } from '../../graphql/opaque-id';

export const encodeListEntryId = (id: number) => encodeId('SeriousListEntry', id);
export const decodeListEntryId = (value: string, field = 'id') => decodeId('SeriousListEntry', value, field);
