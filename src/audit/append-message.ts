/**
 * The message append_access_log_grouped (drizzle/0027) takes: a batch's sealed entries with
 * what a request's rows share — time, ids, principal, role, agency, purpose, operation — sent
 * once per run of rows that share it, and the writer and key once per batch. The database
 * rebuilds every row whole: the rows, their order and their chain are those of the entries.
 */
import type { AccessEntry } from './access-entry';
import type { SealedEntry } from './hash-chain';

/** What every row of one request shares: sent once per run of such rows. */
const REQUEST_FIELDS = ['at', 'requestId', 'clientRequestId', 'principal', 'role', 'agencyCode', 'purpose', 'operation'] as const;
type RequestMeta = Pick<AccessEntry, (typeof REQUEST_FIELDS)[number]>;

/** One row's own part, in the order the function reads it. */
type RowPart = [subjectId: number | null, itemCode: string | null, fieldPath: string, decision: string, reason: string, writerSeq: number, mac: string];

type RequestPart = RequestMeta & { rows: RowPart[] };

export interface AppendMessage {
  writer: string;
  keyId: string;
  requests: RequestPart[];
}

const sameRequest = (p: RequestPart, e: SealedEntry) => REQUEST_FIELDS.every((f) => p[f] === e[f]);

/** Throws if the entries are not one writer's under one key (a sealed batch always is). */
export function appendMessage(entries: readonly SealedEntry[]): AppendMessage {
  const first = entries[0];
  if (!first) throw new Error('appendMessage: no entries');
  const requests: RequestPart[] = [];
  let current: RequestPart | undefined;
  for (const e of entries) {
    if (e.writer !== first.writer || e.keyId !== first.keyId) throw new Error('appendMessage: a batch is sealed by one writer under one key');
    if (!current || !sameRequest(current, e)) {
      current = { ...(Object.fromEntries(REQUEST_FIELDS.map((f) => [f, e[f]])) as RequestMeta), rows: [] };
      requests.push(current);
    }
    current.rows.push([e.subjectId, e.itemCode, e.fieldPath, e.decision, e.reason, e.writerSeq, e.mac]);
  }
  return { writer: first.writer, keyId: first.keyId, requests };
}

/** The sealed entries a message carries, as the database rebuilds them (tests, and a reader of a captured message). */
export function entriesOfMessage(message: AppendMessage): SealedEntry[] {
  return message.requests.flatMap(({ rows, ...request }) => rows.map(([subjectId, itemCode, fieldPath, decision, reason, writerSeq, mac]) => ({
    ...request, subjectId, itemCode, fieldPath, decision: decision as SealedEntry['decision'], reason,
    writer: message.writer, writerSeq, keyId: message.keyId, mac,
  })));
}
