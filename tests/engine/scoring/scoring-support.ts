import type { Definition } from '../../../engine/definitions/kind.ts';
import type { ScorecardSpec } from '../../../engine/scoring/index.ts';

const named = (name: string) => ({ fact: 'fact', path: '$.name', operator: 'equal', value: name });
const level = (value: string) => ({ fact: 'data', path: '$.level', operator: 'equal', value });

/** The seed's 100-point service-department card (KPI-1..5, MGMT-2), as tests use it. */
export const kpiSpec: ScorecardSpec = {
  period: 'month',
  total: 100,
  appliesTo: { unitTypes: ['branch', 'subsidiary'] },
  facts: [
    { name: 'norm-violation' },
    { name: 'late-customer-archive' },
    { name: 'late-product-archive' },
    { name: 'late-feedback' },
    { name: 'incomplete-feedback' },
    { name: 'missed-return-visit' },
    { name: 'missed-patrol' },
    { name: 'late-work-order' },
    { name: 'praise' },
    { name: 'complaint' },
  ],
  categories: [
    {
      name: 'customer-service',
      max: 25,
      rules: [{ name: 'norm-violation', when: named('norm-violation'), points: -4 }],
    },
    {
      name: 'information-feedback',
      max: 20,
      rules: [
        { name: 'late-customer-archive', when: named('late-customer-archive'), points: -1 },
        { name: 'late-product-archive', when: named('late-product-archive'), points: -1 },
        { name: 'late-feedback', when: named('late-feedback'), points: -2 },
        { name: 'incomplete-feedback', when: named('incomplete-feedback'), points: -2 },
      ],
    },
    {
      name: 'service-management',
      max: 30,
      rules: [
        { name: 'missed-return-visit', when: named('missed-return-visit'), points: -1 },
        { name: 'missed-patrol', when: named('missed-patrol'), points: -2 },
        { name: 'late-work-order', when: named('late-work-order'), points: -2 },
      ],
    },
    {
      name: 'customer-opinion',
      max: 25,
      rules: [
        {
          name: 'praise-group',
          title: 'praise to the group',
          when: { all: [named('praise'), level('group')] },
          points: 2,
        },
        { name: 'praise-association', when: { all: [named('praise'), level('consumer-association')] }, points: 3 },
        { name: 'complaint-group', when: { all: [named('complaint'), level('group')] }, points: -3 },
        {
          name: 'complaint-association',
          when: { all: [named('complaint'), level('consumer-association')] },
          points: -5,
        },
      ],
    },
  ],
  bands: [
    { name: 'excellent', min: 95, outcome: 'reward' },
    { name: 'acceptable', min: 80, max: 94.99, outcome: 'none' },
    { name: 'poor', max: 79.99, outcome: 'penalty' },
  ],
};

export const kpiCard: Definition = {
  apiVersion: 'serviceframe/v1',
  kind: 'Scorecard',
  metadata: { name: 'service-department' },
  spec: kpiSpec,
};
