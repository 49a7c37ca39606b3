/**
 * Generates the rows of a range of subject ids, and remembers a few codes of each kind for
 * people to try. Samples take ids 1..SAMPLE_COUNT; every other id is generated.
 */
import { type ChunkRows, emptyChunk, type SeedContext } from './context';
import type { RecordPlanner } from './record-plan';
import { SAMPLE_COUNT, planSample, sampleSubject } from './samples';
import { generateSubject, type SubjectDraft } from './subjects';

export interface SampleCodes {
  legalPersons: string[];
  individualBusinesses: string[];
  /** In clear: synthetic numbers, printed so that a developer can look the person up. */
  naturalPersonIdNumbers: string[];
  /** USCCs of organisations with a LISTED serious-list entry. */
  listed: string[];
}

const KEEP = 5;

export class SampleCollector {
  readonly codes: SampleCodes = { legalPersons: [], individualBusinesses: [], naturalPersonIdNumbers: [], listed: [] };

  note(s: SubjectDraft, out: ChunkRows, entriesBefore: number): void {
    const add = (list: string[], code: string | null | undefined) => {
      if (code && list.length < KEEP && !list.includes(code)) list.push(code);
    };
    if (s.kind === 'LEGAL_PERSON') add(this.codes.legalPersons, s.row.uscc);
    if (s.kind === 'INDIVIDUAL_BUSINESS') add(this.codes.individualBusinesses, s.row.uscc);
    if (s.kind === 'NATURAL_PERSON') add(this.codes.naturalPersonIdNumbers, s.person.idNumber);
    const listed = out.seriousListEntries.slice(entriesBefore).some((e) => e.state === 'LISTED');
    if (listed && s.kind !== 'NATURAL_PERSON') add(this.codes.listed, s.row.uscc);
  }
}

// Generation is synchronous CPU work; yielding this often lets the event loop keep feeding the
// COPY of the previous chunk to PostgreSQL, so the two overlap instead of taking turns.
const YIELD_EVERY = 25;

export async function generateChunk(ctx: SeedContext, planner: RecordPlanner, samples: SampleCollector, from: number, to: number): Promise<ChunkRows> {
  const out = emptyChunk();
  for (let id = from; id <= to; id++) {
    if ((id - from) % YIELD_EVERY === YIELD_EVERY - 1) await new Promise<void>((resolve) => setImmediate(resolve));
    const sample = id <= SAMPLE_COUNT;
    const s = sample ? sampleSubject(ctx, id) : generateSubject(ctx, id);
    const entriesBefore = out.seriousListEntries.length;
    out.subjects.push(s.row);
    if (sample) planSample(ctx, out, s);
    else planner.plan(out, s);
    samples.note(s, out, entriesBefore);
  }
  ctx.ids.subject = to;
  return out;
}
