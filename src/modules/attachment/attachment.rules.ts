/**
 * What a subject may attach to its objection or repair application: PDF, JPEG or PNG, told by
 * the file's own first bytes (magic numbers) — never by the declared type or the name, which
 * the uploader chooses — at most 5 MB each and 3 per case. Pure: the service applies them.
 */
import { createHash } from 'node:crypto';
import { appError } from '../../errors';
import type { AttachmentCase } from './attachment.repo';

export const ATTACHMENT_LIMITS = { maxBytes: 5 * 1024 * 1024, perCase: 3 } as const;

export const ATTACHMENT_TYPES = ['application/pdf', 'image/jpeg', 'image/png'] as const;
export type AttachmentType = (typeof ATTACHMENT_TYPES)[number];

const SIGNATURES: ReadonlyArray<{ type: AttachmentType; bytes: readonly number[] }> = [
  { type: 'application/pdf', bytes: [0x25, 0x50, 0x44, 0x46, 0x2d] }, // %PDF-
  { type: 'image/jpeg', bytes: [0xff, 0xd8, 0xff] },
  { type: 'image/png', bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
];

/** The type the content's first bytes show; undefined for anything else. */
export function sniffType(content: Uint8Array): AttachmentType | undefined {
  return SIGNATURES.find((s) => s.bytes.every((b, i) => content[i] === b))?.type;
}

/** A display name: no path, no control characters, at most 120 characters. */
export function cleanFileName(name: string): string {
  const base = (name.split(/[\\/]/).pop() ?? '').replace(/[\u0000-\u001f\u007f"]/g, '').trim();
  if (!base) throw appError('BAD_USER_INPUT', 'fileName: give the file\'s name, e.g. 缴款凭证.pdf');
  return [...base].slice(0, 120).join('');
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** The bytes of a base64 upload, refused before decoding when too large. */
export function decodeContent(base64: string): Buffer {
  const text = base64.replace(/\s+/g, '');
  if (text.length % 4 !== 0 || !BASE64.test(text)) throw appError('BAD_USER_INPUT', 'contentBase64: not base64 (RFC 4648, with padding)');
  if ((text.length / 4) * 3 - (text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0) > ATTACHMENT_LIMITS.maxBytes) throw tooLarge();
  return Buffer.from(text, 'base64');
}

export function tooLarge() {
  return appError('BAD_USER_INPUT', `the file is larger than ${ATTACHMENT_LIMITS.maxBytes / 1024 / 1024} MB; scan at a lower resolution or split it`);
}

export interface CheckedUpload {
  readonly fileName: string;
  readonly contentType: AttachmentType;
  readonly size: number;
  readonly sha256: string;
}

/** Checks one upload: size, type by magic bytes (and the declared one, when given, must agree). */
export function checkUpload(fileName: string, content: Uint8Array, declaredType?: string | null): CheckedUpload {
  if (content.length === 0) throw appError('BAD_USER_INPUT', 'the file is empty');
  if (content.length > ATTACHMENT_LIMITS.maxBytes) throw tooLarge();
  const type = sniffType(content);
  if (!type) throw appError('BAD_USER_INPUT', 'only PDF, JPEG and PNG files are accepted; this file\'s content is none of them (whatever its name or declared type)');
  const declared = declaredType?.split(';')[0]?.trim().toLowerCase();
  if (declared && declared !== type && !(declared === 'image/jpg' && type === 'image/jpeg')) {
    throw appError('BAD_USER_INPUT', `the file is declared ${declared} but its content is ${type}`);
  }
  return { fileName: cleanFileName(fileName), contentType: type, size: content.length, sha256: createHash('sha256').update(content).digest('hex') };
}

/** The case (objection or repair application) an attachment row belongs to. */
/** The case of a stored attachment. */
export function caseOf(row: { readonly objectionId: number | null; readonly repairApplicationId: number | null }): AttachmentCase {
  return row.objectionId !== null ? { kind: 'OBJECTION', id: row.objectionId } : { kind: 'REPAIR', id: row.repairApplicationId! };
}

