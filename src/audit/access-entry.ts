/** One access-log row as the application produces it (before the database chains it). */
export interface AccessEntry {
  at: string;
  requestId: string;
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
