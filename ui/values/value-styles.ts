import { css } from 'lit';

/**
 * How formatted values lay out: long words and links wrap, images shrink, so a 390 px screen never scrolls sideways.
 */
export const valueStyles = css`
  .sf-v-pairs { display: grid; grid-template-columns: minmax(5rem, max-content) minmax(0, 1fr); gap: 0.125rem 0.75rem; margin: 0; }
  .sf-v-pairs dt { color: var(--_muted, #5f6368); }
  .sf-v-pairs dd { margin: 0; min-width: 0; overflow-wrap: anywhere; }
  .sf-v-multiline { white-space: pre-line; }
  .sf-v-list, .sf-v-files { margin: 0; padding-inline-start: 1.25rem; }
  .sf-v-rows { margin: 0; padding-inline-start: 1.25rem; display: grid; gap: 0.25rem; }
  .sf-v-signature { margin: 0; }
  .sf-v-signature img { display: block; max-width: min(100%, 18rem); height: auto; border-bottom: 1px solid #8c8c8c; background: #fff; }
  .sf-v-thumb { display: block; max-width: 6rem; max-height: 6rem; object-fit: cover; border-radius: 4px; }
  .sf-v-tel, .sf-v-map { display: inline-block; padding-block: 0.25rem; }
  @media (max-width: 600px) {
    .sf-v-pairs { grid-template-columns: minmax(0, 1fr); }
    .sf-v-pairs dd { margin-bottom: 0.25rem; }
  }
`;
