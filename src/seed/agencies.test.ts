import { loadCatalogBundle } from '../catalog/catalog.loader';
import { CatalogIndex } from '../catalog/catalog.index';
import { isValidUscc } from '../identifiers';
import { DEMO_AGENCIES } from './agencies';
import { AgencyPicker, missingSystems } from './agency-picker';
import { createRng } from '../identifiers';

describe('demo agencies', () => {
  it('have unique codes and unique, valid codes of the right kind', () => {
    expect(new Set(DEMO_AGENCIES.map((a) => a.code)).size).toBe(DEMO_AGENCIES.length);
    expect(new Set(DEMO_AGENCIES.map((a) => a.uscc)).size).toBe(DEMO_AGENCIES.length);
    expect(DEMO_AGENCIES.filter((a) => !isValidUscc(a.uscc))).toEqual([]);
    expect(DEMO_AGENCIES.filter((a) => a.kind !== 'PARTNER').every((a) => a.uscc.startsWith('11'))).toBe(true);
  });

  it('include the platform, branches at every level, a county court and partners', () => {
    const byName = (name: string) => DEMO_AGENCIES.find((a) => a.name === name);
    expect(byName('国家发展和改革委员会')).toMatchObject({ kind: 'PLATFORM', level: 'NATIONAL', system: 'NDRC' });
    expect(byName('江苏省市场监督管理局')).toMatchObject({ level: 'PROVINCE', system: 'SAMR' });
    expect(byName('南京市市场监督管理局')).toMatchObject({ level: 'PREFECTURE', system: 'SAMR' });
    expect(byName('南京市鼓楼区市场监督管理局')).toMatchObject({ level: 'COUNTY', system: 'SAMR' });
    expect(byName('南京市鼓楼区人民法院')).toMatchObject({ level: 'COUNTY', kind: 'COURT', system: 'SPC' });
    expect(DEMO_AGENCIES.filter((a) => a.kind === 'PARTNER').map((a) => a.system)).toEqual(expect.arrayContaining(['BANK', 'PRTC']));
  });

  it('cover every provider, share-rule agency and list decider of the shipped catalog', () => {
    const bundle = loadCatalogBundle();
    let id = 0;
    const ids = bundle.catalogs.flatMap((c) => c.items.map((i) => ({ id: ++id, versionId: c.id, code: i.code })));
    const catalog = new CatalogIndex(bundle, ids, new Set(bundle.catalogs.map((c) => c.id)));
    expect(missingSystems(new AgencyPicker(DEMO_AGENCIES), catalog, bundle)).toEqual([]);
  });

  it('prefer an agency near the subject and never one of another region', () => {
    const picker = new AgencyPicker(DEMO_AGENCIES);
    const rng = createRng(1);
    const picked = Array.from({ length: 300 }, () => picker.pick(rng, 'SAMR', '320102').regionCode);
    expect(picked.every((r) => ['320102', '320100', '320000', '100000'].includes(r))).toBe(true);
    expect(picked.filter((r) => r === '320102').length).toBeGreaterThan(120);
    expect(() => picker.pick(rng, 'SZ_HOUSING', '320102')).toThrow('no demo agency of system SZ_HOUSING serves region 320102');
  });
});
