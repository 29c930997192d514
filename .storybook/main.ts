import type { StorybookConfig } from '@storybook/react-vite'
import { mergeConfig } from 'vite'

const config: StorybookConfig = {
  stories: ['../stories/**/*.stories.@(ts|tsx)'],
  addons: ['@storybook/addon-docs'],
  framework: { name: '@storybook/react-vite', options: {} },
  core: { disableTelemetry: true, disableWhatsNewNotifications: true },
  // react-docgen parses the components with Babel; react-docgen-typescript needs the TypeScript compiler
  // API, which the native TypeScript 7 compiler does not provide
  typescript: { reactDocgen: 'react-docgen' },
  viteFinal: (viteConfig) =>
    mergeConfig(viteConfig, {
      // STORYBOOK_REACT_DEVELOPMENT=1 builds with React's development code, so the browser test sees the
      // warnings React gives only there (unknown props, missing keys, updates during render)
      ...(process.env.STORYBOOK_REACT_DEVELOPMENT === '1' && {
        mode: 'development',
        define: { 'process.env.NODE_ENV': JSON.stringify('development') },
      }),
      build: {
        // Storybook ships its preview runtime (about 1,140 kB minified) and its UI components (about
        // 560 kB) as single prebuilt modules, which no chunking can split; every chunk built from our
        // code stays far below Vite's default 500 kB
        chunkSizeWarningLimit: 1_200,
        rolldownOptions: {
          // the react-docgen transform that autodocs needs is most of the build's time; a report of it
          // says nothing about the output and varies with the machine's load
          checks: { bundlerTimings: false },
        },
      },
    }),
}

export default config
