import { parse } from 'yaml';
import { afterEach, describe, expect, it } from 'vitest';
import type { Definition } from '../../engine/definitions/kind.ts';
import { validateDefinitions } from '../../engine/definitions/index.ts';
import { compileForm, type FormSpec } from '../../engine/forms/index.ts';
import { readDefinitionFiles } from '../../engine/definitions/index.ts';
import { realServer, type RealServer } from '../helpers/real-server.ts';

const form = (yaml: string) => parse(yaml) as Definition<FormSpec>;
const errorsOf = (f: ReturnType<typeof compileForm>, data: Record<string, unknown>) => {
  const r = f.validate(data, { locale: 'en' });
  return r.ok ? [] : r.errors.map((e) => ({ path: e.path, code: e.code }));
};

// Issue 13 item 3: text fields without a declared maximum took anything (41 cases of 1 MB each
// from one customer). Every free-text field gets a default maximum unless its definition says otherwise.
describe('every text field has a maximum length', () => {
  it('gives text fields 500 characters and textarea fields 5,000 unless the field says otherwise', () => {
    const f = compileForm(
      form(`
apiVersion: serviceframe/v1
kind: Form
metadata: { name: limits-default }
spec:
  fields:
    - { name: name, type: text, label: Name }
    - { name: story, type: textarea, label: Story }
    - { name: long, type: textarea, label: Long, maxLength: 50000 }
    - name: lines
      type: rows
      label: Lines
      fields: [ { name: note, type: text, label: Note } ]
`),
    );
    expect(
      errorsOf(f, {
        name: 'x'.repeat(500),
        story: 'y'.repeat(5000),
        long: 'z'.repeat(50000),
        lines: [{ note: 'n'.repeat(500) }],
      }),
    ).toEqual([]);
    expect(
      errorsOf(f, {
        name: 'x'.repeat(501),
        story: 'y'.repeat(5001),
        long: 'z'.repeat(50001),
        lines: [{ note: 'n'.repeat(501) }],
      }),
    ).toEqual([
      { path: '/name', code: 'maxLength' },
      { path: '/story', code: 'maxLength' },
      { path: '/long', code: 'maxLength' },
      { path: '/lines/0/note', code: 'maxLength' },
    ]);
    // the renderer gets the limit too (the input's maxlength)
    expect(f.layout.sections[0]!.fields.find((x) => x.name === 'name')).toMatchObject({ maxLength: 500 });
  });

  it('takes the form-level default from spec.defaultMaxLength', () => {
    const f = compileForm(
      form(`
apiVersion: serviceframe/v1
kind: Form
metadata: { name: limits-form }
spec:
  defaultMaxLength: { text: 20, textarea: 20000 }
  fields:
    - { name: name, type: text, label: Name }
    - { name: story, type: textarea, label: Story }
    - { name: code, type: text, label: Code, maxLength: 40 }
`),
    );
    expect(errorsOf(f, { name: 'x'.repeat(20), story: 'y'.repeat(20000), code: 'c'.repeat(40) })).toEqual([]);
    expect(
      errorsOf(f, { name: 'x'.repeat(21), story: 'y'.repeat(20001), code: 'c'.repeat(41) }).map((e) => e.path),
    ).toEqual(['/name', '/story', '/code']);
  });

  it('refuses a defaultMaxLength for a type that is not free text, with its position', () => {
    const files = readDefinitionFiles('tests/fixtures/engine').map((f) =>
      f.path.endsWith('forms.yaml')
        ? {
            ...f,
            text: f.text.replace(
              'metadata: { name: ticket }\nspec:\n',
              'metadata: { name: ticket }\nspec:\n  defaultMaxLength: { money: 5 }\n',
            ),
          }
        : f,
    );
    const result = validateDefinitions(files, Date.parse('2026-11-26T00:00:00Z'));
    const errors = result.issues.filter((i) => i.severity === 'error');
    expect(errors[0]).toMatchObject({
      code: 'SCHEMA',
      pointer: '/spec/defaultMaxLength',
      at: { file: 'tests/fixtures/engine/forms.yaml', line: 5 },
    });
    expect(errors[0]!.message).toMatch(/"text", "textarea", "address"/);
  });
});

describe('attachments and signatures have size limits', () => {
  const f = compileForm(
    form(`
apiVersion: serviceframe/v1
kind: Form
metadata: { name: limits-files }
spec:
  fields:
    - { name: photo, type: attachment, label: Photo }
    - { name: photos, type: attachment, label: Photos, multiple: true }
    - { name: scans, type: attachment, label: Scans, multiple: true, maxFiles: 2, maxSize: 1000 }
    - { name: sign, type: signature, label: Signature }
`),
  );
  const file = (i: number, size = 1000) => ({ id: `f${i}`, name: `photo-${i}.jpg`, size, contentType: 'image/jpeg' });
  const signature = (length: number) => ({
    image: `data:image/png;base64,${'A'.repeat(length - 22)}`,
    signedAt: '2026-03-02T09:00:00Z',
  });

  it('accepts files and a signature within the limits', () => {
    expect(
      errorsOf(f, {
        photo: file(0, 20 * 1024 * 1024),
        photos: Array.from({ length: 20 }, (_, i) => file(i)),
        scans: [file(1), file(2)],
        sign: signature(256 * 1024),
      }),
    ).toEqual([]);
  });

  it('refuses a file over 20 MiB, a 21st file, a long name and a signature over 256 KiB', () => {
    expect(errorsOf(f, { photo: file(0, 20 * 1024 * 1024 + 1) }).map((e) => e.path)).toEqual(['/photo/size']);
    expect(errorsOf(f, { photos: Array.from({ length: 21 }, (_, i) => file(i)) }).map((e) => e.path)).toEqual([
      '/photos',
    ]);
    expect(errorsOf(f, { photo: { ...file(0), name: 'n'.repeat(256) } }).map((e) => e.path)).toEqual(['/photo/name']);
    expect(errorsOf(f, { scans: [file(1, 1001)] }).map((e) => e.path)).toEqual(['/scans/0/size']);
    expect(errorsOf(f, { scans: [file(1), file(2), file(3)] }).map((e) => e.path)).toEqual(['/scans']);
    expect(errorsOf(f, { sign: signature(256 * 1024 + 1) }).map((e) => e.path)).toEqual(['/sign/image']);
  });
});

describe('a customer cannot store a megabyte in a text field', () => {
  let s: RealServer | null = null;
  afterEach(async () => {
    await s?.close();
    s = null;
  });

  it('answers 422 with the field path and creates nothing', async () => {
    s = await realServer();
    const staff = await s.login('b1.staff');
    const big = await s.api('POST', '/api/cases', {
      token: staff,
      body: { workflow: 'ticket', data: { customerName: 'x'.repeat(1_000_000), phone: '13800000009' } },
    });
    expect(big.status).toBe(422);
    expect(big.body.errors).toEqual([expect.objectContaining({ path: '/customerName' })]);
    expect((await s.api('GET', '/api/cases?workflow=ticket', { token: staff })).body.items).toHaveLength(0);
    const fits = await s.api('POST', '/api/cases', {
      token: staff,
      body: { workflow: 'ticket', data: { customerName: 'x'.repeat(500), phone: '13800000009' } },
    });
    expect(fits.status).toBe(201);
  });
});
