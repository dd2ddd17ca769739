// Importing this module registers every built-in field type.
import './text.ts';
import './textarea.ts';
import './address.ts';
import './number.ts';
import './money.ts';
import './date.ts';
import './datetime.ts';
import './enum.ts';
import './yesno.ts';
import './phone.ts';
import './mobile.ts';
import './postcode.ts';
import './uscc.ts';
import './email.ts';
import './signature.ts';
import './attachment.ts';
import './user.ts';
import './unit.ts';
import './group.ts';
import './rows.ts';

export { fieldTypes } from './registry.ts';
export type { FieldContext, FieldRenderer } from './field-context.ts';
