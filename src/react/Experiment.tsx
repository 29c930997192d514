import {
  Children,
  cloneElement,
  isValidElement,
  type ReactElement,
  type ReactNode,
  type Ref,
  useMemo,
  version,
} from 'react'
import type { ExperimentDefinition } from '../experiments/defineExperiment.js'
import { warnOnce } from '../lib/warn.js'
import { type ExperimentResult, type UseExperimentOptions, useExperiment } from './useExperiment.js'

/** Props of `<Variant>`. */
export interface VariantProps {
  /** The variation this content is for. */
  name: string
  /** Rendered when the visitor's variation is `name`. */
  children?: ReactNode
}

/**
 * The content of one variation inside `<Experiment>`. It renders its children as they are, with no
 * element of its own.
 *
 * @example
 * <Experiment experiment={checkoutFlow}>
 *   <Variant name="control"><Checkout /></Variant>
 *   <Variant name="one_page"><OnePageCheckout /></Variant>
 * </Experiment>
 */
export function Variant({ children }: VariantProps) {
  return <>{children}</>
}

/** Props of `<Experiment>`. */
export interface ExperimentProps<TVariation extends string = string> extends UseExperimentOptions {
  /** The experiment whose variant to render: a `defineExperiment` result, or an inline definition. */
  experiment: ExperimentDefinition<TVariation>
  /** Rendered when no `<Variant>` matches the variation to show. */
  fallback?: ReactNode
  /** `<Variant name>` elements, or a function of the result (variation, `ref`, `expose`, `trackConversion`). */
  children?: ReactNode | ((result: ExperimentResult<TVariation>) => ReactNode)
}

// React 19 passes ref as a prop and warns when element.ref is read; React 18 keeps it on the element
const REF_IN_PROPS = Number.parseInt(version, 10) >= 19

const refOf = (element: ReactElement): Ref<Element> | undefined =>
  REF_IN_PROPS
    ? (element.props as { ref?: Ref<Element> }).ref
    : (element as unknown as { ref?: Ref<Element> }).ref

const setRef = (ref: Ref<Element> | undefined, value: Element | null) => {
  if (typeof ref === 'function') ref(value)
  else if (ref) (ref as { current: Element | null }).current = value
}

/**
 * Renders the `<Variant>` of the variation this user sees, adding no element of its own, and tracks the
 * exposure (see `useExperiment`). Units not in the experiment see the first variation (the control).
 *
 * With `exposeOn="visible"` the exposure waits until the variant has been seen: the chosen `<Variant>`
 * must then hold a single element that accepts a ref (a DOM element or a component forwarding its ref);
 * the ref is added to it, keeping its own. For anything else use the render-prop form and place `ref`.
 *
 * @example
 * <Experiment experiment={checkoutFlow}>
 *   <Variant name="control"><Checkout /></Variant>
 *   <Variant name="one_page"><OnePageCheckout /></Variant>
 * </Experiment>
 *
 * <Experiment experiment={heroCopy} exposeOn="visible">
 *   {({ variation, ref }) => <h1 ref={ref}>{variation === 'short' ? 'Shop' : 'Shop the new season'}</h1>}
 * </Experiment>
 */
export function Experiment<const TVariation extends string>({
  experiment,
  fallback = null,
  children,
  ...options
}: ExperimentProps<TVariation>) {
  const result = useExperiment(experiment, options)
  const render = typeof children === 'function' ? children : undefined
  let chosen: ReactNode = fallback
  let found = false
  if (!render)
    Children.forEach(children as ReactNode, (child) => {
      if (!isValidElement<VariantProps>(child) || child.type !== Variant) {
        if (process.env.NODE_ENV !== 'production' && child != null && typeof child !== 'boolean')
          warnOnce(
            `experiment-child:${result.key}`,
            `<Experiment experiment="${result.key}"> takes <Variant name> children or a function; other children are ignored.`,
          )
        return
      }
      const { name } = child.props
      if (
        process.env.NODE_ENV !== 'production' &&
        !(experiment?.variations as readonly string[] | undefined)?.includes(name)
      )
        warnOnce(
          `variant:${result.key}:${name}`,
          `<Variant name="${name}"> is not a variation of experiment "${result.key}".`,
        )
      if (!found && name === result.variation) {
        found = true
        chosen = child.props.children
      }
    })
  const visible = found && options.exposeOn === 'visible'
  const target = visible && isValidElement(chosen) ? chosen : undefined
  const own = target && refOf(target)
  const visibleRef = result.ref
  const merged = useMemo(
    () => (element: Element | null) => {
      setRef(own, element)
      visibleRef(element)
    },
    [own, visibleRef],
  )

  if (process.env.NODE_ENV !== 'production' && visible && !target)
    warnOnce(
      `experiment-visible:${result.key}`,
      `<Experiment experiment="${result.key}" exposeOn="visible"> needs each <Variant> to hold a single element that accepts a ref; no exposure is tracked. Use the render-prop form to place the ref yourself.`,
    )
  return (
    <>
      {render
        ? render(result)
        : target
          ? cloneElement(target as ReactElement<{ ref?: Ref<Element> }>, { ref: merged })
          : chosen}
    </>
  )
}
