// Amplitude analytics-browser: init and track (no React bindings exist).
import { init, track } from '@amplitude/analytics-browser'

init('abc123')
track('checkout_button_clicked', { cart_value: 42 })
