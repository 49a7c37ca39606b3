/**
 * Errors as the public reads them: every API error code the portal can meet, in Chinese.
 * The API's own messages are English diagnostics for developers; they are not shown.
 */

export class PortalError extends Error {
  constructor(code, message) {
    super(message);
    this.name = 'PortalError';
    this.code = code;
  }

  /** Worth trying again as is (the input was fine, the service or the network was not). */
  get retryable() {
    return !['INVALID_USCC', 'BAD_USER_INPUT', 'NOT_FOUND', 'KEYWORD'].includes(this.code);
  }
}

/** GB 32100 check that failed (INVALID_USCC extensions.reason) → what to correct. */
const USCC_REASONS = {
  LENGTH: (c) => `统一社会信用代码应为18位，您输入的${c.code ? `“${c.code}”为${[...c.code].length}位` : '位数不对'}。`,
  CHARSET: () => '统一社会信用代码只能由数字和大写英文字母组成（不使用 I、O、S、V、Z）。',
  AUTHORITY_CATEGORY: () => '统一社会信用代码第1–2位（登记管理部门码、机构类别码）不正确。',
  DIVISION: () => '统一社会信用代码第3–8位（登记管理机关行政区划码）不正确。',
  CHECK_CHARACTER: () => '统一社会信用代码校验位（第18位）不正确，可能有字符输入错误。',
  ORG_CODE_CHECK: () => '统一社会信用代码第9–17位（组织机构代码）校验不正确，可能有字符输入错误。',
};

const MESSAGES = {
  NETWORK: () => '网络连接失败，暂时无法连接查询服务。请检查网络后重试。',
  HTTP: (c) => `查询服务暂时不可用${c.status ? `（HTTP ${c.status}）` : ''}，请稍后重试。`,
  INVALID_USCC: (c) => `统一社会信用代码格式不正确：${(USCC_REASONS[c.reason] ?? (() => '请核对后重新输入。'))(c)}`,
  NOT_FOUND: (c) => `未查询到统一社会信用代码为 ${c.code ?? ''} 的主体。该主体可能不存在，或其信息不在公示范围内。`,
  KEYWORD: () => '请输入至少2个字的主体名称，或完整的18位统一社会信用代码。',
  BAD_USER_INPUT: () => '查询条件不符合要求：请输入2至50个字的主体名称，或完整的18位统一社会信用代码。',
  RATE_LIMITED: (c) => `查询过于频繁，请${c.retryAfter ? ` ${c.retryAfter} 秒` : '稍'}后再试。`,
  RATE_LIMIT_UNAVAILABLE: () => '查询服务繁忙，请稍后再试。',
  TIMEOUT: () => '查询超时，请稍后再试。',
};

/** Chinese message for an error code; unknown codes get the generic text with the code for support. */
export function messageFor(code, context = {}) {
  const message = MESSAGES[code];
  return message ? message(context) : `查询服务出现错误，请稍后再试（错误代码：${code}）。`;
}
