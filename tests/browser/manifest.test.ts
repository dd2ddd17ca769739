import manifest from '../../custom-elements.json' with { type: 'json' };
import * as entry from '../../ui/index.ts';
import { equal, ok } from './assert.ts';

interface Declaration {
  tagName?: string;
  name: string;
  attributes?: { name: string }[];
  events?: { name: string }[];
}

describe('custom-elements.json', () => {
  const declarations = manifest.modules.flatMap((m) => m.declarations as Declaration[]).filter((d) => d.tagName);

  it('documents every element ui/index.ts defines (or loads), with attributes the elements observe', async () => {
    ok(declarations.length >= 8, 'all elements are listed');
    await entry.loadDefinitionEditor();
    for (const m of manifest.modules) {
      for (const d of (m.declarations as Declaration[]).filter((x) => x.tagName)) {
        const module = (await import(/* @vite-ignore */ `../../${m.path}`)) as Record<string, unknown>;
        equal(
          customElements.get(d.tagName!),
          module[d.name],
          `${d.name} is exported by ${m.path} under its manifest name`,
        );
      }
    }
    for (const d of declarations) {
      const ctor = customElements.get(d.tagName!) as
        (CustomElementConstructor & { observedAttributes?: string[] }) | undefined;
      ok(ctor, `${d.tagName} is defined by ui/index.ts`);
      const observed = new Set(ctor.observedAttributes ?? []);
      for (const a of d.attributes ?? []) ok(observed.has(a.name), `${d.tagName} observes attribute ${a.name}`);
    }
  });
});
