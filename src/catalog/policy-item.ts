/** What the policy needs to know of a catalog item: its rules, and each field's rule by key. */
import type { ShareRule } from './catalog.bundle';
import type { ItemField, PublishRule, SubjectKind } from './catalog.schema';

export interface PolicyItem {
  readonly id: number;
  readonly code: string;
  /** The catalog category: sharing agreements cover items by code or by category. */
  readonly category: string;
  readonly recordKind: string;
  readonly provider: string;
  readonly subjectKinds: readonly SubjectKind[];
  readonly share: ShareRule;
  readonly publish: PublishRule;
  readonly retentionYears: number;
  readonly fieldRules: ReadonlyMap<string, ItemField>;
}
