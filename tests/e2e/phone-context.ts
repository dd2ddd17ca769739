/**
 * The touch phone every tour checks pages on (390×844, as the brief's phone), reading Chinese in the
 * company's zone: one definition, so the tours look at the same screen.
 */
export const PHONE = {
  viewport: { width: 390, height: 844 },
  isMobile: true,
  hasTouch: true,
  deviceScaleFactor: 2,
  locale: 'zh-CN',
  timezoneId: 'Asia/Shanghai',
} as const;
