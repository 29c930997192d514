import { defineExperiment } from '../../src/index.js'
import { Experiment, Variant } from '../../src/react.js'

const checkout = defineExperiment({ key: 'checkout_flow', variations: ['control', 'one_page'] })

export const variants = (
  <Experiment experiment={checkout} exposeOn="render" fallback={null}>
    <Variant name="control">old</Variant>
    <Variant name="one_page">new</Variant>
  </Experiment>
)

export const renderProp = (
  <Experiment experiment={checkout} exposeOn="visible">
    {({ variation, ref }) => {
      // @ts-expect-error: the render prop's variation is the experiment's union
      const wrong: 'treatment' = variation
      return <h1 ref={ref}>{wrong}</h1>
    }}
  </Experiment>
)

// @ts-expect-error: an experiment is required
export const missing = <Experiment>x</Experiment>
