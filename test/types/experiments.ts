import { expectTypeOf } from 'vitest'
import {
  type Assignment,
  analyzeExperiment,
  createAnalytics,
  defineExperiment,
  type ExperimentAnalysis,
  withExperiments,
} from '../../src/index.js'
import { type ExperimentResult, useExperiment } from '../../src/react.js'

const checkout = defineExperiment({ key: 'checkout_flow', variations: ['control', 'one_page'] })
const analytics = createAnalytics({ experiments: withExperiments() })

// variation names become a union, without `as const`
expectTypeOf(analytics.experiments.assign(checkout)).toEqualTypeOf<Assignment<'control' | 'one_page'>>()
expectTypeOf(analytics.experiments.assign(checkout).variation).toEqualTypeOf<'control' | 'one_page'>()

declare const result: ReturnType<typeof useExperiment<'control' | 'one_page'>>
expectTypeOf(result).toEqualTypeOf<ExperimentResult<'control' | 'one_page'>>()
expectTypeOf(result.variation).toEqualTypeOf<'control' | 'one_page'>()
expectTypeOf(result.ref).toEqualTypeOf<(element: Element | null) => void>()

function Reader() {
  const { variation } = useExperiment(checkout, { exposeOn: 'visible', threshold: 0.5 })
  // @ts-expect-error: 'treatment' is not a variation of checkout_flow
  if (variation === 'treatment') return null
  return variation
}
void Reader

function Misused() {
  // @ts-expect-error: exposeOn takes 'render' | 'visible' | 'manual'
  return useExperiment(checkout, { exposeOn: 'mount' }).variation
}
void Misused

// an experiment needs at least one variation name, and weights are numbers
// @ts-expect-error: empty variations
defineExperiment({ key: 'empty', variations: [] })
// @ts-expect-error: weights must be numbers
defineExperiment({ key: 'weights', variations: ['a', 'b'], weights: ['half', 'half'] })
// @ts-expect-error: a namespace is [id, start, end]
defineExperiment({ key: 'ns', variations: ['a', 'b'], namespace: ['home', 0] })
defineExperiment({ key: 'ns', variations: ['a', 'b'], namespace: ['home', 0, 0.5], unit: 'anonymous' })
defineExperiment({ key: 'company', variations: ['a', 'b'], unit: ({ userId }) => userId?.split(':')[0] })

// overrides take an index, a name or null
analytics.experiments.override('checkout_flow', 1)
analytics.experiments.override('checkout_flow', 'one_page')
analytics.experiments.override('checkout_flow', null)
// @ts-expect-error: not a variation reference
analytics.experiments.override('checkout_flow', true)

expectTypeOf(
  analyzeExperiment({ variants: [{ name: 'control', users: 10, conversions: 1 }] }),
).toEqualTypeOf<ExperimentAnalysis>()
// @ts-expect-error: users are required
analyzeExperiment({ variants: [{ name: 'control', conversions: 1 }] })
