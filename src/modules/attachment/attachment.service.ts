/**
 * AttachmentService: a subject adds files to its own open objection or repair application; the
 * subject, the agency handling the case and auditors read them (src/policy/procedure-access.ts
 * procedureBasis, the same rule as for the case itself). Anyone else is told there is no such
 * attachment, so ids reveal nothing.
 */
import { appError } from '../../errors';
import type { Caller } from '../caller';
import { disclosureOf, type Disclosed } from '../../policy/decision';
import { procedureBasis } from '../../policy/procedure-access';
import { procedureView, type ProcedureBasis } from '../../policy/procedure-view';
import { ownSubject } from '../procedure/procedure-caller';
import { decodeProcedureId, encodeProcedureId } from '../procedure/procedure-id';
import type { AttachFileInput } from './attachment.input';
import type { AttachmentCase, AttachmentMeta } from './attachment.repo';
import type { UnitOfWork } from '../unit-of-work';
import { ATTACHMENT_LIMITS, caseOf, checkUpload, decodeContent } from './attachment.rules';
import type { Attachment } from './attachment.type';

export function attachmentView(row: AttachmentMeta, basis: ProcedureBasis): Disclosed<Attachment> {
  const id = encodeProcedureId('Attachment', row.id);
  const view: Attachment = {
    id, fileName: row.fileName, contentType: row.contentType, size: row.size, sha256: row.sha256, uploadedAt: row.uploadedAt,
    erasedAt: row.contentErasedAt, downloadPath: `/attachments/${id}`,
  };
  return procedureView(view, 'attachment', row.subjectId, basis);
}

function caseOfInput(input: AttachFileInput): AttachmentCase {
  const objection = input.objectionId ?? null;
  const repair = input.repairApplicationId ?? null;
  if ((objection === null) === (repair === null)) throw appError('BAD_USER_INPUT', 'give exactly one of objectionId and repairApplicationId');
  return objection !== null
    ? { kind: 'OBJECTION', id: decodeProcedureId('Objection', objection, 'objectionId') }
    : { kind: 'REPAIR', id: decodeProcedureId('CreditRepairApplication', repair!, 'repairApplicationId') };
}

export class AttachmentService {
  constructor(private readonly work: UnitOfWork) {}

  async attach(ctx: Caller, input: AttachFileInput): Promise<Disclosed<Attachment>> {
    const subjectId = ownSubject(ctx);
    const target = caseOfInput(input);
    const content = decodeContent(input.contentBase64);
    const checked = checkUpload(input.fileName, content, input.declaredType);
    const what = target.kind === 'OBJECTION' ? 'objection' : 'repair application';
    const row = await this.work.transaction(async (tx) => {
      const repo = tx.repos.attachments;
      const facts = await repo.caseFacts(target, true);
      if (!facts || facts.subjectId !== subjectId) throw appError('NOT_FOUND', `no ${what} of yours with this id`);
      if (!facts.open) throw appError('INVALID_TRANSITION', `the ${what} is decided: evidence can no longer be added (file a new one if needed)`);
      if ((await repo.countFor(target)) >= ATTACHMENT_LIMITS.perCase) {
        throw appError('BAD_USER_INPUT', `a ${what} holds at most ${ATTACHMENT_LIMITS.perCase} files; this one has them already`);
      }
      return repo.insert({
        subjectId,
        objectionId: target.kind === 'OBJECTION' ? target.id : null,
        repairApplicationId: target.kind === 'REPAIR' ? target.id : null,
        ...checked,
        content,
        uploadedAt: ctx.now,
      });
    });
    return attachmentView(row, 'OWN');
  }

  /** One attachment, when the caller may see its case; NOT_FOUND otherwise. */
  async one(ctx: Caller, id: string): Promise<Disclosed<Attachment>> {
    const rowId = decodeProcedureId('Attachment', id, 'id');
    const repo = this.work.repos.attachments;
    const row = await repo.findMeta(rowId);
    const facts = row && await repo.caseFacts(caseOf(row), false);
    const basis = facts && procedureBasis(ctx.authority, ctx.principal, facts);
    if (!row || !basis) throw appError('NOT_FOUND', `no attachment ${id} that you may see`);
    return attachmentView(row, basis);
  }

  /** The files of a case the caller already sees (the parent's disclosure says in which capacity). */
  async ofCase(parent: object, kind: AttachmentCase['kind'], caseId: string): Promise<Disclosed<Attachment>[]> {
    const basis = disclosureOf(parent)?.basis as ProcedureBasis | undefined;
    if (!basis) return [];
    const id = decodeProcedureId(kind === 'OBJECTION' ? 'Objection' : 'CreditRepairApplication', caseId, 'id');
    const rows = await this.work.repos.attachments.listFor({ kind, id });
    return rows.map((r) => attachmentView(r, basis));
  }

  /** The content of an attachment already disclosed to the caller (attachment.resolver.ts). */
  async content(view: Disclosed<Attachment>): Promise<string> {
    const disclosure = disclosureOf(view);
    if (disclosure?.visible && view.erasedAt) {
      throw appError('ERASED', `the content of attachment ${view.id} was erased on ${view.erasedAt.toISOString()}, with the personal data of the record its case is about (retention ended, or a repair deleted the record); its size, type and SHA-256 remain`);
    }
    const bytes = disclosure?.visible ? await this.work.repos.attachments.content(decodeProcedureId('Attachment', view.id, 'id'), disclosure.subjectId) : undefined;
    if (!bytes) throw appError('NOT_FOUND', `no attachment ${view.id} that you may see`);
    return bytes.toString('base64');
  }
}
