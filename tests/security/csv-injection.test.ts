// Issue 13, item 8: formulas in exported CSV are neutralised even behind the characters a
// spreadsheet skips (NUL, newlines, spaces, no-break and zero-width spaces, byte-order marks) and
// in full width (＝); text fields refuse NUL and other control characters at input.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Definition } from '../../engine/definitions/kind.ts';
import { compileForm } from '../../engine/forms/index.ts';
import type { FormSpec } from '../../engine/forms/form-model.ts';
import { toCsv } from '../../server/reports/csv.ts';
import { listen, type Listening } from '../helpers/listening-server.ts';
import { testServer, ticketData, type TestServer } from '../server/server-support.ts';

const LEADS = ['', '\u0000', '\n', '\r\n', ' ', '  ', '\u00A0', '\u200B', '\uFEFF', '\u3000', '\t', ' \u200B\u00A0'];
const FORMULAS = ['=1+1', '+1+1', '-1+1', '@SUM(A1)', '=HYPERLINK("http://x")', '＝1+1', '＋1', '－1+1', '＠SUM(A1)'];

/** The one cell's CSV text (it may hold line breaks itself, inside its quotes). */
const cellOf = (value: string) => toCsv(['h'], [[value]]).slice('\uFEFF"h"\r\n'.length, -2);

describe('CSV export', () => {
  it('neutralises a formula behind any characters a spreadsheet skips, and in full width', () => {
    for (const lead of LEADS) {
      for (const formula of FORMULAS) {
        const value = lead + formula;
        expect(cellOf(value), JSON.stringify(value)).toBe(`"'${value.replace(/"/g, '""')}"`);
      }
    }
  });

  it('leaves data alone: numbers, text, text with a formula sign inside', () => {
    for (const value of ['-12.5', '42', '张三', 'a=b', 'Zhang Wei', 'x-1', ' plain'])
      expect(cellOf(value)).toBe(`"${value}"`);
  });
});

const textForm = {
  apiVersion: 'serviceframe/v1',
  kind: 'Form',
  metadata: { name: 'probe' },
  spec: {
    fields: [
      { name: 'name', type: 'text', label: 'Name' },
      { name: 'notes', type: 'textarea', label: 'Notes' },
    ],
  },
} as unknown as Definition<FormSpec>;

describe('text fields at input', () => {
  it('refuse NUL and other control characters, in text and textarea, with the field and a message', () => {
    const form = compileForm(textForm);
    for (const bad of ['\u0000', 'a\u0000=1+1', '\u001b[31m', '\u0007', '\u007f', '\u0085', 'x\u000by']) {
      for (const field of ['name', 'notes']) {
        const result = form.validate({ [field]: bad }, { locale: 'en' });
        expect(result.ok ? [] : result.errors.map((e) => [e.path, e.code]), JSON.stringify(bad)).toEqual([
          [`/${field}`, 'controlCharacter'],
        ]);
        if (!result.ok) expect(result.errors[0]!.message).toMatch(/control character/);
      }
    }
    const zh = form.validate({ name: 'a\u0000' });
    expect(zh.ok ? '' : zh.errors[0]!.message).toMatch(/控制字符/);
  });

  it('accept tabs and line breaks in a text area, and every printable character', () => {
    const form = compileForm(textForm);
    expect(form.validate({ name: 'Zhang\tWei 张三 ＝ 😀', notes: 'line one\r\nline two\n\tindented' }).ok).toBe(true);
  });
});

describe('over HTTP', () => {
  let t: TestServer;
  let http: Listening;
  let staff: string;
  beforeAll(async () => {
    t = await testServer();
    http = await listen(t);
    staff = await t.login('b1.staff');
  });
  afterAll(async () => {
    await http.close();
    await t.close();
  });

  it('refuses a case whose text holds NUL with a field error, and stores nothing', async () => {
    const before = (await http.call('GET', '/api/cases', { token: staff })).body.items.length;
    const res = await http.call('POST', '/api/cases', {
      token: staff,
      body: { workflow: 'ticket', data: ticketData('Zhang\u0000=1+1') },
    });
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([
      expect.objectContaining({
        path: expect.stringMatching(/customerName$/),
        message: expect.stringMatching(/控制字符|control character/),
      }),
    ]);
    expect((await http.call('GET', '/api/cases', { token: staff })).body.items.length).toBe(before);
  });

  it('exports a ledger whose names hide formulas behind invisible characters, neutralised', async () => {
    const lead = await t.login('b1.lead');
    const tech = await t.login('b1.tech');
    const names = ['\u00A0=HYPERLINK("http://x")', '\u200B=1+1', '＝1+1', '\uFEFF@SUM(A1)'];
    for (const name of names) {
      const c = (
        await http.call('POST', '/api/cases', { token: staff, body: { workflow: 'ticket', data: ticketData(name) } })
      ).body;
      await http.call('POST', `/api/cases/${c.id}/events`, {
        token: lead,
        body: { type: 'dispatch', data: { technician: 'b1.tech' } },
      });
      await http.call('POST', `/api/cases/${c.id}/events`, { token: tech, body: { type: 'arrive' } });
      const done = await http.call('POST', `/api/cases/${c.id}/events`, {
        token: tech,
        body: { type: 'finish', data: { visitFee: 1, partsFee: 1 } },
      });
      expect(done.status, done.text).toBe(200);
    }
    await t.services.projector.flush();
    const res = await fetch(`${http.base}/api/ledger?month=2026-03`, {
      headers: { authorization: `Bearer ${lead}`, accept: 'text/csv' },
    });
    const text = (await res.text()).replace(/^\uFEFF/, '');
    for (const name of names) expect(text, JSON.stringify(name)).toContain(`"'${name.replace(/"/g, '""')}"`);
  });
});
