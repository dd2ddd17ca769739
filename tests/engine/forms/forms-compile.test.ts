import { describe, expect, it } from 'vitest';
import { compileForm } from '../../../engine/forms/index.ts';
import { formFixture } from './forms-fixture.ts';

describe('compileForm output', () => {
  const def = formFixture('work-order');
  const form = compileForm(def);

  it('is plain JSON: name, title, JSON Schema with x-sf annotations, layout', () => {
    const json = JSON.parse(JSON.stringify(form));
    expect(Object.keys(json).sort()).toEqual(['layout', 'name', 'schema', 'title']);
    expect(json.schema).toMatchObject({
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      type: 'object',
      additionalProperties: false,
      required: ['customerName', 'phone', 'settlement'],
    });
    expect(json.schema.properties.total).toMatchObject({
      type: 'number',
      minimum: 0,
      readOnly: true,
      'x-sf-type': 'money',
      'x-sf-compute': 'visitFee + transportFee + travelFee',
    });
    expect(json.schema.properties.visitFee['x-sf-visible-when']).toEqual({
      fact: 'data',
      path: '$.settlement',
      operator: 'equal',
      value: 'self',
    });
    expect(json.schema.properties.history).toMatchObject({
      type: 'array',
      maxItems: 3,
      items: { type: 'object', required: ['date', 'amount'], additionalProperties: false },
    });
    expect(json.schema.properties.phone['x-sf-label']).toEqual({ zh: '电话', en: 'Phone' });
  });

  it('lays fields out in the declared sections, with value pointers (rows use "-")', () => {
    expect(form.layout.sections.map((s) => s.title)).toEqual([
      { zh: '客户', en: 'Customer' },
      { zh: '本次服务', en: 'This service' },
      { zh: '结算', en: 'Settlement' },
      { zh: '客户意见', en: 'Customer opinion' },
    ]);
    const history = form.layout.sections[0]?.fields.find((f) => f.name === 'history');
    expect(history?.fields?.map((f) => f.pointer)).toEqual(['/history/-/date', '/history/-/kind', '/history/-/amount']);
    const total = form.layout.sections[2]?.fields.find((f) => f.name === 'total');
    expect(total).toMatchObject({
      pointer: '/total',
      readOnly: true,
      required: false,
      compute: 'visitFee + transportFee + travelFee',
    });
  });

  it('compiles a definition once', () => {
    expect(compileForm(def)).toBe(form);
  });
});
