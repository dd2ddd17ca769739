import { css } from 'lit';
import { touchTargets } from './phone-styles.ts';

/**
 * Shared look of the worklist, case view, ledger and scorecard (and a phone's 44 px touch targets in every page);
 * themed with the same `--sf-…` properties as `<sf-form>`.
 */
export const sfBaseStyles = css`
  :host {
    display: block;
    font: var(--sf-font, inherit);
    color: var(--sf-color-text, #1f1f1f);
    --_gap: var(--sf-gap, 1rem);
    --_error: var(--sf-color-error, #c5221f);
    --_warn: var(--sf-color-warning, #8f4f00);
    --_ok: var(--sf-color-ok, #137333);
    --_muted: var(--sf-color-muted, #5f6368);
    --_border: var(--sf-border, 1px solid #8c8c8c);
    --_line: var(--sf-line, 1px solid #dadce0);
    --_radius: var(--sf-radius, 4px);
    --_accent: var(--sf-color-accent, #1a73e8);
  }
  :host([hidden]) { display: none; }
  /* A class that sets display (.toolbar is flex) would otherwise show what the hidden attribute hides. */
  [hidden] { display: none !important; }
  h2 { font-size: var(--sf-section-title-size, 1.125rem); margin: 0 0 0.5rem; }
  h3 { font-size: 1rem; margin: 0 0 0.5rem; }
  button, input, select {
    font: inherit; padding: var(--sf-input-padding, 0.375rem 0.5rem); border: var(--_border);
    border-radius: var(--_radius); background: var(--sf-input-background, #fff); color: inherit;
  }
  button { cursor: pointer; padding: var(--sf-button-padding, 0.375rem 0.875rem); }
  button.primary, button[aria-pressed='true'] { background: var(--_accent); color: var(--sf-color-on-accent, #fff); border-color: var(--_accent); }
  button:disabled { opacity: 0.5; cursor: not-allowed; }
  :focus-visible { outline: var(--sf-focus-outline, 2px solid var(--_accent)); outline-offset: 1px; }
  .muted { color: var(--_muted); }
  .error { color: var(--_error); }
  .alert { border: 2px solid var(--_error); border-radius: var(--_radius); padding: 0.5rem 0.75rem; display: flex; gap: 1rem; align-items: center; flex-wrap: wrap; }
  .notice { background: var(--sf-notice-background, #e8f0fe); border-radius: var(--_radius); padding: 0.5rem 0.75rem; }
  .badge { display: inline-block; padding: 0 0.5rem; border-radius: 999px; font-size: 0.85em; border: var(--_line); }
  .badge.overdue { background: var(--_error); color: #fff; border-color: var(--_error); }
  .toolbar { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: end; margin-bottom: 0.75rem; }
  .toolbar label { display: flex; flex-direction: column; gap: 0.125rem; font-size: 0.875em; }
  .toolbar label.inline { flex-direction: row; align-items: center; gap: 0.25rem; }
  table { border-collapse: collapse; width: 100%; }
  th, td { text-align: start; padding: 0.375rem 0.5rem; border-bottom: var(--_line); vertical-align: top; }
  th { font-weight: 600; background: var(--sf-table-head-background, #f8f9fa); }
  .visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
  ${touchTargets}
`;
