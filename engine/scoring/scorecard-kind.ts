import { checkCondition } from '../conditions/index.ts';
import { DefinitionErrorCode as Code } from '../definitions/definition-error.ts';
import type { KindDefinition } from '../definitions/kind.ts';
import schema from '../definitions/schemas/scorecard.schema.json' with { type: 'json' };
import { isKnownTimeZone } from '../calendar/time-zone.ts';
import { knownUnits, knownUnitTypes } from '../org/organization-kind.ts';
import { namedFacts } from './fact-names.ts';
import type { ScorecardSpec } from './scorecard-model.ts';

/** Facts a scorecard rule may use. */
export const SCORE_FACTS = ['fact', 'data', 'unit', 'case'];

/** The Scorecard kind: schema, then fact names, point arithmetic and references. */
export const scorecardKind: KindDefinition = {
  kind: 'Scorecard',
  schema,
  check(doc, index, report) {
    const spec = doc.spec as ScorecardSpec;
    const declared = new Set<string>();
    spec.facts.forEach((f, i) => {
      if (declared.has(f.name))
        report(`/spec/facts/${i}/name`, Code.duplicateName, `fact "${f.name}" is declared twice`);
      declared.add(f.name);
    });
    const hint = `declared facts: ${[...declared].sort().join(', ')}`;
    const categories = new Set<string>();
    spec.categories.forEach((c, ci) => {
      const at = `/spec/categories/${ci}`;
      if (categories.has(c.name)) report(`${at}/name`, Code.duplicateName, `category "${c.name}" is defined twice`);
      categories.add(c.name);
      const floor = c.floor ?? 0;
      const cap = c.cap ?? c.max;
      if (floor > c.max)
        report(`${at}/floor`, Code.invalidValue, `floor ${floor} is above the category's max ${c.max}`);
      if (cap < c.max)
        report(`${at}/cap`, Code.invalidValue, `cap ${cap} is below the category's max ${c.max}`, {
          hint: 'the cap limits bonuses; leave it out to cap at max',
        });
      const rules = new Set<string>();
      c.rules.forEach((r, ri) => {
        const rp = `${at}/rules/${ri}`;
        if (rules.has(r.name))
          report(`${rp}/name`, Code.duplicateName, `rule "${r.name}" is defined twice in category "${c.name}"`);
        rules.add(r.name);
        const issues = checkCondition(r.when, SCORE_FACTS);
        for (const i of issues)
          report(`${rp}/when${i.pointer}`, Code.invalidCondition, i.message, i.hint ? { hint: i.hint } : undefined);
        if (issues.length > 0) return;
        const named = namedFacts(r.when);
        for (const n of named) {
          if (!declared.has(n.name))
            report(`${rp}/when${n.pointer}`, Code.unknownReference, `unknown score fact "${n.name}"`, {
              hint: `declare it under spec.facts; ${hint}`,
            });
        }
        if (named.length === 0) {
          report(
            `${rp}/when`,
            Code.invalidCondition,
            `rule "${r.name}" does not name a score fact, so it would count every fact`,
            { hint: 'add { fact: fact, path: $.name, operator: equal, value: FACT }' },
          );
        }
      });
    });
    const sum = spec.categories.reduce((s, c) => s + c.max, 0);
    if (spec.total !== undefined && Math.abs(sum - spec.total) > 1e-9) {
      report('/spec/total', Code.invalidValue, `the categories' max add up to ${sum}, not ${spec.total}`, {
        hint: spec.categories.map((c) => `${c.name} ${c.max}`).join(' + '),
      });
    }
    (spec.bands ?? []).forEach((b, i) => {
      if (b.min !== undefined && b.max !== undefined && b.min > b.max)
        report(`/spec/bands/${i}`, Code.invalidValue, `band "${b.name}" has min ${b.min} above max ${b.max}`);
    });
    if (spec.timeZone !== undefined && !isKnownTimeZone(spec.timeZone))
      report('/spec/timeZone', Code.invalidValue, `unknown time zone '${spec.timeZone}'`, {
        hint: 'use an IANA name such as Asia/Shanghai',
      });
    const types = knownUnitTypes(index);
    const units = knownUnits(index);
    (spec.appliesTo?.unitTypes ?? []).forEach((t, i) => {
      if (types.size > 0 && !types.has(t))
        report(`/spec/appliesTo/unitTypes/${i}`, Code.unknownReference, `unknown unit type "${t}"`, {
          hint: `known: ${[...types].join(', ')}`,
        });
    });
    (spec.appliesTo?.units ?? []).forEach((u, i) => {
      if (units.size > 0 && !units.has(u))
        report(`/spec/appliesTo/units/${i}`, Code.unknownReference, `unknown unit "${u}"`);
    });
  },
};
