import { Type } from 'typebox';
import { named } from '../named.ts';
import { AnyObject, Closed, Localized, Nullable } from './common.ts';

/**
 * GET /api/definitions/{kind}/{name}: one compiled definition as its reader may see it. A Workflow and a Form are
 * declared field by field (what a generic client and the staff app build their pages from); every other kind is its
 * envelope with the `spec` as published, which that kind's own schema (engine/definitions/schemas) describes.
 */

/** A JSON Schema (draft 2020-12) of a form's data, with the `x-sf-*` annotations the renderer reads. */
const FormSchema = AnyObject;
const Name = Type.String();
const Text = Type.String({ description: "in the reader's language" });

/** Who may send an event or start a case: any rule that matches allows it (the Workflow kind's `allow`). */
const AllowRule = Closed({
  role: Type.Optional(Name),
  unit: Type.Optional(Type.Enum(['same', 'within', 'above', 'root', 'any'])),
  unitType: Type.Optional(Name),
  assignee: Type.Optional(Type.Boolean()),
  owner: Type.Optional(Type.Boolean()),
  customer: Type.Optional(Type.Boolean()),
  system: Type.Optional(Type.Boolean()),
});

const Option = Closed({ value: Type.String(), label: Text });

export const WorkflowState = named(
  'WorkflowState',
  Closed({
    /** Dotted path of the state, e.g. `handling.hq`. */
    path: Type.String(),
    title: Text,
    type: Type.Enum(['atomic', 'compound', 'parallel', 'final']),
    /** The Script definitions staff say in this state (NORM-2), by name; none for a customer. */
    script: Type.Array(Name),
  }),
);

export const WorkflowEvent = named(
  'WorkflowEvent',
  Closed({
    type: Name,
    title: Text,
    /** The state path it is declared on; `*` for the workflow's top-level `on`. */
    from: Type.String(),
    form: Nullable(FormSchema),
    formName: Nullable(Name),
    allow: Type.Array(AllowRule),
    /** The case-data key the event's form is kept under. */
    saveAs: Type.Optional(Type.String()),
    /** The condition key until which the form's data is sealed (staff only). */
    sealedUntil: Type.Optional(Type.String()),
  }),
);

/** A case-data field that tells cases apart in a list, with its label and, for a choice, its options' labels. */
export const SummaryField = named(
  'SummaryField',
  Closed({
    /** Dotted path in the case data. */
    path: Type.String(),
    title: Text,
    /** The field's type in its form (`phone`, `mobile`, `text`…); staff views only. */
    type: Type.Optional(Type.String()),
    options: Type.Optional(Type.Array(Option)),
  }),
);

/** An archive a registration can be filled from (INFO-2). */
export const RecordLookup = named(
  'RecordLookup',
  Closed({
    /** The link's name in the workflow's `records`. */
    link: Name,
    /** The RecordType. */
    type: Name,
    title: Text,
    /** Record field → the case-data field it fills. */
    fields: Type.Record(Type.String(), Type.String()),
    /** Case-data fields whose typed value searches the archive. */
    searchBy: Type.Array(Type.String()),
    titleField: Type.Optional(Type.String()),
  }),
);

/** A field as the case page formats its value: type, label and option labels in the reader's language. */
const viewFieldKeys = {
  name: Name,
  type: Type.String(),
  label: Text,
  multiple: Type.Optional(Type.Boolean()),
  options: Type.Optional(Type.Array(Option)),
};
/** A field with, for a group or rows, its nested fields (a cycle: the OpenAPI document's component ViewField). */
export const ViewField = Type.Cyclic(
  { ViewField: Closed({ ...viewFieldKeys, fields: Type.Optional(Type.Array(Type.Ref('ViewField'))) }) },
  'ViewField',
);

/** One section of what the case page shows at its top (the workflow's `view`, or its forms by default). */
export const ViewSection = named(
  'ViewSection',
  Closed({
    part: Type.Optional(Text),
    title: Type.Optional(Text),
    fields: Type.Array(
      Closed({
        /** Dotted path of the value in the case data. */
        path: Type.String(),
        ...viewFieldKeys,
        fields: Type.Optional(Type.Array(ViewField)),
      }),
    ),
  }),
);

/**
 * A workflow as its reader may use it. Staff: every state and event, allow rules, scripts, the archives a
 * registration can be filled from (`records`), the case page's sections (`view`) and the diagram. A customer: the
 * portal's steps as states, only the events they may send (forms without staff-only fields), whether they may start
 * one (`mayStart`), what their request takes from them (`prefill`), no diagram.
 */
export const WorkflowView = named(
  'WorkflowView',
  Closed({
    kind: Type.Literal('Workflow'),
    name: Name,
    title: Text,
    /** The published version (content hash) this view is of. */
    version: Type.String(),
    initial: Type.String(),
    states: Type.Array(WorkflowState),
    events: Type.Array(WorkflowEvent),
    /** The data that creates a case; its user and unit fields list what the reader may name (oneOf). */
    startForm: FormSchema,
    startFormName: Nullable(Name),
    startAllow: Type.Array(AllowRule),
    /** The service line the workflow belongs to (SL-*), where "new case" lists it. */
    serviceLine: Nullable(Name),
    summary: Type.Array(SummaryField),
    records: Type.Optional(Type.Array(RecordLookup)),
    view: Type.Optional(Type.Array(ViewSection)),
    diagram: Nullable(Closed({ mermaid: Type.String(), svg: Type.String() })),
    mayStart: Type.Optional(Type.Boolean()),
    prefill: Type.Optional(AnyObject),
  }),
);

/** A form field as the renderer lays it out (nested for group and rows). */
const layoutFieldKeys = {
  name: Name,
  /** JSON pointer of the value in the form data; rows use `/rows/-` for the row template. */
  pointer: Type.String(),
  type: Type.String(),
  label: Localized,
  hint: Type.Optional(Localized),
  placeholder: Type.Optional(Localized),
  required: Type.Boolean(),
  requiredWhen: Type.Optional(AnyObject),
  visibleWhen: Type.Optional(AnyObject),
  compute: Type.Optional(Type.String()),
  readOnly: Type.Boolean(),
  options: Type.Optional(Type.Array(Closed({ value: Type.String(), label: Localized }))),
  multiple: Type.Optional(Type.Boolean()),
  role: Type.Optional(Name),
  within: Type.Optional(Type.Enum(['actor', 'case', 'any'])),
  upward: Type.Optional(Type.Boolean()),
  unitTypes: Type.Optional(Type.Array(Name)),
  min: Type.Optional(Type.Number()),
  max: Type.Optional(Type.Number()),
  minLength: Type.Optional(Type.Integer()),
  maxLength: Type.Optional(Type.Integer()),
  minRows: Type.Optional(Type.Integer()),
  maxRows: Type.Optional(Type.Integer()),
  width: Type.Optional(Type.Number()),
};
/** A layout field with, for a group or rows, its nested fields (the OpenAPI document's component LayoutField). */
export const LayoutField = Type.Cyclic(
  { LayoutField: Closed({ ...layoutFieldKeys, fields: Type.Optional(Type.Array(Type.Ref('LayoutField'))) }) },
  'LayoutField',
);

/** A compiled form: its JSON Schema and the renderer's layout; a customer's schema leaves out staff-only fields. */
export const FormView = named(
  'FormView',
  Closed({
    kind: Type.Literal('Form'),
    name: Name,
    /** Both languages, as written: the form renders in either. */
    title: Localized,
    version: Type.String(),
    schema: FormSchema,
    layout: Closed({
      sections: Type.Array(Closed({ title: Type.Optional(Localized), fields: Type.Array(LayoutField) })),
    }),
  }),
);

/** Every other kind (Organization, Calendar, Script, SlaPolicy…): its envelope and its spec as published. */
export const OtherDefinitionView = named(
  'OtherDefinitionView',
  Closed({
    kind: Type.String(),
    name: Name,
    version: Type.String(),
    title: Text,
    metadata: Closed({
      name: Name,
      title: Type.Optional(Localized),
      description: Type.Optional(Localized),
      covers: Type.Optional(Type.Array(Type.String())),
    }),
    /**
     * The definition's `spec` as published (its kind's schema, engine/definitions/schemas). The Organization's
     * `users`: whole for administrators; other staff get the people of the units they see (username, name, unit,
     * roles); customers none.
     */
    spec: AnyObject,
  }),
);

export const DefinitionView = named('DefinitionView', Type.Union([WorkflowView, FormView, OtherDefinitionView]));
