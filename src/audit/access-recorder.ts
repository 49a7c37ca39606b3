/**
 * Access recording, on credit and record-envelope fields only. It runs before the field's
 * rule, so denials are recorded too; for the public (no buffer) it does nothing. Per field
 * it does a lookup of the decision already made, never a query.
 */
import type { GraphQLResolveInfo } from 'graphql';
import type { RequestContext } from '../graphql/context';
import { DENIED_NO_DECISION, disclosureOf, type FieldDecision, type RecordDisclosure } from '../policy/decision';
import type { FieldTag } from '../shield/field-tags';

/** Notes one field access in the request's access buffer. */
export type AccessNote = (parent: unknown, ctx: RequestContext, info: GraphQLResolveInfo) => void;

function note(key: string, decisionOf: (disclosure: RecordDisclosure | undefined) => FieldDecision): AccessNote {
  return (parent, ctx, info) => {
    const buffer = ctx.accessBuffer;
    if (!buffer || parent === null || typeof parent !== 'object') return;
    const disclosure = disclosureOf(parent);
    if (disclosure) buffer.note(parent, disclosure, key, decisionOf(disclosure), info);
  };
}

/** The note for a field with this tag: credit fields and record envelopes; nothing else is logged. */
export function accessNote(tag: FieldTag, fieldName: string): AccessNote | undefined {
  switch (tag.kind) {
    case 'CREDIT':
      return note(tag.key, (d) => d?.fields[tag.key] ?? DENIED_NO_DECISION);
    case 'RECORD':
      // The policy's own envelope decision: the reason its allowed fields carry too.
      return note(fieldName, (d) => d?.envelope ?? DENIED_NO_DECISION);
    default:
      return undefined;
  }
}
