import type { Page } from 'playwright-core';

/** A thing a finger taps, with its size on the screen. */
export interface Target {
  readonly what: string;
  readonly width: number;
  readonly height: number;
}

/**
 * Everything a finger can tap on the page, through every shadow root, with its size: buttons,
 * links, fields, selects, the summary line of a disclosure; a checkbox, radio or file input by its
 * label when the label wraps it (that is what takes the tap: 拍照 is a label around a hidden input).
 * Hidden things (display none, zero size, outside the page) are left out.
 */
export function tapTargets(page: Page): Promise<Target[]> {
  return page.evaluate(() => {
    const out: { what: string; width: number; height: number }[] = [];
    const visit = (root: Document | ShadowRoot) => {
      for (const el of root.querySelectorAll<HTMLElement>(
        'button, a[href], input, select, textarea, summary, [role="tab"]',
      )) {
        if (el instanceof HTMLInputElement && el.type === 'hidden') continue;
        const target =
          el instanceof HTMLInputElement &&
          (el.type === 'checkbox' || el.type === 'radio' || el.type === 'file') &&
          el.parentElement instanceof HTMLLabelElement
            ? el.parentElement
            : el;
        const rect = target.getBoundingClientRect();
        if (rect.width === 0 || rect.height === 0 || getComputedStyle(target).visibility === 'hidden') continue;
        const text = (el.getAttribute('aria-label') ?? el.textContent ?? el.getAttribute('name') ?? '')
          .trim()
          .slice(0, 30);
        out.push({
          what: `${el.tagName.toLowerCase()}${el.getAttribute('part') ? `[part=${el.getAttribute('part')}]` : ''} "${text}"`,
          width: Math.round(rect.width),
          height: Math.round(rect.height),
        });
      }
      for (const el of root.querySelectorAll('*')) if (el.shadowRoot) visit(el.shadowRoot);
    };
    visit(document);
    return out;
  });
}

/** The targets smaller than 44 × 44 px, one a line (empty when there are none). */
export async function smallTargets(page: Page): Promise<string> {
  return (await tapTargets(page))
    .filter((t) => t.height < 44 || t.width < 44)
    .map((t) => `${t.what} ${t.width}×${t.height}`)
    .join('\n');
}
