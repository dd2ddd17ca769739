/**
 * Resolves once the browser has painted what was rendered before the call: after the next frame,
 * in the task that follows it. Work that can wait (reading more, starting more elements) then
 * does not hold back the first sight of a page (ui.firstWorklist). A hidden page paints no frames:
 * there, and if a frame takes very long, it resolves after `latestMs` all the same.
 */
export function afterPaint(latestMs = 500): Promise<void> {
  return new Promise((resolve) => {
    const done = () => resolve();
    const timer = setTimeout(done, latestMs);
    if (document.visibilityState === 'hidden') return;
    requestAnimationFrame(() =>
      setTimeout(() => {
        clearTimeout(timer);
        done();
      }, 0),
    );
  });
}
