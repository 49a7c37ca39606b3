/**
 * A statutory time limit in working days, as the catalog states it: the number, whether the
 * day it starts on counts, and the rule that fixes it. Regimes carry the objection and repair
 * decision limits, list types their objection window; the services count them on the State
 * Council's working calendars (src/time/working-days.ts).
 */
import { z } from 'zod';
import { text } from './catalog.schema';

export const TimeLimitSchema = z.strictObject({
  workingDays: z.int().min(1).max(60),
  /**
   * Whether the day the limit starts (filing, service of the notice) is its first day.
   * 民法典 第二百零一条: 开始的当日不计入 — false unless the rule itself says otherwise.
   */
  startDayCounts: z.boolean(),
  /** The rule that fixes the limit, with its article; where none was found, say what is modelled and why. */
  source: text,
});
export type TimeLimit = z.infer<typeof TimeLimitSchema>;

/** The decision limits of objections (异议) and credit repair (信用修复) under a regime. */
export const ProcedureTimeLimitsSchema = z.strictObject({
  objectionDecision: TimeLimitSchema,
  repairDecision: TimeLimitSchema,
});

/** A list type's time limits (49号 四(八) 告知: the subject's window to object before listing). */
export const ListTimeLimitsSchema = z.strictObject({
  objectionWindow: TimeLimitSchema,
});
