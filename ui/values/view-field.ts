import type { Localized } from '../../engine/localized.ts';

/**
 * A field as the case page formats its value: what `GET /api/definitions/Workflow/:name` serves in
 * `view` (labels already in the reader's language), or a form's FieldSpec (labels in both).
 */
export interface ViewFieldInfo {
  readonly name: string;
  readonly type: string;
  readonly label: Localized;
  readonly multiple?: boolean;
  readonly options?: readonly { readonly value: unknown; readonly label: Localized }[];
  readonly fields?: readonly ViewFieldInfo[];
}
