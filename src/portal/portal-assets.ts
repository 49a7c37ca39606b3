/**
 * The portal's static files (src/portal/public), read once at start-up and held in memory.
 * Their combined hash is the asset version: the page refers to `/portal/<version>/…`, so
 * every file can be cached for a year and a new deployment is fetched at once (modules import
 * each other relatively, so they inherit the versioned prefix without a build step).
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

export interface Asset {
  readonly body: Buffer;
  readonly contentType: string;
  /** Strong validator: a hash of the body. */
  readonly etag: string;
}

export interface PortalAssets {
  /** Short hash of every file: the versioned prefix of the asset URLs. */
  readonly version: string;
  /** The application page, with the asset prefix filled in. */
  readonly page: Asset;
  /** Files by their path under public/, e.g. `js/app.js`. */
  readonly files: ReadonlyMap<string, Asset>;
}

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.json': 'application/json; charset=utf-8',
};

const PAGE_FILE = 'index.html';

/** File names the asset URLs may carry: lower-case path segments, one extension. */
export const ASSET_NAME = '[a-z0-9-]+(?:/[a-z0-9-]+)*\\.[a-z]+';
const ASSET_NAME_RE = new RegExp(`^${ASSET_NAME}$`);
const PLACEHOLDER = /%([A-Z_]+)%/g;

function asset(body: Buffer, contentType: string): Asset {
  return { body, contentType, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"` };
}

/**
 * Running from src/ (swc-node, jest) the files sit beside this module; from a tsc build
 * (dist/src/portal) they are not copied, so the source tree's copy is used.
 */
export function publicDirectory(): string {
  const candidates = [path.join(__dirname, 'public'), path.resolve(__dirname, '../../../src/portal/public')];
  const found = candidates.find((dir) => existsSync(path.join(dir, PAGE_FILE)));
  if (!found) throw new Error(`portal: no ${PAGE_FILE} in ${candidates.join(' or ')}`);
  return found;
}

function listFiles(dir: string, prefix = ''): string[] {
  return readdirSync(dir).sort().flatMap((name) => {
    const full = path.join(dir, name);
    const rel = prefix ? `${prefix}/${name}` : name;
    return statSync(full).isDirectory() ? listFiles(full, rel) : [rel];
  });
}

/**
 * Reads every file under `dir`, and adds the `generated` ones (path → text, e.g. the module of
 * record kinds built from the descriptors); both count in the version. In index.html,
 * `%ASSET_BASE%` becomes `/portal/<version>` and every other `%NAME%` the value given for it (a
 * name without a value is an error at start-up).
 */
export function loadPortalAssets(
  pageValues: Readonly<Record<string, string>> = {},
  dir: string = publicDirectory(),
  generated: Readonly<Record<string, string>> = {},
): PortalAssets {
  const raw = new Map<string, Buffer>();
  const add = (rel: string, body: () => Buffer) => {
    const ext = path.extname(rel);
    if (!ASSET_NAME_RE.test(rel)) throw new Error(`portal: ${rel} cannot be served; name files in lower case, digits and hyphens`);
    if (!CONTENT_TYPES[ext]) throw new Error(`portal: ${rel} has no known content type; add ${ext} to CONTENT_TYPES or remove the file`);
    if (raw.has(rel)) throw new Error(`portal: ${rel} is generated; remove the file of that name from ${dir}`);
    raw.set(rel, body());
  };
  for (const rel of listFiles(dir)) add(rel, () => readFileSync(path.join(dir, rel)));
  for (const [rel, text] of Object.entries(generated).sort(([a], [b]) => a.localeCompare(b))) add(rel, () => Buffer.from(text));
  const template = raw.get(PAGE_FILE);
  if (!template) throw new Error(`portal: ${PAGE_FILE} missing in ${dir}`);
  const hash = createHash('sha256');
  for (const [rel, body] of raw) hash.update(rel).update('\0').update(body);
  const version = hash.digest('hex').slice(0, 12);
  const values: Record<string, string> = { ...pageValues, ASSET_BASE: `/portal/${version}` };
  const html = template.toString('utf8').replace(PLACEHOLDER, (_, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`portal: ${PAGE_FILE} uses %${name}% but no value is given for it`);
    return escapeAttribute(value);
  });
  const page = asset(Buffer.from(html), CONTENT_TYPES['.html']!);
  const files = new Map<string, Asset>();
  for (const [rel, body] of raw) {
    if (rel !== PAGE_FILE) files.set(rel, asset(body, CONTENT_TYPES[path.extname(rel)]!));
  }
  return { version, page, files };
}

function escapeAttribute(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * The CJK fallback fonts (Noto Sans Hans, SIL OFL, the PDF report's fonts too), served only to
 * browsers with no local CJK font (portal.css, the HTML report's @font-face). Not subset: the
 * records carry names and text in any of the ~27,000 CJK characters, and a subset would draw
 * □ for the rare ones; they are sent compressed instead (gzip 8.4 → 7.3 MB; CFF outlines are
 * already dense, so brotli gains little more) and cached for a year under an immutable URL.
 */
export const FALLBACK_FONT_NAMES = ['NotoSansHans-Regular.otf', 'NotoSansHans-Bold.otf'] as const;
export const FALLBACK_FONT_PREFIX = '/portal/fonts/';
export const FALLBACK_FONT_URL = `${FALLBACK_FONT_PREFIX}${FALLBACK_FONT_NAMES[0]}`;
export const FALLBACK_BOLD_FONT_URL = `${FALLBACK_FONT_PREFIX}${FALLBACK_FONT_NAMES[1]}`;

export function loadFallbackFont(name: string = FALLBACK_FONT_NAMES[0]): Asset | undefined {
  let file: string;
  try {
    // The package exports only its entry (dist/index.cjs); the fonts sit beside dist/.
    file = path.join(path.dirname(require.resolve('@embedpdf/fonts-sc')), '..', 'fonts', name);
  } catch {
    return undefined;
  }
  // 8 MB, requested rarely: read on first use rather than held from start-up.
  return existsSync(file) ? lazyAsset(file, 'font/otf') : undefined;
}

function lazyAsset(file: string, contentType: string): Asset {
  let loaded: Asset | undefined;
  const load = () => (loaded ??= asset(readFileSync(file), contentType));
  return {
    get body() { return load().body; },
    contentType,
    get etag() { return load().etag; },
  };
}
