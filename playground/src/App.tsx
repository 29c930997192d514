import type { ComponentType } from 'react'
import { OutcomeLog } from './OutcomeLog.js'

interface FeatureModule {
  default?: ComponentType
  title?: string
}

// every file in features/ shows one capability of the kit; they appear here in name order
const features = Object.entries(import.meta.glob<FeatureModule>('./features/*.tsx', { eager: true }))
  .sort(([a], [b]) => a.localeCompare(b))
  .flatMap(([path, mod]) => (mod.default ? [{ path, title: mod.title ?? path, Component: mod.default }] : []))

export function App() {
  return (
    <div
      style={{
        display: 'grid',
        gridTemplateColumns: 'minmax(0, 1fr) 420px',
        gap: 24,
        fontFamily: 'system-ui',
      }}
    >
      <main>
        <h1>instrumentkit playground</h1>
        {features.map(({ path, title, Component }) => (
          <section key={path} style={{ borderTop: '1px solid #ddd', paddingTop: 8, marginTop: 16 }}>
            <h2>{title}</h2>
            <Component />
          </section>
        ))}
      </main>
      <OutcomeLog />
    </div>
  )
}
