/**
 * Shape of the agencies' powers (职权) as data: which department systems may implement each
 * measure of the punishment-measures lists (49号 五(九): 由…依法依规实施). The measures list
 * states who implements a measure in its own words (`implementer`); this file says which agency
 * systems those words mean, and src/policy/powers.ts lets only an agency of one of them apply
 * the measure. Kept apart from the list because a published list version never changes, while
 * the registry of department systems (and so this mapping) does.
 */
import { z } from 'zod';
import { systemCode, text, uniqueList, vocabCode } from './catalog.schema';

export const MeasureImplementersSchema = z.strictObject({
  /** The measure's code in a measures list (MEASURE_LIST measures[].code). */
  code: vocabCode,
  /** Department systems (agency `system` codes: SPC, STA, BANK, …) whose agencies implement it. */
  systems: uniqueList(systemCode),
  /** Why these systems: how the list's wording maps to them. */
  note: text.optional(),
});

export const AgencyPowersSchema = z.strictObject({
  kind: z.literal('AGENCY_POWERS'),
  measureImplementers: z.array(MeasureImplementersSchema),
});
