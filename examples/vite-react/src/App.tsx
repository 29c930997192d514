import { TrackedButton, usePageView } from 'instrumentkit/react'

function App() {
  usePageView() // page_viewed, once per load

  return (
    <main>
      <h1>my-app</h1>
      <p>Each click sends signup_button_clicked to the collector.</p>
      <TrackedButton type="button" event="signup_button_clicked" properties={{ plan: 'free' }}>
        Sign up
      </TrackedButton>
    </main>
  )
}

export default App
