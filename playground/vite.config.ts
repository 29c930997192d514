import react from '@vitejs/plugin-react'
import { type Connect, defineConfig, type Plugin } from 'vite'
import { apiMiddleware } from './server/api.js'
import { createPlaygroundCollector } from './server/collector.js'

const PORT = 5173

function playgroundServer(): Plugin {
  // opened when a server starts, not when the config is read (a build needs no store)
  let collector: ReturnType<typeof createPlaygroundCollector> | undefined
  const install = (middlewares: Connect.Server) => {
    collector ??= createPlaygroundCollector()
    middlewares.use(collector.middleware as Connect.NextHandleFunction)
    middlewares.use(apiMiddleware as Connect.NextHandleFunction)
  }
  return {
    name: 'instrumentkit-playground-server',
    configureServer: (server) => {
      install(server.middlewares)
      // the DuckDB file stays locked while open: release it when the dev server stops
      server.httpServer?.once('close', () => void collector?.close())
    },
    configurePreviewServer: (server) => install(server.middlewares),
  }
}

export default defineConfig({
  root: import.meta.dirname,
  plugins: [react(), playgroundServer()],
  server: { port: PORT, strictPort: true, host: '127.0.0.1' },
  preview: { port: PORT, strictPort: true, host: '127.0.0.1' },
})
