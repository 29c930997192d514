import { addons } from 'storybook/manager-api'
import { create } from 'storybook/theming'

addons.setConfig({
  theme: create({
    base: 'light',
    brandTitle: 'instrumentkit',
    colorPrimary: '#1f5fbf',
    colorSecondary: '#1f5fbf',
    appBg: '#f4f6f9',
    appBorderColor: '#d5dae1',
    appBorderRadius: 6,
    textColor: '#1b1f24',
    textMutedColor: '#555e6b',
    barSelectedColor: '#1f5fbf',
    fontBase: "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif",
    fontCode: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace',
  }),
})
