import type { FieldType } from './field-type.ts';
import { trustedPattern } from '../../patterns/index.ts';

/** The longest signature image, as data-URL text: a drawn 600×200 pad is 5-50 KB; more is not a signature. */
export const SIGNATURE_MAX_LENGTH = 256 * 1024;

/** A PNG drawn by the signer, with when (and optionally who) signed. */
export const signature: FieldType = {
  type: 'signature',
  accepts: [],
  code: 'signature',
  schema: () => ({
    type: 'object',
    required: ['image', 'signedAt'],
    properties: {
      image: {
        type: 'string',
        maxLength: SIGNATURE_MAX_LENGTH,
        pattern: trustedPattern('^data:image/png;base64,[A-Za-z0-9+/]+={0,2}$'),
      },
      signedAt: { type: 'string', format: 'date-time' },
      signer: { type: 'string', maxLength: 100 },
    },
    additionalProperties: false,
  }),
};
