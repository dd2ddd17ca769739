// covers: P-6, SL-1
import { describe, expect, it } from 'vitest';
import { readDefinitionFiles } from '../../engine/definitions/index.ts';
import { simulateFiles } from '../../server/definitions/simulate-files.ts';

// The seed with the on-site promise cut to 12 hours, which the 24-hour scenario contradicts.
const files = readDefinitionFiles('definitions').map((f) =>
  f.path.endsWith('sla/repair-on-site.yaml')
    ? { ...f, text: f.text.replace('target: { duration: 24h', 'target: { duration: 12h') }
    : f,
);
const NOW = Date.parse('2026-12-08T00:00:00Z');

describe("the editor's scenario results (issue 15)", () => {
  it("say a failure in Chinese, with the policy's title and times in the calendar's zone", async () => {
    const [r] = await simulateFiles(files, ['repair-24-hours'], NOW, 'zh-CN');
    expect(files.some((f) => f.text.includes('duration: 12h'))).toBe(true);
    expect(r).toMatchObject({ name: 'repair-24-hours', title: { zh: '报修24小时内上门' }, ok: false });
    expect(r!.message).toMatch(
      /^第 3 步（检查结果，definitions\/scenarios\/repair-24-hours\.yaml:15:7）：时限「24小时上门服务」的截止时间是 2026\/09\/15 05:00，应为 2026\/09\/15 17:00$/,
    );
    expect(r).not.toHaveProperty('said');
  });

  it('keep the English the command line prints, and say it in English to an English reader', async () => {
    const [r] = await simulateFiles(files, ['repair-24-hours'], NOW, 'en');
    expect(r!.failure).toMatch(
      /^step 3 \(expect\) at definitions\/scenarios\/repair-24-hours\.yaml:15:7: deadline of repair-on-site is 2026-09-15T05:00:00\+08:00, expected 2026-09-15T17:00:00\+08:00 \(policy repair-on-site: 12h/,
    );
    expect(r!.message).toBe(r!.failure);
  });

  it('pass with the seed as it is', async () => {
    const [r] = await simulateFiles(readDefinitionFiles('definitions'), ['repair-24-hours'], NOW, 'zh-CN');
    expect(r).toEqual({ name: 'repair-24-hours', title: expect.anything(), ok: true, steps: expect.any(Number) });
  });
});
