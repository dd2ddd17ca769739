export {
  compileForm,
  type CompiledForm,
  type CompileFormOptions,
  type ValidateOptions,
  type ValidationResult,
} from './compile-form.ts';
export type { FormEvaluation, FormData } from './evaluate-form.ts';
export { FormCompileError } from './form-error.ts';
export { builtInFieldTypes, createFieldTypeRegistry, fieldTypes } from './field-types/registry.ts';
export {
  COMMON_PROPERTIES,
  type CheckEnv,
  type FieldType,
  type JsonSchema,
  type ValueProblem,
} from './field-types/field-type.ts';
export type { People, Person } from './people.ts';
export type { Units } from './units.ts';
export {
  fieldChoicesAt,
  isListedField,
  listedTypes,
  withFieldChoices,
  type Candidate,
  type Candidates,
  type Choice,
  type ChoiceLinks,
  type ChoiceSources,
  type UnitCandidate,
} from './field-choices.ts';
export { formatMessage, messageCodes } from './messages/format-message.ts';
export type * from './form-model.ts';
export { formKind } from './form-kind.ts';
export { checkFormSpec } from './check-form-spec.ts';
