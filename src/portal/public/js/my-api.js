/**
 * The signed-in subject's requests (我的信用): the same GraphQL API as the public pages, sent
 * with the session cookie and the session's CSRF token in X-CSRF-Token (src/http/authenticate.ts),
 * so the server answers as the SUBJECT and the one policy decides. Files go to POST /attachments
 * and come back from GET /attachments/<id> with the same two credentials.
 */
import { PortalError } from './errors.js';

let current;

/** The session (`{ signedIn, kind, recordsHeld, csrfToken }`), asked once per page load; signedIn false without sign-in. */
export function session({ fresh = false } = {}) {
  if (!current || fresh) {
    current = fetch('/auth/session', { credentials: 'same-origin', headers: { accept: 'application/json' } })
      .then((res) => (res.ok ? res.json() : { signedIn: false, offered: false }))
      .catch(() => ({ signedIn: false, offered: false }));
  }
  return current;
}

/** What the person reads for an error: Chinese first, the API's own diagnostic after it. */
const MESSAGES = {
  UNAUTHENTICATED: '登录已过期，请重新登录。',
  CSRF_TOKEN_INVALID: '页面已过期，请刷新页面后重试。',
  FORBIDDEN: '您无权进行此操作。',
  NOT_FOUND: '未找到该事项，或它不属于您。',
  BAD_USER_INPUT: '提交的内容不符合要求',
  BODY_LIMIT: '文件过大',
  NOT_ELIGIBLE: '暂不符合条件',
  INVALID_TRANSITION: '当前状态下不能办理此事项',
  EARLY_REMOVAL_TOO_SOON: '尚未满足提前移出名单的期限',
  NETWORK: '网络连接失败，请检查网络后重试。',
};

export function myError(code, detail) {
  const base = MESSAGES[code] ?? `操作未成功（错误代码：${code}）`;
  return new PortalError(code, detail ? `${base}：${detail}` : base);
}

async function send(url, init) {
  const s = await session();
  if (!s.signedIn) throw myError('UNAUTHENTICATED');
  let res;
  try {
    res = await fetch(url, { ...init, credentials: 'same-origin', headers: { ...init.headers, 'x-csrf-token': s.csrfToken } });
  } catch (err) {
    if (err?.name === 'AbortError') throw err;
    throw myError('NETWORK');
  }
  return res;
}

async function answer(res) {
  let body;
  try {
    body = await res.json();
  } catch {
    throw myError('HTTP', `HTTP ${res.status}`);
  }
  const first = body?.errors?.[0];
  if (first) throw myError(first.extensions?.code ?? 'UNKNOWN', first.message);
  return body.data;
}

/** One operation as the signed-in subject; resolves to `data`. */
export async function myGraphql(query, variables, { signal } = {}) {
  const res = await send('/graphql', {
    method: 'POST', signal,
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  return answer(res);
}

/** Uploads one File to an objection or a repair application; resolves to the stored Attachment. */
export async function uploadFile(kind, caseId, file) {
  const param = kind === 'OBJECTION' ? 'objectionId' : 'repairApplicationId';
  const res = await send(`/attachments?${param}=${encodeURIComponent(caseId)}`, {
    method: 'POST',
    headers: { 'content-type': file.type || 'application/octet-stream', 'x-file-name': encodeURIComponent(file.name) },
    body: file,
  });
  return (await answer(res)).attachFile;
}

/** Fetches an attachment with the session's token and hands it to the browser as a download. */
export async function downloadFile(path, fileName) {
  const res = await send(path, { method: 'GET', headers: {} });
  if (!res.ok) await answer(res);
  const url = URL.createObjectURL(await res.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
