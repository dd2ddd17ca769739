import type { AvailableEvent } from './types.ts';

/** One step of a customer's progress line. `skipped`: another branch was taken, so it is not shown. */
export interface PortalStep {
  readonly step: string;
  readonly title: string;
  readonly status: 'done' | 'current' | 'todo' | 'skipped';
}

/** A field of the case a customer sees, with its label (and option labels for a choice). */
export interface PortalField {
  readonly path: string;
  readonly title: string;
  readonly type: string;
  readonly options?: readonly { readonly value: string; readonly label: string }[];
}

/** A reply staff made public (a public comment, a progress note, an answer). */
export interface PortalReply {
  readonly at: string;
  readonly title: string;
  readonly by: string | null;
  readonly text: string;
}

/** The rating the portal asks for on a finished case: to give (event) or given. */
export type PortalRating =
  | { readonly case: string; readonly version: number; readonly event: AvailableEvent }
  | {
      readonly case: string;
      readonly given: {
        readonly at: string;
        readonly data: Readonly<Record<string, unknown>>;
        readonly fields: readonly PortalField[];
      };
    };

/** GET /api/cases/:id as a customer gets it (server/cases/customer-view.ts). */
export interface PortalCase {
  readonly id: string;
  readonly number?: string | null;
  readonly workflow: string;
  readonly workflowTitle: string;
  readonly stateTitle: string | null;
  readonly done: boolean;
  readonly version: number;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly data: Readonly<Record<string, unknown>>;
  readonly fields: readonly PortalField[];
  readonly progress: readonly PortalStep[];
  readonly technician: { readonly name: string; readonly phone: string | null } | null;
  readonly appointment: string | null;
  readonly replies: readonly PortalReply[];
  readonly availableEvents: readonly AvailableEvent[];
  readonly rating: PortalRating | null;
}
