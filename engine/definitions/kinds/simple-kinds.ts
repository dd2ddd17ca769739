import recordTypeSchema from '../schemas/record-type.schema.json' with { type: 'json' };
import scenarioSchema from '../schemas/scenario.schema.json' with { type: 'json' };
import scriptSchema from '../schemas/script.schema.json' with { type: 'json' };
import serviceLineSchema from '../schemas/service-line.schema.json' with { type: 'json' };
import { DefinitionErrorCode as Code } from '../definition-error.ts';
import type { KindDefinition } from '../kind.ts';
import { known } from '../../org/organization-kind.ts';
import { say } from '../said.ts';

/** Kinds whose checks are a few references each; richer kinds live beside their engines. */
export const scriptKind: KindDefinition = { kind: 'Script', schema: scriptSchema };

export const serviceLineKind: KindDefinition = {
  kind: 'ServiceLine',
  schema: serviceLineSchema,
  check(doc, index, report) {
    const spec = doc.spec as { workflows: string[]; portal?: string[] };
    for (const [field, list] of [
      ['workflows', spec.workflows],
      ['portal', spec.portal ?? []],
    ] as const) {
      list.forEach((w, i) => {
        if (!index.get('Workflow', w))
          report(
            `/spec/${field}/${i}`,
            Code.unknownReference,
            say('unknownRef', { what: say('what.Workflow'), name: w }),
            {
              hint: known(index, 'Workflow'),
            },
          );
      });
    }
  },
};

export const recordTypeKind: KindDefinition = {
  kind: 'RecordType',
  schema: recordTypeSchema,
  check(doc, index, report) {
    const spec = doc.spec as { form: string; key?: string[]; titleField?: string; searchFields?: string[] };
    const form = index.get<{ fields: { name: string }[] }>('Form', spec.form);
    if (!form) {
      report('/spec/form', Code.unknownReference, say('unknownRef', { what: say('what.Form'), name: spec.form }), {
        hint: known(index, 'Form'),
      });
      return;
    }
    const fields = new Set(form.spec.fields.map((f) => f.name));
    const field = (pointer: string, name: string | undefined) => {
      if (name !== undefined && !fields.has(name))
        report(pointer, Code.unknownReference, say('formNoField', { form: spec.form, name }), {
          hint: say('fields.list', { names: [...fields] }),
        });
    };
    (spec.key ?? []).forEach((k, i) => field(`/spec/key/${i}`, k));
    (spec.searchFields ?? []).forEach((k, i) => field(`/spec/searchFields/${i}`, k));
    field('/spec/titleField', spec.titleField);
  },
};

/** Scenario steps are checked in depth when they run (they name cases created on the way). */
export const scenarioKind: KindDefinition = {
  kind: 'Scenario',
  schema: scenarioSchema,
  check(doc, index, report) {
    const spec = doc.spec as {
      steps: Record<string, Record<string, unknown>>[];
      records?: { type: string; data: Record<string, unknown> }[];
    };
    (spec.records ?? []).forEach((r, i) => {
      const type = index.get<{ form: string }>('RecordType', r.type);
      if (!type) {
        report(
          `/spec/records/${i}/type`,
          Code.unknownReference,
          say('unknownRef', { what: say('what.RecordType'), name: r.type }),
          {
            hint: known(index, 'RecordType'),
          },
        );
        return;
      }
      const fields = new Set(
        index.get<{ fields: { name: string }[] }>('Form', type.spec.form)?.spec.fields.map((f) => f.name) ?? [],
      );
      for (const key of Object.keys(r.data)) {
        if (!fields.has(key))
          report(
            `/spec/records/${i}/data/${key}`,
            Code.unknownReference,
            say('recordsNoField', { type: r.type, name: key }),
            {
              hint: say('fields.list', { names: [...fields] }),
            },
          );
      }
    });
    const steps = spec.steps;
    steps.forEach((step, i) => {
      for (const kind of ['create', 'find'] as const) {
        const body = step[kind];
        if (body && typeof body.workflow === 'string' && !index.get('Workflow', body.workflow)) {
          report(
            `/spec/steps/${i}/${kind}/workflow`,
            Code.unknownReference,
            say('unknownRef', { what: say('what.Workflow'), name: body.workflow }),
            { hint: known(index, 'Workflow') },
          );
        }
      }
    });
  },
};
