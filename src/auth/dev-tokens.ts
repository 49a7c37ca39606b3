/**
 * Development tokens, one per role, printed at start-up in embedded mode and by
 * `npm run token`. They are ordinary tokens signed with the dev key: nothing in the server
 * treats them specially.
 */
import type { AgencyRow } from '../modules/agency/agency.repo';
import type { Role } from './principal';
import { issueToken, type TokenClaims } from './tokens';
import { DEV_TOKEN_TTL_SECONDS } from './token-keys';

export interface DevToken {
  role: Role;
  bound: string;
  token: string;
}

/** Picks a representative agency for each agency-bound role from the directory. */
function pick(agencies: AgencyRow[], test: (a: AgencyRow) => boolean): AgencyRow | undefined {
  return agencies.filter(test).sort((a, b) => a.code.localeCompare(b.code))[0];
}

export async function devTokens(secret: Buffer, agencies: AgencyRow[], subjectId: number | undefined): Promise<DevToken[]> {
  const wanted: Array<[Exclude<Role, 'PUBLIC'>, AgencyRow | undefined]> = [
    // The public-resource trading centre: its agreement grants the purpose the GraphiQL presets declare.
    ['PARTNER', pick(agencies, (a) => a.kind === 'PARTNER' && a.system === 'PRTC') ?? pick(agencies, (a) => a.kind === 'PARTNER')],
    // The market regulator of the sample company's city (320100): the examples' records, listings
    // and decisions are inside its jurisdiction (src/policy/jurisdiction.ts).
    ['DEPARTMENT', pick(agencies, (a) => a.kind === 'DEPARTMENT' && a.system === 'SAMR' && a.level === 'PREFECTURE' && a.regionCode === '320100')
      ?? pick(agencies, (a) => a.kind === 'DEPARTMENT')],
    ['CATALOG_ADMIN', pick(agencies, (a) => a.kind === 'PLATFORM')],
    ['AUDITOR', pick(agencies, (a) => a.kind === 'PLATFORM')],
  ];
  const out: DevToken[] = [];
  for (const [role, agency] of wanted) {
    if (!agency) continue;
    const claims: TokenClaims = { role, sub: `dev-${role.toLowerCase()}`, agency: agency.code };
    out.push({ role, bound: `${agency.code} ${agency.name}`, token: await issueToken(secret, claims, DEV_TOKEN_TTL_SECONDS) });
  }
  if (subjectId !== undefined) {
    const token = await issueToken(secret, { role: 'SUBJECT', sub: `dev-subject-${subjectId}`, subject: subjectId }, DEV_TOKEN_TTL_SECONDS);
    out.push({ role: 'SUBJECT', bound: `subject #${subjectId}`, token });
  }
  return out;
}
