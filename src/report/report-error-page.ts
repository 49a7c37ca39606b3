/**
 * The error pages of the report routes: Chinese, self-contained, with the HTTP status, the
 * stable error code and the API's own message (it names the problem, e.g. which character of
 * a code is wrong), so a person reading the page and a developer reading the code agree.
 */
import { escapeHtml, REPORT_FONT_FACE } from './report-html';

const TITLES: Record<number, string> = {
  400: '请求有误',
  401: '身份认证失败',
  403: '无权查看',
  404: '未找到信用主体',
  405: '不支持的请求方法',
  413: '请求过大',
  429: '请求过于频繁',
  500: '服务器内部错误',
  503: '服务暂不可用',
};

const ADVICE: Record<number, string> = {
  400: '请核对统一社会信用代码（18 位，GB 32100）或自然人的居民身份证号码（18 位，GB 11643）后重试。',
  401: '所附令牌无效或已过期，请重新获取令牌；不附令牌即以社会公众身份查询公开版报告。',
  403: '您的身份或所申报的用途（X-Purpose）不允许获取该报告。',
  404: '没有与该代码对应、且您可以查看的信用主体。',
  429: '请稍后再试。',
  503: '请稍后再试。',
};

export interface ErrorPageInput {
  status: number;
  code: string;
  message: string;
  requestId?: string;
}

export function renderErrorPage(e: ErrorPageInput): string {
  const title = TITLES[e.status] ?? '无法生成报告';
  const advice = ADVICE[e.status] ?? '请稍后重试；如问题持续，请向系统管理员提供下方的请求编号。';
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head><meta charset="utf-8"><meta name="robots" content="noindex"><title>${e.status} ${escapeHtml(title)} · 公共信用信息报告</title>
<style>${REPORT_FONT_FACE}
body{font-family:"Noto Sans CJK SC","Noto Sans SC","PingFang SC","Microsoft YaHei","Report Noto Sans SC",sans-serif;max-width:40em;margin:12vh auto;padding:0 1em;color:#111;line-height:1.6}
h1{font-size:1.5em;color:#8b0000}code{background:#f2f2f2;padding:0 .3em}.detail{color:#444}</style></head>
<body>
<h1>${e.status} ${escapeHtml(title)}</h1>
<p>${escapeHtml(advice)}</p>
<p class="detail">错误代码：<code>${escapeHtml(e.code)}</code></p>
<p class="detail">详细信息：${escapeHtml(e.message)}</p>
${e.requestId ? `<p class="detail">请求编号：<code>${escapeHtml(e.requestId)}</code></p>` : ''}
</body>
</html>
`;
}
