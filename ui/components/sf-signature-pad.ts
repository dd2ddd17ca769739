import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import type { Locale } from '../../engine/localized.ts';
import { translator } from '../i18n/translate.ts';
import { touchTargets } from './phone-styles.ts';

export interface SignatureValue {
  /** PNG data URL of what was drawn (or of the typed name). */
  readonly image: string;
  readonly signedAt: string;
  /** The name a keyboard user typed instead of drawing. */
  readonly signer?: string;
}

/**
 * A canvas to sign on with a pointer (mouse, finger, pen). Keyboard users type their name instead;
 * the typed name is drawn onto the same canvas so the stored value has one shape either way.
 *
 * Properties in: `value`, `label`, `locale`, `disabled`, `invalid`, `description` (the error or hint
 * text, which cannot be referenced by id across the shadow boundary). Event out:
 * `sf-signature-change` with `detail: SignatureValue | undefined` after each stroke, typed change or clear.
 */
export class SfSignaturePad extends LitElement {
  static override shadowRootOptions = { ...LitElement.shadowRootOptions, delegatesFocus: true };
  static override properties = {
    value: { attribute: false },
    label: {},
    locale: {},
    disabled: { type: Boolean, reflect: true },
    invalid: { type: Boolean },
    description: {},
    typedName: { state: true },
  };
  declare value: SignatureValue | undefined;
  declare label: string;
  declare locale: Locale;
  declare disabled: boolean;
  declare invalid: boolean;
  declare description: string;
  declare typedName: string;

  static override styles = [
    css`
    :host { display: block; }
    canvas {
      display: block; width: 100%; max-width: var(--sf-signature-width, 480px); box-sizing: border-box;
      aspect-ratio: 3 / 1; touch-action: none; cursor: crosshair;
      background: var(--sf-signature-background, #fff);
      border: var(--sf-border, 1px solid #8c8c8c); border-radius: var(--sf-radius, 4px);
    }
    :host([disabled]) canvas { cursor: not-allowed; opacity: 0.6; }
    .tools { display: flex; gap: var(--sf-gap-small, 0.5rem); align-items: center; flex-wrap: wrap; margin-top: 0.25rem; }
    input { font: inherit; padding: var(--sf-input-padding, 0.375rem 0.5rem); border: var(--sf-border, 1px solid #8c8c8c); border-radius: var(--sf-radius, 4px); }
    [aria-invalid='true'] { border-color: var(--sf-color-error, #c5221f); }
    .signed-at { color: var(--sf-color-muted, #5f6368); font-size: 0.875em; }
    /* On paper only the signature and when it was given matter, not the controls to change it. */
    @media print { input, button { display: none; } canvas { border-color: transparent; } }
    /* On a phone the customer signs across the whole width of the screen. */
    @media (max-width: 40rem) { canvas { max-width: none; } }
  `,
    touchTargets,
  ];

  /** The image this element last produced, so a value coming back in is not redrawn onto itself. */
  private lastEmitted: string | undefined;
  private drawing = false;

  constructor() {
    super();
    this.locale = 'zh-CN';
    this.disabled = false;
    this.invalid = false;
    this.description = '';
    this.label = '';
    this.typedName = '';
  }

  private get canvas(): HTMLCanvasElement {
    return this.renderRoot.querySelector('canvas')!;
  }

  override render() {
    const t = translator(this.locale);
    return html`<canvas part="signature-canvas" width="600" height="200" role="img"
        aria-label=${`${this.label} — ${t('signaturePad')}`} aria-invalid=${this.invalid ? 'true' : 'false'}
        aria-description=${this.description || nothing}
        @pointerdown=${this.onDown} @pointermove=${this.onMove} @pointerup=${this.onUp} @pointercancel=${this.onUp}
      ></canvas>
      <div class="tools" part="signature-tools">
        <input part="input signature-typed" type="text" autocomplete="name" .value=${this.typedName}
          placeholder=${t('signatureTyped')} aria-label=${`${this.label} — ${t('signatureTyped')}`}
          aria-invalid=${this.invalid ? 'true' : 'false'} aria-description=${this.description || nothing}
          ?disabled=${this.disabled} @input=${this.onTyped} />
        <button type="button" part="button signature-clear" ?disabled=${this.disabled || !this.value}
          @click=${this.clear}>${t('signatureClear')}</button>
        ${
          this.value
            ? html`<span class="signed-at" part="signature-signed-at">${t('signatureSignedAt', { at: new Date(this.value.signedAt).toLocaleString(this.locale) })}</span>`
            : nothing
        }
      </div>`;
  }

  protected override updated(changed: PropertyValues<this>) {
    if (changed.has('value') && this.value?.image !== this.lastEmitted) this.paint(this.value?.image);
  }

  /** Shows an image that came from outside (a restored draft or a saved case). */
  private paint(image: string | undefined) {
    const c = this.canvas.getContext('2d')!;
    c.clearRect(0, 0, this.canvas.width, this.canvas.height);
    this.lastEmitted = image;
    if (!image) return;
    const img = new Image();
    img.onload = () => c.drawImage(img, 0, 0);
    img.src = image;
  }

  private point(e: PointerEvent): [number, number] {
    const rect = this.canvas.getBoundingClientRect();
    return [
      ((e.clientX - rect.left) * this.canvas.width) / (rect.width || 1),
      ((e.clientY - rect.top) * this.canvas.height) / (rect.height || 1),
    ];
  }

  private onDown = (e: PointerEvent) => {
    if (this.disabled) return;
    // Without this, delegatesFocus moves focus to the typed-name input on pointerdown, which
    // scrolls the page under the pen when that input is off screen: the stroke lands elsewhere.
    e.preventDefault();
    this.drawing = true;
    // Capture keeps the stroke going when the pen leaves the canvas; synthetic events have no
    // active pointer to capture, which is harmless.
    try {
      this.canvas.setPointerCapture(e.pointerId);
    } catch {
      /* no active pointer */
    }
    const c = this.canvas.getContext('2d')!;
    c.lineWidth = 2.5;
    c.lineCap = 'round';
    c.lineJoin = 'round';
    c.strokeStyle = getComputedStyle(this).getPropertyValue('--sf-signature-ink').trim() || '#1a1a1a';
    c.beginPath();
    c.moveTo(...this.point(e));
  };

  private onMove = (e: PointerEvent) => {
    if (!this.drawing) return;
    const c = this.canvas.getContext('2d')!;
    c.lineTo(...this.point(e));
    c.stroke();
  };

  private onUp = () => {
    if (!this.drawing) return;
    this.drawing = false;
    this.typedName = '';
    this.emit(this.canvas.toDataURL('image/png'));
  };

  private onTyped = (e: Event) => {
    this.typedName = (e.target as HTMLInputElement).value;
    const c = this.canvas.getContext('2d')!;
    c.clearRect(0, 0, this.canvas.width, this.canvas.height);
    if (this.typedName.trim() === '') return this.emit(undefined);
    c.fillStyle = getComputedStyle(this).getPropertyValue('--sf-signature-ink').trim() || '#1a1a1a';
    c.font = 'italic 64px "Kaiti SC", KaiTi, STKaiti, "WenQuanYi Micro Hei", cursive';
    c.textBaseline = 'middle';
    c.fillText(this.typedName, 24, this.canvas.height / 2, this.canvas.width - 48);
    this.emit(this.canvas.toDataURL('image/png'), this.typedName.trim());
  };

  private clear = () => {
    this.typedName = '';
    this.canvas.getContext('2d')!.clearRect(0, 0, this.canvas.width, this.canvas.height);
    this.emit(undefined);
  };

  private emit(image: string | undefined, signer?: string) {
    this.lastEmitted = image;
    const signedAt = new Date().toISOString();
    const value: SignatureValue | undefined = image
      ? signer
        ? { image, signedAt, signer }
        : { image, signedAt }
      : undefined;
    this.dispatchEvent(new CustomEvent('sf-signature-change', { detail: value }));
  }
}

if (!customElements.get('sf-signature-pad')) customElements.define('sf-signature-pad', SfSignaturePad);

declare global {
  interface HTMLElementTagNameMap {
    'sf-signature-pad': SfSignaturePad;
  }
}
