import { css } from 'lit';

/**
 * How the staff pages fit a phone (a technician's, 390 px wide, held in one hand): what every
 * component shares, then one block per component. Kept apart from each component's own styles so
 * the desktop look is read in one place and the phone's in another.
 *
 * `--sf-touch-target` (default 44px, WCAG 2.5.5 and Apple's HIG) is the least height and width of
 * anything tapped, on coarse pointers (touch screens) and narrow windows alike. Every component
 * has it through sfBaseStyles.
 */
export const NARROW = '(max-width: 40rem)';

export const touchTargets = css`
  @media (pointer: coarse), (max-width: 40rem) {
    button, select, input:not([type='checkbox']):not([type='radio']), textarea {
      min-height: var(--sf-touch-target, 44px);
    }
    button { min-width: var(--sf-touch-target, 44px); }
    /* A checkbox or radio is tapped through its label: the label is the target. */
    label:has(> input[type='checkbox']), label:has(> input[type='radio']) {
      min-height: var(--sf-touch-target, 44px); display: inline-flex; align-items: center; gap: 0.5rem;
    }
    input[type='checkbox'], input[type='radio'] { width: 1.25rem; height: 1.25rem; margin: 0; }
    a[href] {
      display: inline-flex; align-items: center; min-height: var(--sf-touch-target, 44px);
      min-width: var(--sf-touch-target, 44px);
    }
    /* A disclosure (计算说明, 填写内容) is tapped on its summary line. */
    summary { min-height: var(--sf-touch-target, 44px); box-sizing: border-box; align-content: center; }
    /* A label that stands for a hidden file input (拍照) is the button the finger meets. */
    label:has(> input[type='file']) { min-height: var(--sf-touch-target, 44px); box-sizing: border-box; }
  }
`;

/**
 * A table of people or records as cards on a phone (`<table class="cards">`): one card a row, each
 * value under its column's name (`data-label` on the cell), the first cell as the card's title.
 * Columns squeezed into 390 px would break a name into a character a line.
 */
export const tableCards = css`
  @media (max-width: 40rem) {
    table.cards, table.cards tbody, table.cards tr, table.cards td { display: block; }
    table.cards thead { display: none; }
    table.cards tr { border: var(--_line); border-radius: calc(var(--_radius) * 2); margin-bottom: 0.75rem; padding: 0.5rem 0.75rem; }
    table.cards td { border: 0; padding: 0.125rem 0; display: flex; gap: 0.5rem; overflow-wrap: anywhere; }
    table.cards td:empty { display: none; }
    table.cards td[data-label]::before { content: attr(data-label); color: var(--_muted); flex: 0 0 5.5em; }
    table.cards td:first-child { font-weight: 600; }
  }
`;

/**
 * The worklist as cards: one card a case, each value under its column's name (`data-label`),
 * the case's number and title first. The same table underneath, so screen readers and tests
 * read rows and cells as on a desktop.
 */
export const caseListPhone = css`
  @media (max-width: 40rem) {
    table, tbody, tr, td { display: block; }
    /* The column heads become a row of sort chips above the cards, scrolled sideways. */
    thead, thead tr { display: flex; }
    thead tr { gap: 0.5rem; overflow-x: auto; padding-bottom: 0.5rem; width: 100%; scroll-padding-inline: 2.5rem; }
    /* The chips fade out at an edge with more beyond it (data-more-*, set as the row scrolls): the next
       chip shows half-faded, so the row reads as one to swipe; a chip reached with Tab scrolls clear
       of the fade (scroll-padding). */
    thead tr[data-more-end] { --sf-chips-mask: linear-gradient(to right, #000 calc(100% - 2.5rem), transparent); }
    thead tr[data-more-start] { --sf-chips-mask: linear-gradient(to right, transparent, #000 2.5rem); }
    thead tr[data-more-start][data-more-end] {
      --sf-chips-mask: linear-gradient(to right, transparent, #000 2.5rem, #000 calc(100% - 2.5rem), transparent);
    }
    thead tr[data-more-start], thead tr[data-more-end] { -webkit-mask-image: var(--sf-chips-mask); mask-image: var(--sf-chips-mask); }
    thead th { border: 0; padding: 0; background: none; flex: 0 0 auto; width: auto; }
    thead th button.sort {
      min-height: var(--sf-touch-target, 44px); padding: 0 0.875rem; box-sizing: border-box;
      border: var(--_line); border-radius: 999px; background: var(--sf-card-background, #fff); white-space: nowrap;
    }
    thead th[aria-sort] button.sort { border-color: var(--_accent); color: var(--_accent); }
    thead th.select label { min-width: var(--sf-touch-target, 44px); min-height: var(--sf-touch-target, 44px); display: inline-flex; align-items: center; justify-content: center; }
    td.select { float: inline-end; }
    td.select label { min-width: var(--sf-touch-target, 44px); min-height: var(--sf-touch-target, 44px); }
    tr[data-id] {
      border: var(--_line); border-radius: calc(var(--_radius) * 2); margin-bottom: 0.75rem;
      padding: 0.5rem 0.75rem; background: var(--sf-card-background, #fff);
      /* Cards below the screen are laid out when scrolled near, not all before the first shows. */
      content-visibility: auto; contain-intrinsic-size: auto 18rem;
    }
    tr.overdue { border-inline-start: 4px solid var(--_error); }
    tr.overdue td:first-child { border-inline-start: 0; }
    td { border: 0; padding: 0.125rem 0; display: flex; gap: 0.5rem; min-width: 0; overflow-wrap: anywhere; }
    td[data-label]::before { content: attr(data-label); color: var(--_muted); flex: 0 0 5.5em; }
    td:first-child { font-weight: 600; }
    td[part~='summary'] { white-space: normal; }
    td[part~='summary'] span.summary-text { max-width: none; white-space: normal; }
    /* Calling the customer and opening the address are a row of buttons at the card's foot (44 px
       targets), out of the summary's lines, which keep their height. */
    tr[data-id]:has(.reach) { position: relative; padding-bottom: calc(var(--sf-touch-target, 44px) + 1rem); }
    .reach { position: absolute; inset-inline: 0.75rem; bottom: 0.5rem; margin: 0; gap: 0.5rem; }
    .reach a {
      min-height: var(--sf-touch-target, 44px); min-width: 5.5rem; padding: 0 0.875rem; gap: 0.375rem; box-sizing: border-box;
      border: var(--_line); border-radius: 999px; background: var(--sf-card-background, #fff); font-weight: 600;
    }
    .reach-label { position: static; width: auto; height: auto; overflow: visible; clip: auto; }
    /* The scope tabs and a 筛选 button (with the count of filters set) in one row; the filters fold
       behind it, so the first cases are on the first screen. */
    .toolbar { align-items: center; }
    .filters-toggle { display: inline-flex; align-items: center; gap: 0.375rem; margin-inline-start: auto; }
    .filters-toggle .count { background: var(--_accent); color: var(--sf-color-on-accent, #fff); border-color: var(--_accent); }
    .filters { display: none; }
    .filters.open { display: flex; flex-direction: column; align-items: stretch; gap: 0.5rem; flex-basis: 100%; }
    .filters label { width: 100%; }
    .filters select, .filters input[type='search'] { width: 100%; box-sizing: border-box; }
    .status { flex-wrap: wrap; }
  }
`;

/**
 * The case on a phone: its actions stay at the bottom of the screen while the summary and the
 * history scroll above them (the thumb's reach), and nothing is wider than the screen.
 */
export const casePhone = css`
  @media (max-width: 40rem) {
    :host { padding-bottom: calc(var(--sf-touch-target, 44px) + 1.5rem); overflow-wrap: anywhere; }
    .actions[part~='actions'] {
      position: fixed; inset-inline: 0; bottom: 0; z-index: 5; margin: 0;
      padding: 0.5rem 0.75rem calc(0.5rem + env(safe-area-inset-bottom, 0px));
      background: var(--sf-app-bar, #fff); border-top: var(--_line); box-shadow: 0 -2px 6px rgb(0 0 0 / 0.08);
      flex-wrap: nowrap; overflow-x: auto;
    }
    .actions[part~='actions'] button { flex: 0 0 auto; }
    /* An open form uses the screen's width (the signature pad above all): no frame of its own. */
    .event-form { border-inline: 0; border-radius: 0; padding-inline: 0; }
    dl.facts { grid-template-columns: minmax(0, max-content) minmax(0, 1fr); }
    .diagram { max-width: 100%; }
  }
`;

/**
 * A report on a phone (the scorecards, the monthly report): a table marked `stack` becomes one
 * block a row (its heading cell first, then its values), so a category's deductions read under it
 * rather than in a third column pushed off the screen; long words (a case id) break where they must.
 */
export const reportPhone = css`
  @media (max-width: 40rem) {
    :host { overflow-wrap: anywhere; }
    table.stack, table.stack > tbody, table.stack > tbody > tr, table.stack > tbody > tr > th,
    table.stack > tbody > tr > td { display: block; }
    table.stack > thead { display: none; }
    table.stack > tbody > tr { border-bottom: var(--_line); padding-block: 0.5rem; }
    table.stack > tbody > tr > th, table.stack > tbody > tr > td { border: 0; padding: 0.125rem 0; background: none; text-align: start; }
    table.stack > tbody > tr > td:empty { display: none; }
  }
`;

/** The app's header on a phone: the title, what waits to be sent and a menu button; the rest behind it. */
export const appPhone = css`
  .menu-toggle { display: none; }
  @media (max-width: 40rem) {
    header.bar { gap: 0.5rem; padding: 0.25rem 0.75rem; }
    header.bar h1 { font-size: 1rem; }
    .menu-toggle { display: inline-flex; align-items: center; gap: 0.375rem; }
    header.bar:not(.open) .collapsible { display: none; }
    header.bar.open .collapsible { display: flex; flex-direction: column; align-items: stretch; gap: 0.5rem; width: 100%; padding-bottom: 0.5rem; }
    .collapsible nav ul { flex-direction: column; }
    .collapsible nav a { display: flex; align-items: center; min-height: var(--sf-touch-target, 44px); }
    .collapsible .user { justify-content: space-between; }
    /* Nothing waiting needs no words on a small screen; what waits is still shown. */
    sf-outbox-status::part(empty) { display: none; }
    main { padding: 0.5rem; }
    .panel { padding: 0.75rem; }
    /* 返回列表 is a 44 px target already: no paragraph margin above it on the first screen. */
    .panel > p.no-print:first-child { margin-block: 0 0.25rem; }
  }
  @media (min-width: 40.0625rem) {
    .collapsible { display: contents; }
  }
`;
