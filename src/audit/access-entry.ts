/** One access-log row as the application produces it (before the database chains it). */
export interface AccessEntry {
  at: string;
  /** The server's id for the request (never the client's: see clientRequestId). */
  requestId: string;
  /** The client's own `X-Request-Id`, kept as its reference only; null when it sent none (or none sane). */
  clientRequestId: string | null;
  principal: string;
  role: string;
  agencyCode: string | null;
  purpose: string | null;
  /** `query OperationName` (or `query (anonymous)`). */
  operation: string;
  subjectId: number | null;
  itemCode: string | null;
  /** Path of the record in the response, with the fields read: `subject.profile.penalties.edges.0.node{fineAmount,legalRepresentative}`. */
  fieldPath: string;
  decision: 'ALLOW' | 'MASK' | 'DENY';
  reason: string;
}
