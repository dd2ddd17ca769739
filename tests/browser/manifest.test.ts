import manifest from '../../custom-elements.json' with { type: 'json' };
import '../../ui/index.ts';
import * as entry from '../../ui/index.ts';
import { equal, ok } from './assert.ts';

interface Declaration { tagName?: string; name: string; attributes?: { name: string }[]; events?: { name: string }[] }

describe('custom-elements.json', () => {
  const declarations = manifest.modules.flatMap((m) => m.declarations as Declaration[]).filter((d) => d.tagName);

  it('documents every element ui/index.ts defines, with attributes the elements observe', () => {
    ok(declarations.length >= 8, 'all elements are listed');
    for (const d of declarations) {
      const ctor = customElements.get(d.tagName!) as (CustomElementConstructor & { observedAttributes?: string[] }) | undefined;
      ok(ctor, `${d.tagName} is defined by ui/index.ts`);
      equal(ctor, (entry as Record<string, unknown>)[d.name], `${d.name} is exported under its manifest name`);
      const observed = new Set(ctor.observedAttributes ?? []);
      for (const a of d.attributes ?? []) ok(observed.has(a.name), `${d.tagName} observes attribute ${a.name}`);
    }
  });
});
