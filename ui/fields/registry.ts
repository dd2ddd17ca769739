import { createRegistry } from '../../engine/registry.ts';
import type { FieldRenderer } from './field-context.ts';

/** Field types the renderer knows. A new type is one new module that calls `fieldTypes.register`. */
export const fieldTypes = createRegistry<FieldRenderer>();
