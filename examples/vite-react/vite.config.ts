import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'

// where `npx instrumentkit serve` listens (its default); set COLLECTOR_URL if you moved it
const collector = process.env.COLLECTOR_URL ?? 'http://127.0.0.1:8787'

// https://vite.dev/config/
export default defineConfig({
  plugins: [react()],
  // the dev server and `vite preview` forward the app's events to the collector, so the browser
  // sends them to its own origin: no CORS, and the same path works behind your production server
  server: { proxy: { '/api/analytics': collector } },
})
