import { compileDataValidator } from '../engine/forms/form-ajv.ts';
import { compileCondition } from '../engine/conditions/index.ts';
import type { Definition } from '../engine/definitions/kind.ts';
import { compileForm, type FieldSpec, type FormSpec } from '../engine/forms/index.ts';
import type { BenchResult } from './bench-result.ts';

// A 60-field work order: 40 top-level fields of every kind, a 5-field group, a 5-field row
// template filled with 3 rows (15 values), conditions and a computed total.
const f = (name: string, type: string, extra: Partial<FieldSpec> = {}): FieldSpec => ({
  name,
  type,
  label: name,
  ...extra,
});
const selfPaid = { fact: 'data', path: '$.settlement', operator: 'equal', value: 'self' };
const fields: FieldSpec[] = [
  ...Array.from({ length: 8 }, (_, i) => f(`text${i}`, 'text', { maxLength: 50, required: i < 2 })),
  ...Array.from({ length: 4 }, (_, i) => f(`note${i}`, 'textarea')),
  f('phone', 'phone', { required: true }),
  f('mobile', 'mobile'),
  f('postcode', 'postcode'),
  f('uscc', 'uscc'),
  f('email', 'email'),
  f('purchaseDate', 'date'),
  f('serviceTime', 'datetime'),
  f('onSiteDate', 'date'),
  f('settlement', 'enum', {
    required: true,
    options: [
      { value: 'self', label: 'self' },
      { value: 'warranty', label: 'warranty' },
    ],
  }),
  f('visitFee', 'money', { visibleWhen: selfPaid, requiredWhen: selfPaid }),
  f('transportFee', 'money', { visibleWhen: selfPaid }),
  f('travelFee', 'money', { visibleWhen: selfPaid }),
  f('customerPaid', 'money'),
  f('total', 'money', { compute: 'visitFee + transportFee + travelFee' }),
  ...Array.from({ length: 5 }, (_, i) => f(`yes${i}`, 'yesno')),
  f('quality', 'number', { min: 1, max: 5 }),
  f('comments', 'textarea', {
    requiredWhen: { fact: 'data', path: '$.quality', operator: 'lessThanInclusive', value: 2 },
  }),
  f('signature', 'signature'),
  f('attachments', 'attachment', { multiple: true }),
  f('forms', 'enum', {
    multiple: true,
    options: [
      { value: 'a', label: 'a' },
      { value: 'b', label: 'b' },
    ],
  }),
  f('contact', 'group', {
    fields: [
      f('name', 'text', { required: true }),
      f('office', 'phone'),
      f('mobile', 'mobile'),
      f('home', 'phone'),
      f('email', 'email'),
    ],
  }),
  f('history', 'rows', {
    maxRows: 10,
    fields: [
      f('date', 'date', { required: true }),
      f('kind', 'text'),
      f('amount', 'money', { required: true }),
      f('ref', 'text'),
      f('ok', 'yesno'),
    ],
  }),
];
const def: Definition<FormSpec> = {
  apiVersion: 'serviceframe/v1',
  kind: 'Form',
  metadata: { name: 'big' },
  spec: { fields },
};
const row = { date: '2023-01-05', kind: 'repair', amount: 1200.5, ref: 'R-1', ok: true };
const data: Record<string, unknown> = {
  ...Object.fromEntries(Array.from({ length: 8 }, (_, i) => [`text${i}`, `value ${i}`])),
  ...Object.fromEntries(Array.from({ length: 4 }, (_, i) => [`note${i}`, 'some longer text'])),
  phone: '0571-8888888-123',
  mobile: '13812345678',
  postcode: '310000',
  uscc: '91350100M000100Y43',
  email: 'a@b.cn',
  purchaseDate: '2022-06-01',
  serviceTime: '2024-05-01T09:30:00+08:00',
  onSiteDate: '2024-05-02',
  settlement: 'self',
  visitFee: 80,
  transportFee: 20.5,
  travelFee: 100,
  customerPaid: 200.5,
  ...Object.fromEntries(Array.from({ length: 5 }, (_, i) => [`yes${i}`, i % 2 === 0])),
  quality: 4,
  signature: { image: 'data:image/png;base64,iVBORw0KGgo=', signedAt: '2024-05-01T10:00:00+08:00' },
  attachments: [{ id: 'f1', name: 'photo.png' }],
  forms: ['a'],
  contact: { name: 'Li', office: '010-12345678', mobile: '13912345678', home: '021-87654321', email: 'li@b.cn' },
  history: [row, row, row],
};

/**
 * Form validation of a 60-field work order (computed values, conditions, per-type checks) against
 * ajv validating the compiled JSON Schema alone, in the same run; and a compiled guard condition.
 */
export async function benchForms(): Promise<BenchResult[]> {
  const form = compileForm(def);
  if (!form.validate(data).ok) throw new Error('the benchmark form data must be valid');
  // ajv as the forms use it (same options and formats), so the baseline checks what ours checks.
  const plain = compileDataValidator(form.schema);
  const evaluated = form.evaluate(data).data;
  const ours = perCall(() => form.validate(data));
  const bare = perCall(() => plain(evaluated));
  const cond = compileCondition({
    all: [
      { fact: 'data', path: '$.customer.vip', operator: 'equal', value: true },
      {
        any: [
          { fact: 'data', path: '$.fees[0].amount', operator: 'greaterThan', value: 50 },
          { fact: 'actor', path: '$.roles', operator: 'contains', value: 'x' },
        ],
      },
    ],
  });
  const facts = { data: { customer: { vip: true }, fees: [{ amount: 80 }] }, actor: { roles: ['lead'] } };
  const guard = perCall(() => cond(facts));
  return [
    {
      name: 'forms.validate60',
      value: round(ours),
      unit: 'µs/validation',
      baseline: `ajv on the compiled JSON Schema alone: ${round(bare)} µs`,
      ratio: round(bare / ours),
    },
    { name: 'conditions.guard', value: round(guard, 3), unit: 'µs/evaluation' },
  ];
}

function perCall(f: () => unknown): number {
  for (let i = 0; i < 5_000; i++) f();
  let best = Infinity;
  for (let batch = 0; batch < 5; batch++) {
    const n = 5_000;
    const t0 = performance.now();
    for (let i = 0; i < n; i++) f();
    best = Math.min(best, ((performance.now() - t0) * 1000) / n);
  }
  return best;
}

function round(x: number, digits = 2): number {
  const k = 10 ** digits;
  return Math.round(x * k) / k;
}
