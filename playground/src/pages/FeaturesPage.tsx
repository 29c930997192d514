import type { ComponentType } from 'react'

type FeatureModule = Record<string, unknown> & { default?: ComponentType; title?: string }

// a feature file exports its component as default or under a capitalised name
const componentOf = (mod: FeatureModule): ComponentType | undefined =>
  mod.default ??
  (Object.entries(mod).find(([name, value]) => /^[A-Z]/.test(name) && typeof value === 'function')?.[1] as
    | ComponentType
    | undefined)

// every file in features/ shows one capability of the kit; they appear here in name order
const features = Object.entries(import.meta.glob<FeatureModule>('../features/*.tsx', { eager: true }))
  .sort(([a], [b]) => a.localeCompare(b))
  .flatMap(([path, mod]) => {
    const Component = componentOf(mod)
    const name = path.replace(/^.*\/|\.tsx$/g, '')
    return Component
      ? [
          {
            path,
            id: `feature-${name}`,
            name,
            title: typeof mod.title === 'string' ? mod.title : name,
            Component,
          },
        ]
      : []
  })

/** Each capability of the kit on its own, as its author demonstrates it. */
export function FeaturesPage() {
  return (
    <div>
      <h1>Kit features</h1>
      <p className="hint">
        Small demos of each part of the kit, outside the shop. They use the same client, so their events
        appear in the collector panel too.
      </p>
      {features.length === 0 && <p>No feature demo is there yet.</p>}
      <nav aria-label="Features" className="toolbar">
        {features.map(({ id, name }) => (
          <a key={id} href={`#${id}`}>
            {name}
          </a>
        ))}
      </nav>
      {features.map(({ path, id, title, Component }) => (
        <section
          key={path}
          id={id}
          style={{ borderTop: '1px solid var(--line)', paddingTop: 8, marginTop: 16 }}
        >
          <h2>{title}</h2>
          <Component />
        </section>
      ))}
    </div>
  )
}
