/**
 * JSON Schemas of every request body. Routes validate with exactly these and the OpenAPI document
 * is generated from them, so the two cannot drift. Unknown fields are refused everywhere.
 */
const obj = (properties: Record<string, unknown>, required: string[] = []) => ({ type: 'object', additionalProperties: false, properties, required });
const name = { type: 'string', minLength: 1, maxLength: 200 };
// The policy (server/auth/password-policy.ts) checks length and guessability after the schema, so
// its refusals carry codes a client can word in its user's language.
const newPassword = { type: 'string', minLength: 1, maxLength: 1000, description: 'at least 12 characters, neither common nor guessable (zxcvbn score 3 or more); see docs/operations.md' };

export const requestSchemas = {
  Login: obj({ username: name, password: { type: 'string', minLength: 1, maxLength: 1000 } }, ['username', 'password']),
  NewUser: obj(
    {
      username: { type: 'string', pattern: '^[A-Za-z0-9._@-]{1,64}$' },
      password: newPassword,
      name: { type: 'string', maxLength: 200 },
      unit: name,
      roles: { type: 'array', items: name, maxItems: 50, uniqueItems: true },
      email: { type: 'string', maxLength: 320 },
      mobile: { type: 'string', maxLength: 32 },
      locale: { enum: ['zh-CN', 'en'] },
      admin: { type: 'boolean' },
    },
    ['username', 'password', 'unit', 'roles'],
  ),
  UserChange: obj({
    name: { type: 'string', maxLength: 200 },
    password: newPassword,
    unit: name,
    roles: { type: 'array', items: name, maxItems: 50, uniqueItems: true },
    email: { type: ['string', 'null'], maxLength: 320 },
    mobile: { type: ['string', 'null'], maxLength: 32 },
    locale: { enum: ['zh-CN', 'en', null] },
    admin: { type: 'boolean' },
    disabled: { type: 'boolean' },
  }),
  PasswordChange: obj({ currentPassword: { type: 'string', minLength: 1, maxLength: 1000 }, newPassword }, ['currentPassword', 'newPassword']),
  NewCase: obj({ workflow: name, data: { type: 'object' } }, ['workflow']),
  CaseEvent: obj({ type: name, data: { type: 'object' }, expectedVersion: { type: 'integer', minimum: 0 } }, ['type']),
  Publish: obj(
    {
      files: {
        type: 'array',
        minItems: 1,
        maxItems: 2000,
        items: obj({ path: { type: 'string', minLength: 1, maxLength: 500 }, text: { type: 'string', maxLength: 2_000_000 } }, ['path', 'text']),
      },
      note: { type: 'string', maxLength: 2000 },
      expectedSeq: { type: 'integer', minimum: 1, description: 'the version (seq) the editor started from; another publication since then answers 409' },
      remove: {
        type: 'array',
        maxItems: 2000,
        uniqueItems: true,
        items: { type: 'string', pattern: '^[A-Za-z]+/[^/]{1,200}$' },
        description: 'published definitions ("Kind/name") this set leaves out on purpose; a publication is a whole set, and one that leaves out anything not named here answers 422',
      },
    },
    ['files'],
  ),
  Simulate: obj(
    {
      files: {
        type: 'array',
        minItems: 1,
        maxItems: 2000,
        items: obj({ path: { type: 'string', minLength: 1, maxLength: 500 }, text: { type: 'string', maxLength: 2_000_000 } }, ['path', 'text']),
      },
      scenarios: { type: 'array', items: name, maxItems: 500, description: 'names of the scenarios to run (default: all in the files)' },
    },
    ['files'],
  ),
  Validate: obj(
    {
      files: {
        type: 'array',
        minItems: 1,
        maxItems: 2000,
        items: obj({ path: { type: 'string', minLength: 1, maxLength: 500 }, text: { type: 'string', maxLength: 2_000_000 } }, ['path', 'text']),
      },
    },
    ['files'],
  ),
  Impact: obj(
    {
      files: {
        type: 'array',
        minItems: 1,
        maxItems: 2000,
        items: obj({ path: { type: 'string', minLength: 1, maxLength: 500 }, text: { type: 'string', maxLength: 2_000_000 } }, ['path', 'text']),
        description: 'the whole candidate set, as for publishing',
      },
      from: { type: 'string', maxLength: 10, description: 'first day of the period, YYYY-MM-DD (local date of the root unit\'s calendar)' },
      to: { type: 'string', maxLength: 10, description: 'last day of the period, inclusive' },
    },
    ['files', 'from', 'to'],
  ),
  InboxRead: obj({ ids: { type: 'array', items: name, maxItems: 200, uniqueItems: true }, all: { type: 'boolean' } }),
  Rollback: obj({ seq: { type: 'integer', minimum: 1 }, note: { type: 'string', maxLength: 2000 } }, ['seq']),
  MigrateCases: obj({
    workflow: name,
    fromVersion: { type: ['integer', 'string'], minimum: 1, minLength: 1, maxLength: 200, description: 'publication number (seq) or content version' },
    toVersion: { type: ['integer', 'string'], minimum: 1, minLength: 1, maxLength: 200, description: 'default: the current version' },
    filter: obj({ unit: name, state: name, createdFrom: { type: 'string', maxLength: 40 }, createdTo: { type: 'string', maxLength: 40 } }),
    stateMapping: { type: 'object', maxProperties: 1000, additionalProperties: name, description: 'state of fromVersion → leaf state of toVersion' },
    clocksOnly: { type: 'boolean', description: 'recompute SLA clocks only; every case keeps its state' },
    dryRun: { type: 'boolean' },
    reason: { type: 'string', maxLength: 2000 },
    resume: { type: ['boolean', 'string'], maxLength: 200, description: 'true or a batch id: continue an interrupted batch (the rest of the body is not read)' },
  }),
  NewRecord: obj({ data: { type: 'object' }, unit: name }, ['data']),
  RecordChange: obj({ data: { type: 'object' }, expectedVersion: { type: 'integer', minimum: 1 }, note: { type: 'string', maxLength: 2000 } }, ['data', 'expectedVersion']),
} as const;

export type RequestSchemaName = keyof typeof requestSchemas;
