/**
 * The consents a request has loaded: subject → item codes covered by a consent that is live
 * for this request's agency and purpose. Filled by services in one query per batch of
 * subjects before they ask the policy to decide; the policy only looks up.
 */
export class ConsentStore {
  /** `onCheck`: told the outcome of every check the policy makes (consent-check metrics). */
  constructor(private readonly onCheck?: (granted: boolean) => void) {}

  private readonly covered = new Map<number, Set<string>>();
  private readonly loaded = new Set<number>();

  isLoaded(subjectId: number): boolean {
    return this.loaded.has(subjectId);
  }

  markLoaded(subjectIds: Iterable<number>): void {
    for (const id of subjectIds) this.loaded.add(id);
  }

  add(subjectId: number, itemCodes: readonly string[]): void {
    let set = this.covered.get(subjectId);
    if (!set) this.covered.set(subjectId, (set = new Set()));
    for (const code of itemCodes) set.add(code);
  }

  covers(subjectId: number, itemCode: string): boolean {
    const granted = this.covered.get(subjectId)?.has(itemCode) ?? false;
    this.onCheck?.(granted);
    return granted;
  }
}
