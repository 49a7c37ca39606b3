/**
 * A minimal browser for sign-in flows: follows redirects itself (fetch's redirect: 'manual'),
 * keeps cookies per name and path, sends them back by path prefix, honours Max-Age=0 and
 * expired cookies. No Secure handling: the tests run over plain http on loopback, where the
 * server's cookies are not Secure (src/modules/session/session-cookie.ts).
 */
export interface Page {
  status: number;
  url: string;
  headers: Headers;
  text: string;
  /** Every Location followed on the way, in order. */
  hops: string[];
}

interface Cookie { value: string; path: string }

export class Browser {
  private readonly jar = new Map<string, Cookie>();

  constructor(readonly origin: string) {}

  cookie(name: string): string | undefined {
    return this.jar.get(name)?.value;
  }

  setCookie(name: string, value: string, path = '/'): void {
    this.jar.set(name, { value, path });
  }

  deleteCookie(name: string): void {
    this.jar.delete(name);
  }

  private cookieHeader(url: URL): string | undefined {
    const parts = [...this.jar].filter(([, c]) => url.pathname === c.path || url.pathname.startsWith(c.path.endsWith('/') ? c.path : `${c.path}/`))
      .map(([name, c]) => `${name}=${c.value}`);
    return parts.length ? parts.join('; ') : undefined;
  }

  private store(url: URL, res: Response): void {
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attrs] = line.split(';').map((s) => s.trim());
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq);
      const value = pair!.slice(eq + 1);
      const attr = (key: string) => attrs.find((a) => a.toLowerCase().startsWith(`${key}=`))?.split('=').slice(1).join('=');
      const maxAge = attr('max-age');
      const expires = attr('expires');
      const gone = (maxAge !== undefined && Number(maxAge) <= 0) || (expires !== undefined && Date.parse(expires) <= Date.now());
      if (gone) this.jar.delete(name);
      else this.jar.set(name, { value, path: attr('path') ?? (url.pathname.replace(/\/[^/]*$/, '') || '/') });
    }
  }

  /** One request, no redirect followed. */
  async fetch(target: string, init: RequestInit = {}): Promise<Response> {
    const url = new URL(target, this.origin);
    const headers = new Headers(init.headers);
    const cookies = this.cookieHeader(url);
    if (cookies && !headers.has('cookie')) headers.set('cookie', cookies);
    const res = await fetch(url, { ...init, headers, redirect: 'manual' });
    this.store(url, res);
    return res;
  }

  /** A request, then every redirect (as GET), as a browser navigating. */
  async navigate(target: string, init: RequestInit = {}, maxHops = 12): Promise<Page> {
    let url = new URL(target, this.origin).href;
    let res = await this.fetch(url, init);
    const hops: string[] = [];
    while (res.status >= 300 && res.status < 400 && res.headers.get('location')) {
      if (hops.length >= maxHops) throw new Error(`more than ${maxHops} redirects: ${hops.join(' → ')}`);
      await res.arrayBuffer();
      url = new URL(res.headers.get('location')!, url).href;
      hops.push(url);
      res = await this.fetch(url);
    }
    return { status: res.status, url, headers: res.headers, text: await res.text(), hops };
  }

  /** Submits a form as a browser does (application/x-www-form-urlencoded), following redirects. */
  submit(action: string, fields: Record<string, string>, maxHops?: number): Promise<Page> {
    return this.navigate(action, {
      method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields).toString(),
    }, maxHops);
  }
}

/** The action of the first form on a page. */
export function formAction(html: string): string {
  const match = /<form[^>]*action="([^"]+)"/.exec(html);
  if (!match) throw new Error(`no form on the page: ${html.slice(0, 300)}`);
  return match[1]!.replace(/&#(\d+);/g, (_, n) => String.fromCharCode(Number(n)));
}
