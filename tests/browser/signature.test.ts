import { equal, match, ok } from './assert.ts';
import { cleanup, fieldOf, formDefinition, mount, root } from './helpers.ts';

const form = formDefinition([
  { name: 'sig', type: 'signature', label: { zh: '客户签字', en: 'Signature' }, required: true },
]);

function stroke(canvas: HTMLCanvasElement, points: [number, number][]) {
  const rect = canvas.getBoundingClientRect();
  const at = ([x, y]: [number, number]) => ({
    clientX: rect.left + x,
    clientY: rect.top + y,
    pointerId: 1,
    bubbles: true,
    pointerType: 'pen',
  });
  canvas.dispatchEvent(new PointerEvent('pointerdown', at(points[0]!)));
  for (const p of points.slice(1)) canvas.dispatchEvent(new PointerEvent('pointermove', at(p)));
  canvas.dispatchEvent(new PointerEvent('pointerup', at(points[points.length - 1]!)));
}

describe('signature', () => {
  afterEach(cleanup);

  it('draws with pointer events and stores a PNG data URL with the signing time', async () => {
    const el = await mount({ form });
    const pad = fieldOf(el, '/sig')!.querySelector('sf-signature-pad')!;
    await pad.updateComplete;
    const canvas = pad.shadowRoot!.querySelector('canvas')!;
    const blank = canvas.toDataURL('image/png');
    stroke(canvas, [
      [10, 10],
      [60, 40],
      [120, 20],
      [200, 60],
    ]);
    await el.updateComplete;
    const value = (el.data as { sig?: { image: string; signedAt: string } }).sig;
    ok(value, 'a value is stored');
    match(value.image, /^data:image\/png;base64,/);
    ok(value.image !== blank, 'the stroke is in the image');
    ok(!Number.isNaN(Date.parse(value.signedAt)), 'signedAt is an ISO time');
    // clearing removes the value
    pad.shadowRoot!.querySelector<HTMLButtonElement>('button')!.click();
    await el.updateComplete;
    equal((el.data as { sig?: unknown }).sig, undefined);
  });

  it('lets keyboard users type their name instead', async () => {
    const el = await mount({ form });
    const pad = fieldOf(el, '/sig')!.querySelector('sf-signature-pad')!;
    await pad.updateComplete;
    const input = pad.shadowRoot!.querySelector('input')!;
    input.value = '张三';
    input.dispatchEvent(new InputEvent('input'));
    await el.updateComplete;
    match((el.data as { sig?: { image: string } }).sig?.image, /^data:image\/png;base64,/);
    // focusing the field (as the error summary does) lands in the typed-name input
    pad.focus();
    equal(pad.shadowRoot!.activeElement, input);
    ok(root(el).querySelector('fieldset legend')?.textContent?.includes('客户签字'), 'the pad is named by its legend');
  });
});
