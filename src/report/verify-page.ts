/**
 * GET /verify (报告验证): the page a report's QR code opens, `?n=<报告编号>&c=<校验码>`, and a form
 * for typing both in. Server-rendered, so it answers on any phone without scripts; the answer
 * comes from running the public `verifyReport` query for the caller through the /graphql
 * pipeline (request budgets included), so the page says exactly what the API says: "authentic,
 * issued at T, edition E", or one uniform "not verified" — never whose report it is.
 */
import type { PageRoute } from '../http/app';
import { escapeHtml } from './report-html';
import { shanghaiTime } from './report-model';
import type { RunServerOperation } from './report-route';

const VERIFY_DOCUMENT = 'query VerifyReportPage($n: String!, $c: String!) { verifyReport(reportNumber: $n, checkCode: $c) { verified issuedAt edition } }';

type Answer =
  | { kind: 'form' }
  | { kind: 'verified'; issuedAt: string; edition: string }
  | { kind: 'not-verified' }
  | { kind: 'error'; status: number; message: string };

const EDITION: Record<string, string> = { PUBLIC: '公开版', FULL: '完整版' };

function page(n: string, c: string, answer: Answer): string {
  const result = answer.kind === 'verified'
    ? `<div class="ok" role="status"><h2>验证通过</h2><p>该报告编号与校验码对应本平台出具的报告：生成于 ${escapeHtml(shanghaiTime(answer.issuedAt))}（北京时间），${escapeHtml(EDITION[answer.edition] ?? answer.edition)}。</p>
<p>请逐页核对纸质或电子报告上的报告编号、生成时间与版本与此一致；校验码由报告内容计算，内容被改动的报告不会出自本平台。</p></div>`
    : answer.kind === 'not-verified'
      ? '<div class="bad" role="status"><h2>未通过验证</h2><p>本平台没有出具过报告编号与校验码如此对应的报告。请核对输入；如仍不通过，该报告不可信。</p></div>'
      : answer.kind === 'error'
        ? `<div class="bad" role="alert"><h2>无法验证</h2><p>${escapeHtml(answer.message)}</p></div>`
        : '';
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex">
<title>报告验证 · 公共信用信息</title>
<style>body{font-family:"Noto Sans CJK SC","Noto Sans SC","PingFang SC","Microsoft YaHei",sans-serif;max-width:40em;margin:6vh auto;padding:0 1em;color:#111;line-height:1.6}
h1{font-size:1.5em;color:#8b0000}label{display:block;margin:.8em 0 .2em;font-weight:bold}input{width:100%;box-sizing:border-box;font:inherit;padding:.4em;border:1px solid #888;border-radius:3px}
button{margin-top:1em;font:inherit;padding:.4em 1.4em;background:#8b0000;color:#fff;border:0;border-radius:3px}.ok{border-left:4px solid #1b6e20;padding:.2em 1em;background:#eef7ee}
.bad{border-left:4px solid #8b0000;padding:.2em 1em;background:#fbeeee}.ok h2,.bad h2{font-size:1.2em;margin:.4em 0}.note{color:#444;font-size:.9em}</style></head>
<body>
<h1>公共信用信息报告验证</h1>
${result}
<form method="get" action="/verify">
<label for="n">报告编号</label><input id="n" name="n" required autocomplete="off" placeholder="XYBG-20260101-ABCDEFGHJK" value="${escapeHtml(n)}">
<label for="c">校验码</label><input id="c" name="c" required autocomplete="off" placeholder="16 位，如 3F2A 9C01 7B44 E0D2" value="${escapeHtml(c)}">
<button type="submit">验证</button>
</form>
<p class="note">验证只回答报告是否由本平台出具及其生成时间和版本，不显示报告内容或信用主体。报告编号与校验码印在报告首页及每页页脚；扫描报告上的二维码可直接打开本页。</p>
<p class="note"><a href="/">返回首页</a></p>
</body>
</html>
`;
}

export function verifyRoute(run: RunServerOperation): PageRoute {
  return {
    matches: (pathname) => pathname === '/verify',
    async handle(req, res, url) {
      res.setHeader('cache-control', 'no-store');
      res.setHeader('x-content-type-options', 'nosniff');
      // The code in the address must not travel on to another site in a Referer.
      res.setHeader('referrer-policy', 'no-referrer');
      res.setHeader('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'");
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.statusCode = 405;
        res.setHeader('allow', 'GET, HEAD');
        res.end();
        return;
      }
      const n = (url.searchParams.get('n') ?? '').slice(0, 64);
      const c = (url.searchParams.get('c') ?? '').slice(0, 128);
      const answer = n || c ? await ask(run, req, res, n, c) : ({ kind: 'form' } as const);
      res.statusCode = answer.kind === 'error' ? answer.status : 200;
      res.setHeader('content-type', 'text/html; charset=utf-8');
      res.end(page(n, c, answer));
    },
  };
}

async function ask(run: RunServerOperation, req: Parameters<RunServerOperation>[0], res: Parameters<RunServerOperation>[1], n: string, c: string): Promise<Answer> {
  if (!n || !c) return { kind: 'error', status: 400, message: '请同时填写报告编号和校验码。' };
  const outcome = await run(req, res, { query: VERIFY_DOCUMENT, operationName: 'VerifyReportPage', variables: { n, c } });
  if (outcome.kind === 'refused') return { kind: 'error', status: res.statusCode >= 400 ? res.statusCode : 400, message: outcome.error.message };
  const error = outcome.result.errors?.[0];
  if (error) {
    const bad = error.extensions?.code === 'BAD_USER_INPUT';
    return { kind: 'error', status: bad ? 400 : 500, message: bad ? error.message : '验证服务暂时不可用，请稍后再试。' };
  }
  const v = (outcome.result.data as { verifyReport?: { verified: boolean; issuedAt: string | null; edition: string | null } } | undefined)?.verifyReport;
  return v?.verified && v.issuedAt && v.edition ? { kind: 'verified', issuedAt: v.issuedAt, edition: v.edition } : { kind: 'not-verified' };
}
