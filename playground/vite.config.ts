import react from '@vitejs/plugin-react'
import { type Connect, defineConfig, type Plugin } from 'vite'
import { apiMiddleware } from './server/api.js'
import { createCollector } from './server/collector.js'

const PORT = 5173

function playgroundServer(): Plugin {
  const collector = createCollector()
  const install = (middlewares: Connect.Server) => {
    middlewares.use(collector.middleware as Connect.NextHandleFunction)
    middlewares.use(apiMiddleware as Connect.NextHandleFunction)
  }
  return {
    name: 'instrumentkit-playground-server',
    configureServer: (server) => install(server.middlewares),
    configurePreviewServer: (server) => install(server.middlewares),
  }
}

export default defineConfig({
  root: import.meta.dirname,
  plugins: [react(), playgroundServer()],
  server: { port: PORT, strictPort: true, host: '127.0.0.1' },
  preview: { port: PORT, strictPort: true, host: '127.0.0.1' },
})
