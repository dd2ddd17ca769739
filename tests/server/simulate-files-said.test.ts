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

  it('say every kind of failure in Chinese, with titles and no English developer words', async () => {
    const probe = (name: string, steps: string) => `---
apiVersion: serviceframe/v1
kind: Scenario
metadata: { name: ${name}, title: 探针 }
spec:
  start: "2026-09-14T17:00:00+08:00"
  steps:
    - as: br1.staff
    - create: { workflow: repair, ref: r, data: { customerName: 孔先生, address: 济南市历下区泉城路1号, phone: "13800138101", productModel: ZW32-12, fault: 断路器拒动 } }
${steps}
`;
    const kinds: Record<string, [string, RegExp]> = {
      data: ['    - expect: { case: r, data: { customerName: 曹女士 } }', /「客户姓名」是 "孔先生"，应为 "曹女士"/],
      state: [
        '    - expect: { case: r, state: on-site, owner: br1.tech }',
        /当前状态是 已受理待派工，应为 现场维修；负责人是 戚客服，应为 谢师傅/,
      ],
      notes: [
        '    - expect: { case: r, notificationsInclude: [ { template: repair-assigned } ] }',
        /没有符合 模板：维修任务 的通知（已排队的通知：「报修已受理」发给 13800138101（短信）/,
      ],
      facts: [
        '    - expect: { case: r, scoreFactsInclude: [ { fact: norm-violation } ] }',
        /没有符合 事项：未按“真诚服务”规范服务/,
      ],
      archive: [
        '    - expect: { archive: { customer: 2 }, caseCount: 3 }',
        /「客户档案」档案有 1 条，应为 2 条；共有 1 个案件，应为 3 个/,
      ],
      refused: [
        '    - send: { case: r, event: arrive, as: br1.tech, data: {} }',
        /被拒绝：案件处于「已受理待派工」，现在不能「到达现场」/,
      ],
      history: ['    - expect: { case: r, history: [create, dispatch] }', /经过的事件是［新建］，应为［新建、派工］/],
    };
    const probes = {
      path: 'definitions/scenarios/probes.yaml',
      text: Object.entries(kinds)
        .map(([name, [steps]]) => probe(`probe-${name}`, steps))
        .join(''),
    };
    const results = await simulateFiles(
      [...readDefinitionFiles('definitions'), probes],
      Object.keys(kinds).map((k) => `probe-${k}`),
      NOW,
      'zh-CN',
    );
    expect(results).toHaveLength(Object.keys(kinds).length);
    for (const r of results) {
      const [, said] = kinds[r.name.replace('probe-', '')]!;
      expect(r.ok, r.name).toBe(false);
      expect(r.message, r.name).toMatch(said);
      // the file's path is the administrator's; nothing else is English
      expect(r.message!.replace(/definitions\/scenarios\/probes\.yaml:\d+:\d+/, ''), r.name).not.toMatch(
        /\b(is|expected|none|also|like|case|state|data|records?|cases|history|create|dispatch|arrive|NOT_ALLOWED|sms|inapp)\b/,
      );
      expect(r.failure, r.name).toMatch(/^step \d+ \(\w+\) at definitions\/scenarios\/probes\.yaml:\d+:\d+: /);
    }
  });
});
