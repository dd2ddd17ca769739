/**
 * The staff app's pages, each loaded when first shown (a chunk of its own in the build), so the
 * worklist after login needs only the app, the list and Lit: forms with their validators, the case
 * view, reports and the administration come when a page asks for them. The element renders as
 * soon as its module defines it; properties set before that are kept (Lit upgrades them).
 * One line per page: the page's name and the module that defines its element.
 */
const LOADERS = {
  case: () => import('../components/sf-case.ts'),
  // A customer's case (the portal): what the server's customer view sends, nothing of sf-case.
  portal: () => import('../components/sf-portal-case.ts'),
  new: () => import('../components/sf-form.ts'),
  ledger: () => import('../components/sf-ledger.ts'),
  scorecards: () => import('../components/sf-scorecard.ts'),
  reports: () => import('../components/sf-monthly-report.ts'),
  records: () => import('../components/sf-records.ts'),
  users: () => import('../components/sf-users.ts'),
  password: () => import('../components/sf-change-password.ts'),
  // Administrators only: CodeMirror and the whole definitions validator.
  definitions: () => import('../components/sf-definition-editor.ts'),
  // Administrators only: published versions, their open cases, migrating them.
  versions: () => import('../components/sf-definition-versions.ts'),
} as const;

export type LazyPage = keyof typeof LOADERS;

const loading = new Map<LazyPage, Promise<unknown>>();

/** Starts loading a page's module once; a failed load (offline) is tried again next time. */
export function loadPage(page: LazyPage): Promise<unknown> {
  let hit = loading.get(page);
  if (!hit) {
    hit = LOADERS[page]().catch((error: unknown) => {
      loading.delete(page);
      throw error;
    });
    loading.set(page, hit);
  }
  return hit;
}
