import { describe, expect, it } from 'vitest';
import { readDefinitionFiles, validateDefinitions } from '../../../engine/definitions/index.ts';
import { ledgerLabels } from '../../../engine/reports/index.ts';

const ledger = (value: string) => `
apiVersion: serviceframe/v1
kind: Ledger
metadata: { name: l }
spec:
  workflows: [ticket]
  columns:
    - { name: c, title: C, value: '${value}' }
`;
const issues = (value: string) =>
  validateDefinitions([...readDefinitionFiles('tests/fixtures/engine'), { path: 'l.yaml', text: ledger(value) }])
    .issues.filter((i) => i.at.file === 'l.yaml')
    .map((i) => ({ severity: i.severity, code: i.code, pointer: i.pointer, message: i.message, hint: i.hint }));

describe('expressions in ledgers and monthly reports', () => {
  it('refuses a hyphenated link name read with a dot, showing the bracket form', () => {
    expect(issues('=links.return-visit.data.result')).toEqual([
      expect.objectContaining({
        severity: 'error',
        code: 'INVALID_EXPRESSION',
        pointer: '/spec/columns/0/value',
        hint: 'a name with a hyphen needs brackets: links["return-visit"]',
      }),
    ]);
  });

  it('accepts the bracket form and the camel-cased name', () => {
    expect(issues('=links["return-visit"].data.result')).toEqual([]);
    expect(issues('=links.returnVisit.data.result')).toEqual([]);
  });

  it('warns about a name the report facts do not have', () => {
    expect(issues('=dta.customerName')).toEqual([
      expect.objectContaining({
        severity: 'warning',
        pointer: '/spec/columns/0/value',
        hint: 'names: data, case, events, links',
      }),
    ]);
  });
});

describe('ledger columns filled when read, and shown by option labels (FORM-1)', () => {
  const form = (name: string, options: string) => ({
    path: `${name}.yaml`,
    text: `apiVersion: serviceframe/v1
kind: Form
metadata: { name: ${name} }
spec:
  fields:
    - name: mode
      type: enum
      label: Mode
      options:
${options}
    - name: extra
      type: group
      label: Extra
      fields:
        - { name: note, type: text, label: Note }
`,
  });
  const visit = form(
    'visit',
    `        - { value: on-site, label: { zh: 上门服务, en: On site } }
        - { value: phone, label: { zh: 电话服务, en: By phone } }`,
  );
  const call = form(
    'call',
    `        - { value: phone, label: { zh: 电话, en: Phone } }
        - { value: online, label: { zh: 网上, en: Online } }`,
  );
  const columns = (...lines: string[]) => `apiVersion: serviceframe/v1
kind: Ledger
metadata: { name: l }
spec:
  workflows: [ticket]
  columns:
${lines.map((l) => `    - ${l}`).join('\n')}
`;
  const found = (text: string) =>
    validateDefinitions([...readDefinitionFiles('tests/fixtures/engine'), visit, call, { path: 'l.yaml', text }])
      .issues.filter((i) => i.at.file === 'l.yaml')
      .map((i) => `${i.at.line}:${i.at.column} ${i.severity} ${i.message}`);

  it('accepts labels taken from fields with options and the values filled when the ledger is read', () => {
    expect(
      found(
        columns(
          "{ name: unit, value: '=ledger.unitTitle' }",
          "{ name: seq, value: '=ledger.seq', format: number }",
          "{ name: mode, value: '=data.mode', labels: [visit.mode, call.mode] }",
        ),
      ),
    ).toEqual([]);
  });

  it('refuses, each at its position, an unknown form or field, a field without options, and a read-time value that does not exist', () => {
    expect(
      found(
        columns(
          "{ name: a, value: '=data.mode', labels: [nowhere.mode] }",
          "{ name: b, value: '=data.mode', labels: [visit.nothing] }",
          "{ name: c, value: '=data.note', labels: [visit.extra.note] }",
          "{ name: d, value: '=ledger.total' }",
        ),
      ),
    ).toEqual([
      '7:48 error unknown Form "nowhere"',
      '8:48 error Form "visit" has no field "nothing"',
      '9:48 error field "visit.extra.note" has no options to take labels from',
      '10:25 error =ledger.total is not filled when the ledger is read',
    ]);
  });

  it("checks a monthly measure's group labels like a ledger column's, each at its position (issue 15)", () => {
    const report = (labels: string) => `apiVersion: serviceframe/v1
kind: MonthlyReport
metadata: { name: m }
spec:
  measures:
    - { name: byMode, workflows: [ticket], groupBy: '=data.mode', labels: ${labels} }
`;
    const said = (text: string) =>
      validateDefinitions([...readDefinitionFiles('tests/fixtures/engine'), visit, call, { path: 'm.yaml', text }])
        .issues.filter((i) => i.at.file === 'm.yaml')
        .map((i) => `${i.at.line}:${i.at.column} ${i.severity} ${i.message}`);
    expect(said(report('[visit.mode, call.mode]'))).toEqual([]);
    expect(said(report('[visit.mode, nowhere.mode, visit.extra.note]'))).toEqual([
      '6:88 error unknown Form "nowhere"',
      '6:102 error field "visit.extra.note" has no options to take labels from',
    ]);
  });

  it('maps each stored value to the label of the first field that has it', () => {
    const forms = new Map(
      [visit, call].map((f) => [
        f.path.replace('.yaml', ''),
        validateDefinitions([...readDefinitionFiles('tests/fixtures/engine'), f]).docs.find(
          ({ def }) => def.kind === 'Form' && def.metadata.name === f.path.replace('.yaml', ''),
        )!.def,
      ]),
    );
    const spec = {
      workflows: ['ticket'],
      columns: [
        { name: 'mode', value: '=data.mode', labels: ['visit.mode', 'call.mode'] },
        { name: 'plain', value: '=data.x' },
      ],
    };
    const labels = ledgerLabels(spec, (name) => forms.get(name) as never);
    expect([...labels.keys()]).toEqual(['mode']);
    expect(Object.fromEntries(labels.get('mode')!)).toEqual({
      'on-site': { zh: '上门服务', en: 'On site' },
      phone: { zh: '电话服务', en: 'By phone' },
      online: { zh: '网上', en: 'Online' },
    });
  });
});
