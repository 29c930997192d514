// The floor of a tracker that keeps its events through a crash: the baseline, plus one localStorage
// write per task that tracked something (that task's events, as JSON), removed once they are sent. Only
// bench/browserBusy.mjs runs it, to show what the durability alone costs in a real browser.
import { defineAdapter } from './defineAdapter.jsx'

const URL = 'https://collector.example.com/batch'
const queue = []
let fresh = []
let stored = []
let serial = 0
let timer

const store = () => {
  const key = `durable.${serial++}`
  localStorage.setItem(key, JSON.stringify(fresh))
  stored.push(key)
  fresh = []
}

const send = () => {
  clearTimeout(timer)
  timer = undefined
  if (fresh.length > 0) store()
  while (queue.length > 0) {
    const events = queue.splice(0, 100)
    fetch(URL, { method: 'POST', body: JSON.stringify({ sent_at: new Date().toISOString(), events }) })
  }
  for (const key of stored) localStorage.removeItem(key)
  stored = []
}

defineAdapter({
  init: async () => {},
  track(name, properties) {
    const event = {
      event: name,
      properties,
      message_id: crypto.randomUUID(),
      timestamp: new Date().toISOString(),
    }
    queue.push(event)
    // written at the end of the task, once for all the events it tracked
    if (fresh.push(event) === 1) queueMicrotask(() => fresh.length > 0 && store())
    if (queue.length >= 100) send()
    else timer ??= setTimeout(send, 1000)
  },
  flush: async () => send(),
})
