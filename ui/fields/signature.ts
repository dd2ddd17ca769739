import { html } from 'lit';
import '../components/sf-signature-pad.ts';
import type { SignatureValue } from '../components/sf-signature-pad.ts';
import { groupField } from './field-frame.ts';
import { fieldTypes } from './registry.ts';

fieldTypes.register('signature', (ctx) =>
  groupField(
    ctx,
    html`<sf-signature-pad
      id=${ctx.id}
      part="signature"
      .value=${ctx.value as SignatureValue | undefined}
      .label=${ctx.label}
      .locale=${ctx.locale}
      .invalid=${Boolean(ctx.error)}
      .description=${[ctx.error, ctx.hint].filter(Boolean).join(' ')}
      ?disabled=${ctx.disabled || ctx.readOnly}
      @sf-signature-change=${(e: CustomEvent<SignatureValue | undefined>) => ctx.change(e.detail)}
    ></sf-signature-pad>`,
  ),
);
