// Runs inside a page whose content security policy forbids 'unsafe-eval' (tests/browser/csp.test.ts).
import { canCompileCode } from '../../ui/components/compile-without-eval.ts';
import '../../ui/index.ts';

const form = document.createElement('sf-form');
form.form = {
  apiVersion: 'serviceframe/v1',
  kind: 'Form',
  metadata: { name: 'probe' },
  spec: {
    fields: [
      { name: 'a', type: 'text', label: 'A', required: true },
      { name: 'b', type: 'phone', label: 'B' },
    ],
  },
} as never;
document.body.append(form);
await form.updateComplete;
(window as unknown as { cspProbe: unknown }).cspProbe = {
  canCompile: canCompileCode(),
  fields: form.shadowRoot!.querySelectorAll('.field').length,
};
