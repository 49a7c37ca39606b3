/**
 * The portal's pages as the server draws them, into the application page's #view: the search
 * results and the subject page for a browser without JavaScript (inside <noscript>, so a
 * browser that runs the modules shows only what they draw), and the 404 and 400 pages (shown
 * to every browser, with their status codes). The data come from public GraphQL operations run
 * for the caller through the /graphql pipeline (serverOperationRunner), like the report pages:
 * whatever the server draws, the same caller's query would have returned.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { GraphQLFormattedError } from 'graphql';
import type { RunServerOperation, ServerOperation } from '../http/graphql-handler';
import { sectionsData } from './portal-kinds';

export type { RunServerOperation };

/** What the server puts into #view, and the status the page answers with. */
export interface ServerView {
  status: number;
  title: string;
  html: string;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const esc = (value: unknown): string => (value === null || value === undefined || value === '' ? '—' : String(value).replace(/[&<>"']/g, (c) => ESCAPES[c]!));

const SUBJECT_KINDS: Record<string, string> = { LEGAL_PERSON: '法人和非法人组织', INDIVIDUAL_BUSINESS: '个体工商户', NATURAL_PERSON: '自然人' };

/** Error codes of the API that mean "the address is malformed", answered 400, with their Chinese lead. */
const BAD_INPUT: Readonly<Record<string, string>> = {
  INVALID_USCC: '统一社会信用代码格式不正确',
  INVALID_ID_NUMBER: '居民身份证号码格式不正确',
  BAD_USER_INPUT: '查询条件有误',
};

const PAGE_SIZE = 20;
const CODE = /^[0-9A-Za-z]{18}$/;

const SEARCH = `query PortalServerSearch($keyword: String!, $first: Int!, $after: String) {
  searchSubjects(keyword: $keyword, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { node { name uscc subjectKind status registrationAuthority } }
  }
}`;

const BY_CODE = `query PortalServerCode($code: String!) {
  subject(code: $code) { name uscc subjectKind status registrationAuthority }
}`;

function subjectDocument(): string {
  const sections = sectionsData().map((s) => `${s.key}(first: 1) { totalCount }`).join(' ');
  return `query PortalServerSubject($code: String!) {
  subject(code: $code) {
    name uscc subjectKind entityType legalRepresentative establishedOn status registrationAuthority
    profile { ${sections} }
  }
}`;
}

interface SubjectRow { name: string; uscc: string; subjectKind: string; status?: string | null; registrationAuthority?: string | null }

/** A page with a heading and paragraphs; `data-server-status` tells the modules to leave it shown. */
export function statusView(status: 400 | 404, message: string): ServerView {
  const title = status === 404 ? '页面不存在' : '请求有误';
  const advice = status === 404
    ? '您访问的地址不存在或已失效。可以返回<a href="/">首页</a>，或在<a href="/search">信用信息查询</a>中按名称或统一社会信用代码查找主体。'
    : '请核对统一社会信用代码（18 位，GB 32100）后重试，或在<a href="/search">信用信息查询</a>中按名称查找。';
  return {
    status,
    title,
    html: `<section class="panel" data-server-status="${status}"><div class="panel-body">
<h1 tabindex="-1">${status} ${title}</h1>
<p>${esc(message)}</p>
<p>${advice}</p>
</div></section>`,
  };
}

function searchForm(keyword: string): string {
  return `<form method="get" action="/search" role="search">
<label for="nojs-q">主体名称或统一社会信用代码</label>
<input id="nojs-q" name="q" type="search" value="${keyword ? esc(keyword) : ''}" minlength="2" maxlength="100" required>
<button type="submit">查询</button>
</form>`;
}

function resultTable(rows: readonly SubjectRow[]): string {
  const body = rows.map((s) => `<tr><td><a href="/subject/${encodeURIComponent(s.uscc)}">${esc(s.name)}</a></td><td>${esc(s.uscc)}</td><td>${esc(SUBJECT_KINDS[s.subjectKind] ?? s.subjectKind)}</td><td>${esc(s.status)}</td><td>${esc(s.registrationAuthority)}</td></tr>`).join('');
  return `<table><caption class="visually-hidden">查询结果</caption><thead><tr><th scope="col">主体名称</th><th scope="col">统一社会信用代码</th><th scope="col">主体类别</th><th scope="col">登记状态</th><th scope="col">登记机关</th></tr></thead><tbody>${body}</tbody></table>`;
}

/** The fatal error of a result: one on the root field or without a path. */
function fatal(errors: readonly GraphQLFormattedError[] | undefined): GraphQLFormattedError | undefined {
  return errors?.find((e) => !e.path || e.path.length === 1);
}

type Ran = { ok: true; data: Record<string, unknown> } | { ok: false; view: ServerView };

async function runFor(run: RunServerOperation, req: IncomingMessage, res: ServerResponse, op: ServerOperation): Promise<Ran> {
  const outcome = await run(req, res, op);
  if (outcome.kind === 'refused') return { ok: false, view: unavailable(res.statusCode, outcome.error.message) };
  const error = fatal(outcome.result.errors);
  if (error) {
    const code = String(error.extensions?.code ?? '');
    const lead = BAD_INPUT[code];
    if (lead) return { ok: false, view: statusView(400, `${lead}（${error.message}）`) };
    return { ok: false, view: unavailable(outcome.status >= 400 ? outcome.status : 500, error.message) };
  }
  return { ok: true, data: (outcome.result.data ?? {}) as Record<string, unknown> };
}

function unavailable(status: number, message: string): ServerView {
  return { status, title: '暂时无法查询', html: `<p>暂时无法查询：${esc(message)}</p>` };
}

/** /search?q=…[&after=…]: the results a browser without JavaScript sees. */
export async function searchView(run: RunServerOperation, req: IncomingMessage, res: ServerResponse, url: URL): Promise<ServerView> {
  const keyword = (url.searchParams.get('q') ?? '').trim();
  const after = url.searchParams.get('after') ?? undefined;
  const head = `<h1>信用信息查询</h1>${searchForm(keyword)}`;
  if (!keyword) return { status: 200, title: '信用信息查询', html: `${head}<p>输入主体名称（至少2个字）或完整的18位统一社会信用代码，然后按“查询”。</p>` };
  if ([...keyword].length < 2) return { ...statusView(400, '查询关键词至少需要2个字。'), html: `${head}<p>查询关键词至少需要2个字。</p>` };
  const title = `“${keyword}”的查询结果`;
  if (CODE.test(keyword)) {
    const ran = await runFor(run, req, res, { query: BY_CODE, operationName: 'PortalServerCode', variables: { code: keyword.toUpperCase() } });
    if (!ran.ok) return { ...ran.view, html: `${head}${ran.view.html}` };
    const subject = ran.data.subject as SubjectRow | null;
    return { status: 200, title, html: `${head}${subject ? resultTable([subject]) : '<p>没有与该代码对应的主体。</p>'}` };
  }
  const ran = await runFor(run, req, res, { query: SEARCH, operationName: 'PortalServerSearch', variables: { keyword, first: PAGE_SIZE, after } });
  if (!ran.ok) return { ...ran.view, html: `${head}${ran.view.html}` };
  const found = ran.data.searchSubjects as { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: { node: SubjectRow }[] };
  const next = found.pageInfo.hasNextPage && found.pageInfo.endCursor
    ? `<p><a href="/search?q=${encodeURIComponent(keyword)}&amp;after=${encodeURIComponent(found.pageInfo.endCursor)}">下一页</a></p>` : '';
  const list = found.edges.length ? resultTable(found.edges.map((e) => e.node)) : '<p>没有找到符合条件的主体。</p>';
  return { status: 200, title, html: `${head}<p>共找到 <strong>${found.totalCount}</strong> 个主体。</p>${list}${next}` };
}

/** /subject/<code>: basic information, the number of records per section, and the full report (itself a server page). */
export async function subjectView(run: RunServerOperation, req: IncomingMessage, res: ServerResponse, rawCode: string): Promise<ServerView> {
  let code: string;
  try {
    code = decodeURIComponent(rawCode).trim().toUpperCase();
  } catch {
    return statusView(400, '地址中的代码不是有效的 URL 编码。');
  }
  const ran = await runFor(run, req, res, { query: subjectDocument(), operationName: 'PortalServerSubject', variables: { code } });
  if (!ran.ok) return ran.view;
  const s = ran.data.subject as (SubjectRow & { entityType?: string; legalRepresentative?: string; establishedOn?: string; profile: Record<string, { totalCount: number }> }) | null;
  if (!s) return statusView(404, `没有统一社会信用代码为 ${code} 的公示主体。`);
  const basics: [string, unknown][] = [
    ['统一社会信用代码', s.uscc], ['主体类别', SUBJECT_KINDS[s.subjectKind] ?? s.subjectKind], ['企业类型', s.entityType],
    ['法定代表人/负责人', s.legalRepresentative], ['成立日期', s.establishedOn], ['登记状态', s.status], ['登记机关', s.registrationAuthority],
  ];
  const sections = sectionsData().map((sec) => `<tr><th scope="row">${esc(sec.title)}</th><td>${s.profile[sec.key]?.totalCount ?? 0} 条</td></tr>`).join('');
  const report = `/report/${encodeURIComponent(s.uscc)}`;
  return {
    status: 200,
    title: s.name,
    html: `<h1>${esc(s.name)}</h1>
<table><caption>基本信息</caption>${basics.map(([k, v]) => `<tr><th scope="row">${k}</th><td>${esc(v)}</td></tr>`).join('')}</table>
<table><caption>公示信息</caption>${sections}</table>
<p>各类记录的全部内容见<a href="${report}">公共信用信息报告（公开版）</a>（<a href="${report}.pdf">PDF</a>）。</p>
<p><a href="/search">返回信用信息查询</a></p>`,
  };
}
