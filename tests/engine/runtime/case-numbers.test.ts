// covers: P-7, INFO-1
// Human case numbers (issue 15 item 6): a workflow's `numbering` gives each new case a number such
// as BX-2026-00001, claimed in the creating commit — unique under concurrent creation (also from
// two engines on one database, as two servers would be), continued after a restart, restarting
// each year at midnight in the calendar's time zone, and carried by linked cases.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { formatIssue, loadDefinitions, allKinds, readDefinitionFiles } from '../../../engine/definitions/index.ts';
import { createDirectory } from '../../../engine/runtime/actor.ts';
import { VirtualClock } from '../../../engine/runtime/clock.ts';
import { createEngine } from '../../../engine/runtime/engine.ts';
import { counterIds } from '../../../engine/runtime/ids.ts';
import type { OrganizationSpec } from '../../../engine/org/organization.ts';
import { openSqliteStore } from '../../../adapters/sqlite/store/sqlite-store.ts';
import { createMemoryStore } from '../../../engine/store/memory-store.ts';
import type { Store } from '../../../engine/store/store.ts';
import { checkNumbering, compileNumbering } from '../../../engine/workflows/case-numbering.ts';
import { at, engineFixtureSet } from '../../helpers/engine-fixture.ts';

const seed = engineFixtureSet('definitions');
const org = seed.docs.find((d) => d.kind === 'Organization')!.spec as OrganizationSpec;
const directory = createDirectory(org.users!.map((u) => ({ username: u.username, unit: u.unit, roles: u.roles })));
const actor = (name: string) => {
  const u = directory.user(name)!;
  return { username: u.username, unit: u.unit, roles: u.roles };
};
const registration = (i: number) => ({
  customerName: `客户${i}`,
  address: '济南市经十路100号',
  phone: '13800138000',
  productModel: 'ZW32-12',
  serialNumber: `SN-${i}`,
  fault: '无法合闸',
});
const dir = mkdtempSync(join(tmpdir(), 'sf-numbers-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function engineOn(store: Store, clock: VirtualClock, prefix: string) {
  return createEngine({
    store,
    clock,
    ids: counterIds(prefix),
    directory: () => directory,
    current: () => seed,
    version: (v) => (v === seed.version ? seed : undefined),
  });
}

const seqOf = (n: string | undefined) => Number(/-(\d+)$/.exec(n ?? '')?.[1]);

describe('case numbers', () => {
  it('are unique and gapless when fifty repairs are created at once, and continue after a restart', async () => {
    // given a SQLite database and a clock in 2026 (Shanghai)
    const file = join(dir, 'parallel.db');
    const clock = new VirtualClock(at('2026-11-30T10:00:00+08:00'));
    const store = openSqliteStore(file);
    const engine = engineOn(store, clock, 'a');
    // when 50 repairs are registered concurrently
    const made = await Promise.all(
      Array.from({ length: 50 }, (_, i) => engine.createCase(actor('br1.staff'), 'repair', registration(i))),
    );
    // then they have the numbers BX-2026-00001 … 00050, each once, and the store finds each by it
    const numbers = made.map((c) => c.number!).sort();
    expect(numbers).toEqual(Array.from({ length: 50 }, (_, i) => `BX-2026-${String(i + 1).padStart(5, '0')}`));
    for (const c of made.slice(0, 5)) {
      expect(await store.caseIdByNumber(c.number!)).toBe(c.id);
      expect((await store.getCase(c.id))?.number).toBe(c.number);
    }
    expect(await store.lastCaseNumber('BX-2026-{seq}')).toBe(50);
    await store.close();

    // when the server restarts and registers one more
    const reopened = openSqliteStore(file);
    const next = await engineOn(reopened, clock, 'b').createCase(actor('br1.staff'), 'repair', registration(51));
    // then the count goes on
    expect(next.number).toBe('BX-2026-00051');
    await reopened.close();
  });

  it('stay unique when two engines (two servers) create on one database at the same time', async () => {
    const file = join(dir, 'two-servers.db');
    const clock = new VirtualClock(at('2026-11-30T10:00:00+08:00'));
    const one = openSqliteStore(file);
    const two = openSqliteStore(file);
    const engines = [engineOn(one, clock, 'x'), engineOn(two, clock, 'y')];
    // Each engine caches the series' last number; the other's commits make its claims stale.
    const made = await Promise.all(
      Array.from({ length: 30 }, (_, i) => engines[i % 2]!.createCase(actor('br1.staff'), 'repair', registration(i))),
    );
    const numbers = made.map((c) => c.number!);
    expect(new Set(numbers).size).toBe(30);
    expect(numbers.map(seqOf).sort((a, b) => a - b)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    await one.close();
    await two.close();
  });

  it('restart each year at midnight in the calendar time zone, not UTC', async () => {
    // given the Shanghai calendar (UTC+8): 2026-12-31 23:59 there is 15:59 UTC
    const clock = new VirtualClock(at('2026-12-31T23:58:00+08:00'));
    const engine = engineOn(createMemoryStore(), clock, 'y');
    const late = [
      await engine.createCase(actor('br1.staff'), 'repair', registration(1)),
      await engine.createCase(actor('br1.staff'), 'repair', registration(2)),
    ];
    expect(late.map((c) => c.number)).toEqual(['BX-2026-00001', 'BX-2026-00002']);
    // when the clock passes midnight in Shanghai (still 2026-12-31 in UTC)
    clock.set(at('2027-01-01T00:00:00+08:00'));
    expect(new Date(clock.now()).getUTCFullYear()).toBe(2026);
    const first = await engine.createCase(actor('br1.staff'), 'repair', registration(3));
    // then the new year's count starts at 1
    expect(first.number).toBe('BX-2027-00001');
  });

  it('give a refused registration no number: the next case takes the one it would have had', async () => {
    const engine = engineOn(createMemoryStore(), new VirtualClock(at('2026-11-30T10:00:00+08:00')), 'r');
    await expect(engine.createCase(actor('br1.staff'), 'repair', { customerName: '缺字段' })).rejects.toMatchObject({
      code: expect.any(String),
    });
    expect((await engine.createCase(actor('br1.staff'), 'repair', registration(1))).number).toBe('BX-2026-00001');
  });

  it('are shown in notifications and carried by linked cases, which have their own', async () => {
    const clock = new VirtualClock(at('2026-11-30T10:00:00+08:00'));
    const store = createMemoryStore();
    const engine = engineOn(store, clock, 'n');
    const repair = await engine.createCase(actor('br1.staff'), 'repair', registration(1));
    // the lead's notice names the number (the template says {{case.number}}), not the id
    const outbox = await store.outboxOf(repair.id);
    expect(outbox.some((o) => o.subject.includes('BX-2026-00001'))).toBe(true);
    expect(outbox.some((o) => o.subject.includes(repair.id))).toBe(false);
    // when a branch complaint is transferred, which starts a linked headquarters complaint
    const complaint = await engine.createCase(actor('br1.staff'), 'complaint', {
      customerName: '张三',
      address: '济南市经十路100号',
      phone: '13800138000',
      productModel: 'ZW32-12',
      purchaseDate: '2024-03-01',
      problem: '要求整批更换',
      channel: 'phone',
      about: 'product',
    });
    expect(complaint.number).toBe('TS-2026-00001');
    const transferred = await engine.sendEvent(complaint.id, {
      type: 'transfer-to-hq',
      data: { transferReason: '超出权限' },
      actor: actor('br1.cm'),
    });
    // then the linked case has the next number of its own series, and each link names the other's number
    const link = transferred.links.find((l) => l.name === 'hq-case')!;
    expect(link.number).toBe('TS-2026-00002');
    const hq = (await store.getCase(link.caseId))!;
    expect(hq.number).toBe('TS-2026-00002');
    expect(hq.links.find((l) => l.direction === 'parent')).toMatchObject({
      caseId: complaint.id,
      number: 'TS-2026-00001',
    });
  });

  it('are formatted from the pattern; a pattern without one {seq} or with an unknown placeholder is refused', () => {
    const monthly = compileNumbering({ prefix: 'YB', pattern: '{prefix}-{yyyy}{mm}-{seq:3}' });
    const series = monthly.seriesAt(at('2026-11-30T17:00:00Z'), 'Asia/Shanghai');
    expect(series).toBe('YB-202612-{seq}');
    expect(monthly.format(series, 7)).toBe('YB-202612-007');
    expect(monthly.format(series, 1234)).toBe('YB-202612-1234');
    expect(compileNumbering({ prefix: 'BX' }).format('BX-2026-{seq}', 1)).toBe('BX-2026-00001');
    expect(checkNumbering({ prefix: 'BX', pattern: '{prefix}-{yyyy}' }).map((p) => p.message)).toEqual([
      expect.stringContaining('no {seq}'),
    ]);
    expect(checkNumbering({ prefix: 'BX', pattern: '{prefix}-{week}-{seq}' }).map((p) => p.message)).toEqual([
      expect.stringContaining('unknown placeholder {week}'),
    ]);
    expect(checkNumbering({ pattern: '{prefix}-{seq}' }).map((p) => p.key)).toEqual(['prefix']);
    expect(checkNumbering({ prefix: 'BX', pattern: '{prefix} {seq}' }).map((p) => p.key)).toEqual(['pattern']);
  });

  it('are checked by validate with PATH:LINE:COLUMN', () => {
    const files = readDefinitionFiles('definitions').map((f) =>
      f.path.endsWith('workflows/repair.yaml')
        ? {
            ...f,
            text: f.text.replace("pattern: '{prefix}-{yyyy}-{seq:5}'", "pattern: '{prefix}-{yyyy}', calendar: lunar"),
          }
        : f,
    );
    const errors = loadDefinitions(files, allKinds)
      .issues.filter((i) => i.severity === 'error')
      .map(formatIssue);
    const line =
      files
        .find((f) => f.path.endsWith('workflows/repair.yaml'))!
        .text.split('\n')
        .findIndex((l) => l.includes('numbering:')) + 1;
    expect(errors).toEqual(
      expect.arrayContaining([
        expect.stringMatching(new RegExp(`repair\\.yaml:${line}:\\d+: the pattern has no \\{seq\\}`)),
        expect.stringMatching(new RegExp(`repair\\.yaml:${line}:\\d+: unknown Calendar "lunar"`)),
      ]),
    );
  });
});
