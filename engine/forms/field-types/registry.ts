import { createRegistry, type Registry } from '../../registry.ts';
import { address } from './address.ts';
import { attachment } from './attachment.ts';
import { date } from './date.ts';
import { datetime } from './datetime.ts';
import { email } from './email.ts';
import { enumType } from './enum.ts';
import type { FieldType } from './field-type.ts';
import { group } from './group.ts';
import { mobile } from './mobile.ts';
import { money } from './money.ts';
import { number } from './number.ts';
import { phone } from './phone.ts';
import { postcode } from './postcode.ts';
import { rows } from './rows.ts';
import { signature } from './signature.ts';
import { text } from './text.ts';
import { textarea } from './textarea.ts';
import { unit } from './unit.ts';
import { user } from './user.ts';
import { uscc } from './uscc.ts';
import { yesno } from './yesno.ts';

export const builtInFieldTypes: readonly FieldType[] = [
  text,
  textarea,
  address,
  number,
  money,
  date,
  datetime,
  enumType,
  yesno,
  phone,
  mobile,
  postcode,
  uscc,
  email,
  signature,
  attachment,
  user,
  unit,
  group,
  rows,
];

/** A fresh registry with the built-in types; register more before compiling forms that use them. */
export function createFieldTypeRegistry(): Registry<FieldType> {
  const registry = createRegistry<FieldType>();
  for (const t of builtInFieldTypes) registry.register(t.type, t);
  return registry;
}

export const fieldTypes: Registry<FieldType> = createFieldTypeRegistry();
