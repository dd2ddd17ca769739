import { css } from 'lit';
import { touchTargets } from './phone-styles.ts';

/**
 * Everything visual is a custom property (`--sf-…`) or a part, so hosts theme the form without
 * reaching into its shadow root.
 */
export const sfFormOwnStyles = css`
  :host {
    display: block;
    font: var(--sf-font, inherit);
    color: var(--sf-color-text, #1f1f1f);
    --_gap: var(--sf-gap, 1rem);
    --_error: var(--sf-color-error, #c5221f);
    --_border: var(--sf-border, 1px solid #8c8c8c);
    --_radius: var(--sf-radius, 4px);
    --_accent: var(--sf-color-accent, #1a73e8);
  }
  :host([hidden]) { display: none; }
  form { display: flex; flex-direction: column; gap: var(--_gap); }
  section { display: flex; flex-direction: column; gap: calc(var(--_gap) / 2); }
  h2 { font-size: var(--sf-section-title-size, 1.125rem); margin: 0; }
  .grid { display: grid; grid-template-columns: repeat(12, minmax(0, 1fr)); gap: var(--_gap); }
  .field { grid-column: span min(var(--sf-span, 12), 12); display: flex; flex-direction: column; gap: 0.25rem; min-width: 0; margin: 0; }
  @media (max-width: 640px) {
    .field { grid-column: span 12; }
    /* The customer signs across the screen: the signature's frame gives its margins to the pad. */
    fieldset.type-signature { border-inline: 0; border-radius: 0; padding-inline: 0; }
  }
  fieldset { border: var(--sf-fieldset-border, 1px solid #dadce0); border-radius: var(--_radius); padding: 0.5rem 0.75rem 0.75rem; }
  legend, label { font-weight: var(--sf-label-weight, 500); }
  .choices { display: flex; flex-wrap: wrap; gap: 0.25rem 1rem; }
  .choice { font-weight: normal; display: inline-flex; align-items: center; gap: 0.25rem; }
  input:not([type='radio']):not([type='checkbox']):not([type='file']), select, textarea {
    font: inherit; padding: var(--sf-input-padding, 0.375rem 0.5rem); border: var(--_border);
    border-radius: var(--_radius); background: var(--sf-input-background, #fff); color: inherit; min-width: 0;
  }
  input[readonly] { background: var(--sf-readonly-background, #f1f3f4); }
  :focus-visible { outline: var(--sf-focus-outline, 2px solid var(--_accent)); outline-offset: 1px; }
  [aria-invalid='true']:not([type='radio']):not([type='checkbox']) { border-color: var(--_error); }
  .invalid > legend, .invalid > label { color: var(--_error); }
  .required-mark { color: var(--_error); margin-inline-start: 0.125rem; }
  .hint { margin: 0; color: var(--sf-color-muted, #5f6368); font-size: 0.875em; }
  .error { margin: 0; color: var(--_error); font-size: 0.875em; }
  .affixed { display: flex; align-items: center; gap: 0.25rem; }
  .affixed input { flex: 1; }
  .attachments { list-style: none; margin: 0; padding: 0; display: grid; gap: 0.25rem; }
  .attachments li { display: flex; align-items: center; gap: 0.5rem; flex-wrap: wrap; min-width: 0; overflow-wrap: anywhere; }
  .attachments img.thumb { width: 4rem; height: 4rem; object-fit: cover; border-radius: var(--_radius); border: var(--_border); }
  .file-pickers { display: flex; gap: 0.5rem; align-items: center; flex-wrap: wrap; }
  .file-pickers input[type='file'] { min-width: 0; max-width: 100%; }
  label.camera { display: inline-flex; align-items: center; padding: var(--sf-button-padding, 0.375rem 0.875rem); border: var(--_border); border-radius: var(--_radius); cursor: pointer; }
  label.camera:focus-within { outline: 2px solid var(--_accent); outline-offset: 1px; }
  label.camera input { position: absolute; width: 1px; height: 1px; opacity: 0; overflow: hidden; }
  .rows { list-style: none; margin: 0; padding: 0; display: flex; flex-direction: column; gap: 0.5rem; }
  .row-fields { margin: 0; }
  button {
    font: inherit; padding: var(--sf-button-padding, 0.375rem 0.875rem); border-radius: var(--_radius);
    border: var(--_border); background: var(--sf-button-background, #fff); color: inherit; cursor: pointer;
  }
  button[type='submit'] { background: var(--_accent); color: var(--sf-color-on-accent, #fff); border-color: var(--_accent); }
  button:disabled { opacity: 0.5; cursor: not-allowed; }
  .add-row, .remove-row { justify-self: start; align-self: flex-start; margin-top: 0.5rem; }
  .summary { border: 2px solid var(--_error); border-radius: var(--_radius); padding: 0.75rem 1rem; }
  .summary ul { margin: 0.5rem 0 0; padding-inline-start: 1.25rem; }
  .summary a { color: var(--_error); }
  .notice { background: var(--sf-notice-background, #e8f0fe); border-radius: var(--_radius); padding: 0.5rem 0.75rem; display: flex; gap: 1rem; align-items: center; }
  .actions { display: flex; gap: 0.5rem; }
  @media print {
    button, .notice, .summary, input[type='file'], label.camera { display: none; }
    fieldset { break-inside: avoid; }
  }
`;

/** The form's look, and on a phone its 44 px touch targets (phone-styles.ts). */
export const sfFormStyles = [sfFormOwnStyles, touchTargets];
