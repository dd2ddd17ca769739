import type { Page } from 'playwright-core';

/**
 * What makes the page wider than the screen, one element a line (empty when nothing does).
 *
 * Measured against the viewport the test set, not `window.innerWidth`: on a touch phone
 * (`isMobile`) Chromium zooms the page out to fit what overflows, so innerWidth grows with the
 * page and `scrollWidth - innerWidth` stays 0 however wide it is. Lists the outermost elements,
 * through shadow roots, whose right edge passes the screen and that no scrolling or clipping box
 * holds (a table inside a scroll region is contained; the page does not scroll sideways for it).
 */
export async function horizontalOverflow(page: Page): Promise<string> {
  const width = page.viewportSize()?.width ?? 0;
  return page.evaluate((screen) => {
    if (document.documentElement.scrollWidth <= screen) return '';
    const out: string[] = [];
    const contains = (el: Element) => {
      const style = getComputedStyle(el);
      return style.overflowX !== 'visible' || style.position === 'fixed';
    };
    const visit = (root: Document | ShadowRoot | Element, held: boolean) => {
      for (const el of root.children) {
        const r = el.getBoundingClientRect();
        const beyond = !held && r.right > screen + 1 && el !== document.body && el.tagName !== 'HTML';
        if (beyond && r.width > 0) {
          const part = el.getAttribute('part');
          out.push(
            `${el.tagName.toLowerCase()}${el.className && typeof el.className === 'string' ? `.${el.className.trim().replace(/\s+/g, '.')}` : ''}${part ? `[part=${part}]` : ''} ${Math.round(r.left)}–${Math.round(r.right)} px`,
          );
        }
        const inner = held || contains(el);
        if (el.shadowRoot) visit(el.shadowRoot, inner);
        visit(el, inner);
      }
    };
    visit(document.documentElement, false);
    return [
      `the page is ${document.documentElement.scrollWidth} px wide on a ${screen} px screen`,
      ...out.slice(0, 12),
    ].join('\n');
  }, width);
}
