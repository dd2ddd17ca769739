// An attachment field on a phone (issue 15, item 3): beside choosing files it offers the camera
// (an image input with `capture`), and a chosen picture shows as a thumbnail, made in the page as a
// small data: image (the page's policy allows data:, not blob:).
import '../../ui/components/sf-form.ts';
import { deepEqual, equal, match, ok } from './assert.ts';
import { until } from './fake-api.ts';
import { cleanup, fieldOf, formDefinition, mount } from './helpers.ts';

const P = '/photos';

function picture(): Promise<File> {
  const canvas = document.createElement('canvas');
  canvas.width = 640;
  canvas.height = 480;
  const c = canvas.getContext('2d')!;
  c.fillStyle = '#c5221f';
  c.fillRect(0, 0, 640, 480);
  return new Promise((resolve) =>
    canvas.toBlob((blob) => resolve(new File([blob!], '现场照片.png', { type: 'image/png' })), 'image/png'),
  );
}

describe('attachment: camera and thumbnails', () => {
  afterEach(cleanup);

  it('offers the camera beside the file chooser, and shows a thumbnail of the picture taken', async () => {
    const el = await mount({
      form: formDefinition([{ name: 'photos', type: 'attachment', label: '现场照片', multiple: true }]),
    });
    const field = fieldOf(el, P)!;
    const camera = field.querySelector<HTMLInputElement>('label[part~="camera"] input[type="file"]')!;
    ok(camera, 'a camera input');
    equal(camera.getAttribute('accept'), 'image/*');
    equal(camera.getAttribute('capture'), 'environment');
    match(field.querySelector('label[part~="camera"]')!.textContent, /拍照/);
    // when a picture comes from the camera
    const files = new DataTransfer();
    files.items.add(await picture());
    camera.files = files.files;
    camera.dispatchEvent(new Event('change', { bubbles: true }));
    await el.updateComplete;
    // then it is a reference like any chosen file, and its thumbnail appears
    const refs = (el.data as Record<string, { name: string; contentType: string }[]>)['photos']!;
    deepEqual(
      refs.map((r) => [r.name, r.contentType]),
      [['现场照片.png', 'image/png']],
    );
    const thumb = await until(
      () => fieldOf(el, P)!.querySelector<HTMLImageElement>('img[part~="thumbnail"]'),
      'the thumbnail',
    );
    match(thumb.getAttribute('src')!, /^data:image\/jpeg;base64,/);
    await until(() => thumb.complete && thumb.naturalWidth > 0, 'the thumbnail to decode');
    ok(
      Math.max(thumb.naturalWidth, thumb.naturalHeight) <= 160,
      `a small picture, not the photo (${thumb.naturalWidth}×${thumb.naturalHeight})`,
    );
    equal(camera.value, '', 'the input is emptied: the list is the one source of truth');
  });

  it('shows no thumbnail for a file that is no picture', async () => {
    const el = await mount({ form: formDefinition([{ name: 'photos', type: 'attachment', label: '附件' }]) });
    const input = fieldOf(el, P)!.querySelector<HTMLInputElement>('input[type="file"]:not([capture])')!;
    const files = new DataTransfer();
    files.items.add(new File(['%PDF-1.4'], '报告.pdf', { type: 'application/pdf' }));
    input.files = files.files;
    input.dispatchEvent(new Event('change', { bubbles: true }));
    await el.updateComplete;
    match(fieldOf(el, P)!.textContent, /报告\.pdf/);
    equal(fieldOf(el, P)!.querySelector('img'), null);
  });
});
