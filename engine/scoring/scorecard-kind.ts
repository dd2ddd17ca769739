import { checkCondition } from '../conditions/index.ts';
import { DefinitionErrorCode as Code } from '../definitions/definition-error.ts';
import type { KindDefinition } from '../definitions/kind.ts';
import schema from '../definitions/schemas/scorecard.schema.json' with { type: 'json' };
import { isKnownTimeZone } from '../calendar/time-zone.ts';
import { knownUnits, knownUnitTypes } from '../org/organization-kind.ts';
import { namedFacts } from './fact-names.ts';
import type { ScorecardSpec } from './scorecard-model.ts';
import { say } from '../definitions/said.ts';

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
        report(`/spec/facts/${i}/name`, Code.duplicateName, say('scorecard.factIsDeclaredTwice', { name: f.name }));
      declared.add(f.name);
    });
    const hint = say('sla.declaredFacts', { declared: [...declared].sort() });
    const categories = new Set<string>();
    spec.categories.forEach((c, ci) => {
      const at = `/spec/categories/${ci}`;
      if (categories.has(c.name))
        report(`${at}/name`, Code.duplicateName, say('scorecard.categoryIsDefinedTwice', { c: c.name }));
      categories.add(c.name);
      const floor = c.floor ?? 0;
      const cap = c.cap ?? c.max;
      if (floor > c.max)
        report(`${at}/floor`, Code.invalidValue, say('scorecard.floorIsAboveThe', { floor, max: c.max }));
      if (cap < c.max)
        report(`${at}/cap`, Code.invalidValue, say('scorecard.capIsBelowThe', { cap, max: c.max }), {
          hint: say('scorecard.theCapLimitsBonuses'),
        });
      const rules = new Set<string>();
      c.rules.forEach((r, ri) => {
        const rp = `${at}/rules/${ri}`;
        if (rules.has(r.name))
          report(`${rp}/name`, Code.duplicateName, say('scorecard.ruleIsDefinedTwice', { r: r.name, c: c.name }));
        rules.add(r.name);
        const issues = checkCondition(r.when, SCORE_FACTS);
        for (const i of issues)
          report(
            `${rp}/when${i.pointer}`,
            Code.invalidCondition,
            i.said,
            i.saidHint ? { hint: i.saidHint } : undefined,
          );
        if (issues.length > 0) return;
        const named = namedFacts(r.when);
        for (const n of named) {
          if (!declared.has(n.name))
            report(
              `${rp}/when${n.pointer}`,
              Code.unknownReference,
              say('scorecard.unknownScoreFact', { name: n.name }),
              {
                hint: say('scorecard.declareItUnderSpec', { hint }),
              },
            );
        }
        if (named.length === 0) {
          report(`${rp}/when`, Code.invalidCondition, say('scorecard.ruleDoesNotName', { r: r.name }), {
            hint: say('scorecard.addFactFactPath'),
          });
        }
      });
    });
    const sum = spec.categories.reduce((s, c) => s + c.max, 0);
    if (spec.total !== undefined && Math.abs(sum - spec.total) > 1e-9) {
      report('/spec/total', Code.invalidValue, say('scorecard.theCategoriesMaxAdd', { sum, total: spec.total }), {
        hint: say('asGiven', { message: spec.categories.map((c) => `${c.name} ${c.max}`).join(' + ') }),
      });
    }
    (spec.bands ?? []).forEach((b, i) => {
      if (b.min !== undefined && b.max !== undefined && b.min > b.max)
        report(
          `/spec/bands/${i}`,
          Code.invalidValue,
          say('scorecard.bandHasMinAbove', { b: b.name, min: b.min, max: b.max }),
        );
    });
    if (spec.timeZone !== undefined && !isKnownTimeZone(spec.timeZone))
      report('/spec/timeZone', Code.invalidValue, say('calendar.unknownTimeZone', { timeZone: spec.timeZone }), {
        hint: say('schedule.useAnIanaName'),
      });
    const types = knownUnitTypes(index);
    const units = knownUnits(index);
    (spec.appliesTo?.unitTypes ?? []).forEach((t, i) => {
      if (types.size > 0 && !types.has(t))
        report(`/spec/appliesTo/unitTypes/${i}`, Code.unknownReference, say('schedule.unknownUnitType', { t }), {
          hint: say('scorecard.known', { types: [...types] }),
        });
    });
    (spec.appliesTo?.units ?? []).forEach((u, i) => {
      if (units.size > 0 && !units.has(u))
        report(`/spec/appliesTo/units/${i}`, Code.unknownReference, say('schedule.unknownUnit', { u }));
    });
  },
};
