/**
 * CatalogPublishingService: catalog administrators draft, publish and retire catalog and
 * measures-list versions (DRAFT → PUBLISHED → RETIRED; DESIGN §3). Every change is validated
 * as part of the whole bundle, made in one transaction under the catalog lock, and followed
 * by a reload of the catalog in force, so the next request already reads it.
 *
 * The role only opens the door: each change is made by an agency whose power covers the
 * version (src/policy/powers.ts, 49号 二(一), 五(九)) — the national catalog and measures list
 * by the national social-credit lead, a supplementary catalog by its region's lead — checked
 * on the text submitted and on the version as stored.
 *
 * A version drafted here gives its legal bases structured, with their level, and the level the
 * guideline requires (src/policy/catalog-governance.ts: measures 五(九), natural persons' data
 * 三(四), supplementary catalogs 二(一)); it is published on its approval and public
 * consultation records, kept with it beside the publishing agency. The accountability report
 * judges stored versions with the same function (publicationRefusals).
 */
import { parseYamlSource, type SourceFile } from '../../catalog/catalog.source';
import { validateFile } from '../../catalog/catalog.validate';
import type { UnitOfWork } from '../unit-of-work';
import { appError } from '../../errors';
import type { AgencyDirectory } from '../agency/agency.directory';
import type { Caller } from '../caller';
import { mayPerform } from '../../policy/actions';
import { granteesOutsideArea, mayPublishVersion, type VersionFacts } from '../../policy/powers';
import { basisProblems, publicationRefusals, type GovernanceRefusal, type VersionDocument } from '../../policy/catalog-governance';
import { shapeOf } from '../../catalog/catalog.documents';
import { sortProblems } from '../../catalog/catalog.errors';
import { ProblemSink } from '../../catalog/catalog.problems';
import { legalDate } from '../../time/legal-date';
import type { PublishCatalogVersionInput } from './catalog-publish.input';
import { problemsError, sha256, VERSIONED_KINDS, type VersionedKind } from './catalog-sources';
import type { CatalogDraftInput } from './catalog-draft.input';
import type { CatalogVersionRow, CatalogVersionSummary } from './catalog-version.repo';
import type { CatalogVersionInfo } from './catalog-version.type';
import { retirementProblem } from './catalog-retirement';
import type { LiveCatalog } from './live-catalog';

interface Draft {
  id: string;
  kind: VersionedKind;
  source: SourceFile;
  hash: string;
  /** What the text says it governs, for the power check. */
  scope: VersionFacts;
  /** The document as its shape parsed it. */
  doc: VersionDocument;
}

export class CatalogPublishingService {
  constructor(private readonly work: UnitOfWork, private readonly live: LiveCatalog, private readonly agencies: AgencyDirectory) {}

  async createDraft(ctx: Caller, input: CatalogDraftInput): Promise<CatalogVersionInfo> {
    const draft = this.parse(input);
    assertPower(this.agencies, ctx, draft.scope);
    assertGranteesInArea(this.agencies, ctx, draft.doc);
    await this.work.transaction(async ({ repos }) => {
      const repo = repos.catalogVersions;
      await repo.lockCatalog();
      const existing = await repo.findById(draft.id);
      if (existing?.status === 'DRAFT') throw appError('BAD_USER_INPUT', `a draft ${draft.id} already exists; change it with updateCatalogDraft`);
      if (existing) throw immutable(existing);
      const version = this.checked(await repo.withDefinitions(), draft);
      await repo.insertDraft(version, draft.source.data, draft.hash, ctx.now);
    });
    return this.info(draft.id);
  }

  async updateDraft(ctx: Caller, id: string, input: CatalogDraftInput): Promise<CatalogVersionInfo> {
    const draft = this.parse(input);
    if (draft.id !== id) throw appError('BAD_USER_INPUT', `the text is version ${draft.id}, not ${id}; a draft keeps its id (create a new draft for a new id)`);
    assertPower(this.agencies, ctx, draft.scope);
    await this.work.transaction(async ({ repos }) => {
      const repo = repos.catalogVersions;
      await repo.lockCatalog();
      const existing = await repo.findById(id);
      if (!existing) throw appError('NOT_FOUND', `no catalog version ${id}`);
      // Both: the draft as it stands is someone's, and the new text may not move it into another's scope.
      assertPower(this.agencies, ctx, existing);
      if (existing.status !== 'DRAFT') throw immutable(existing);
      if (existing.kind !== draft.kind) throw appError('BAD_USER_INPUT', `draft ${id} is a ${existing.kind}; the text is a ${draft.kind}`);
      const version = this.checked(await repo.withDefinitions(), draft);
      if (!(await repo.replaceDraft(version, draft.source.data, draft.hash))) throw appError('CONFLICT', `draft ${id} changed state while it was being edited`);
    });
    return this.info(id);
  }

  async publish(ctx: Caller, id: string, input: PublishCatalogVersionInput | null = null): Promise<CatalogVersionInfo> {
    const records = {
      approval: input?.approval ? { body: input.approval.body.trim(), date: input.approval.date, documentNumber: input.approval.documentNumber.trim() } : null,
      consultation: input?.consultation ? { from: input.consultation.from, to: input.consultation.to, channel: input.consultation.channel.trim() } : null,
    };
    await this.work.transaction(async ({ repos }) => {
      const repo = repos.catalogVersions;
      await repo.lockCatalog();
      const existing = await repo.findById(id);
      if (!existing) throw appError('NOT_FOUND', `no catalog version ${id}`);
      assertPower(this.agencies, ctx, existing);
      assertGranteesInArea(this.agencies, ctx, existing.definition);
      if (existing.status === 'PUBLISHED') throw appError('INVALID_TRANSITION', `catalog version ${id} is already PUBLISHED (since ${existing.publishedAt?.toISOString()})`);
      if (existing.status === 'RETIRED') throw appError('INVALID_TRANSITION', `catalog version ${id} is RETIRED; a retired version never returns to force: publish a new version`);
      if (existing.baseVersionId) {
        const base = await repo.findById(existing.baseVersionId);
        if (base?.status !== 'PUBLISHED') {
          throw appError('INVALID_TRANSITION', `base catalog ${existing.baseVersionId} is ${base?.status ?? 'missing'}; a supplementary catalog applies on a base catalog in force`);
        }
      }
      // Basis level, approval and consultation: the same judgement the accountability report makes.
      const publisher = this.agencies.get(ctx.principal.agencyCode!);
      const refusals = publicationRefusals(
        { version: existing, publisher, publisherCode: ctx.principal.agencyCode ?? null, document: existing.definition, records, publishedOn: legalDate(ctx.now) },
        this.agencies.all(),
      );
      if (refusals.length) throw refusalError(refusals);
      // Validated again: versions published since the draft was written may conflict with it.
      const result = this.live.sources.validate(await repo.withDefinitions(), { file: `catalog version ${id}`, data: existing.definition });
      if (!result.ok) throw problemsError(result.problems);
      const publication = { publishedBy: publisher!.code, publishedByOfficial: ctx.principal.id, approval: records.approval!, consultation: records.consultation ?? null };
      if (!(await repo.move(id, 'DRAFT', ctx.now, publication))) throw appError('CONFLICT', `catalog version ${id} changed state while it was being published`);
    });
    await this.live.reload();
    return this.info(id);
  }

  async retire(ctx: Caller, id: string): Promise<CatalogVersionInfo> {
    await this.work.transaction(async ({ repos }) => {
      const repo = repos.catalogVersions;
      await repo.lockCatalog();
      const existing = await repo.findById(id);
      if (!existing) throw appError('NOT_FOUND', `no catalog version ${id}`);
      assertPower(this.agencies, ctx, existing);
      if (existing.status === 'DRAFT') throw appError('INVALID_TRANSITION', `catalog version ${id} is a DRAFT: it was never in force, so it cannot be retired; publish it or leave it unpublished`);
      if (existing.status === 'RETIRED') throw appError('INVALID_TRANSITION', `catalog version ${id} is already RETIRED (since ${existing.retiredAt?.toISOString()})`);
      const problem = retirementProblem(id, await repo.summaries(), this.live.snapshot().bundle);
      if (problem) throw appError('INVALID_TRANSITION', problem);
      if (!(await repo.move(id, 'PUBLISHED', ctx.now))) throw appError('CONFLICT', `catalog version ${id} changed state while it was being retired`);
    });
    await this.live.reload();
    return this.info(id);
  }

  /** Published and retired versions for everyone; drafts too for catalog administrators. */
  async versions(ctx: Caller): Promise<CatalogVersionInfo[]> {
    const all = await this.work.repos.catalogVersions.summaries();
    const drafts = mayPerform(ctx.principal, 'catalog.manage');
    return all.filter((v) => drafts || v.status !== 'DRAFT').map(toInfo);
  }

  private parse(input: CatalogDraftInput): Draft {
    const text = input.source;
    if (!text.trim()) throw appError('BAD_USER_INPUT', 'source: empty; give the whole catalog document (YAML or JSON)');
    const hash = sha256(text);
    const parsed = parseYamlSource(input.fileName?.trim() || 'draft.yaml', text, hash);
    if (!parsed.ok) throw problemsError(parsed.problems);
    const file = validateFile(parsed.source);
    if (!file.ok) throw problemsError(file.problems);
    const { kind } = file.document;
    if (!(VERSIONED_KINDS as readonly string[]).includes(kind)) {
      throw appError('BAD_USER_INPUT', `kind ${kind} is vocabulary shipped with the code, not a versioned catalog; drafts are ${VERSIONED_KINDS.join(', ')}`);
    }
    const doc = file.document.doc as { id: string; region?: { code: string } | string };
    // A supplementary catalog names its region as { code, name }; an agreements version its area as a code.
    const regionCode = typeof doc.region === 'string' ? doc.region : doc.region?.code ?? null;
    const scope: VersionFacts = { id: doc.id, kind: kind as VersionedKind, regionCode };
    return { id: doc.id, kind: kind as VersionedKind, source: parsed.source, hash, scope, doc: file.document.doc as VersionDocument };
  }

  /** The draft as the bundle assembles it, after checking it with every file in force. */
  private checked(stored: Array<Pick<CatalogVersionRow, 'id' | 'status' | 'definition'>>, draft: Draft) {
    const bundle = this.live.sources.validateOrThrow(stored, draft.source);
    // A version drafted here gives its bases with their level, of the level the guideline requires.
    const sink = new ProblemSink();
    for (const p of basisProblems(draft.doc)) sink.at(draft.source, shapeOf(draft.kind), p.path, p.message);
    if (sink.problems.length) throw problemsError(sortProblems(sink.problems));
    const version = [...bundle.catalogs, ...bundle.measureLists, ...bundle.agreementSets].find((v) => v.id === draft.id);
    if (!version) throw new Error(`validated bundle lacks draft ${draft.id}`);
    return version;
  }

  private async info(id: string): Promise<CatalogVersionInfo> {
    const row = (await this.work.repos.catalogVersions.summaries()).find((v) => v.id === id);
    if (!row) throw appError('NOT_FOUND', `no catalog version ${id}`);
    return toInfo(row);
  }
}

/** FORBIDDEN unless the caller's agency has the power over `version` (src/policy/powers.ts). */
function assertPower(agencies: AgencyDirectory, ctx: Caller, version: VersionFacts): void {
  const agency = ctx.principal.agencyCode ? agencies.get(ctx.principal.agencyCode) : undefined;
  if (!agency) throw appError('FORBIDDEN', `catalog versions are changed by an agency of the registry; the token names ${ctx.principal.agencyCode ?? 'none'}`);
  const power = mayPublishVersion(agency, version, agencies.all());
  if (!power.ok) throw appError(power.code, power.reason);
}

/** An agreements version grants only within its area (src/policy/powers.ts granteesOutsideArea). */
function assertGranteesInArea(agencies: AgencyDirectory, ctx: Caller, doc: unknown): void {
  const set = doc as { kind?: string; region?: string; agreements?: unknown[] };
  if (set.kind !== 'SHARING_AGREEMENTS' || typeof set.region !== 'string' || !Array.isArray(set.agreements)) return;
  const outside = granteesOutsideArea(set as Parameters<typeof granteesOutsideArea>[0], agencies);
  if (outside.length) {
    throw appError('FORBIDDEN', `agreements version of area ${set.region} grants outside it (a platform shares within its remit, 49号 三(三)):\n${outside.join('\n')}`);
  }
}

/** The refusals of publicationRefusals as one error: the first one's code, every reason (that code's first). */
function refusalError(refusals: readonly GovernanceRefusal[]) {
  const code = refusals[0]!.code;
  const reasons = [...refusals.filter((r) => r.code === code), ...refusals.filter((r) => r.code !== code)].map((r) => r.reason);
  return appError(code, reasons.join('\n'), { refusals: refusals.map((r) => ({ ...r })) });
}

function immutable(v: CatalogVersionRow) {
  return appError('INVALID_TRANSITION', `catalog version ${v.id} is ${v.status}: a published catalog never changes (DESIGN §3); give the new text a new version id`);
}

function toInfo(v: CatalogVersionSummary): CatalogVersionInfo {
  return {
    id: v.id, kind: v.kind, title: v.title, edition: v.edition, documentNumber: v.documentNumber, regionCode: v.regionCode,
    baseVersionId: v.baseVersionId, status: v.status, publishedAt: v.publishedAt, retiredAt: v.retiredAt, sourceHash: v.sourceHash, entries: v.entries,
    publishedBy: v.publishedBy, approval: v.approval ?? null, consultation: v.consultation ?? null,
  };
}
