import { describe, expect, it } from 'vitest';
import { readDefinitionFiles, validateDefinitions } from '../engine/definitions/index.ts';

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
  validateDefinitions([...readDefinitionFiles('tests/fixtures/engine'), { path: 'l.yaml', text: ledger(value) }]).issues
    .filter((i) => i.at.file === 'l.yaml')
    .map((i) => ({ severity: i.severity, code: i.code, pointer: i.pointer, message: i.message, hint: i.hint }));

describe('expressions in ledgers and monthly reports', () => {
  it('refuses a hyphenated link name read with a dot, showing the bracket form', () => {
    expect(issues('=links.return-visit.data.result')).toEqual([
      expect.objectContaining({ severity: 'error', code: 'INVALID_EXPRESSION', pointer: '/spec/columns/0/value', hint: 'a name with a hyphen needs brackets: links["return-visit"]' }),
    ]);
  });

  it('accepts the bracket form and the camel-cased name', () => {
    expect(issues('=links["return-visit"].data.result')).toEqual([]);
    expect(issues('=links.returnVisit.data.result')).toEqual([]);
  });

  it('warns about a name the report facts do not have', () => {
    expect(issues('=dta.customerName')).toEqual([
      expect.objectContaining({ severity: 'warning', pointer: '/spec/columns/0/value', hint: 'names: data, case, events, links' }),
    ]);
  });
});
