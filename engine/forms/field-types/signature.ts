import type { FieldType } from './field-type.ts';
import { trustedPattern } from '../../patterns/index.ts';

/** A PNG drawn by the signer, with when (and optionally who) signed. */
export const signature: FieldType = {
  type: 'signature',
  accepts: [],
  code: 'signature',
  schema: () => ({
    type: 'object',
    required: ['image', 'signedAt'],
    properties: {
      image: { type: 'string', pattern: trustedPattern('^data:image/png;base64,[A-Za-z0-9+/]+={0,2}$') },
      signedAt: { type: 'string', format: 'date-time' },
      signer: { type: 'string', maxLength: 100 },
    },
    additionalProperties: false,
  }),
};
