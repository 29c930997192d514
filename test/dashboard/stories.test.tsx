import { composeStories } from '@storybook/react-vite'
import { act, cleanup, configure, render, screen } from '@testing-library/react'
import type { ComponentType } from 'react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import * as business from '../../stories/dashboard/BusinessView.stories.js'
import * as dashboard from '../../stories/dashboard/Dashboard.stories.js'
import * as experiments from '../../stories/dashboard/ExperimentsView.stories.js'
import * as experiment from '../../stories/dashboard/ExperimentView.stories.js'
import * as funnel from '../../stories/dashboard/FunnelView.stories.js'
import * as overview from '../../stories/dashboard/OverviewView.stories.js'
import * as quality from '../../stories/dashboard/QualityView.stories.js'
import * as retention from '../../stories/dashboard/RetentionView.stories.js'

// the whole suite shares two cores: a first render that pulls in every view may take seconds
vi.setConfig({ testTimeout: 20_000 })
configure({ asyncUtilTimeout: 5_000 })

afterEach(cleanup)

// what a person reads first in each story, once its answer arrived
const expected: Record<string, RegExp> = {
  'overview/Default': /Requests per second/,
  'overview/NoRequestMetrics': /No request metrics in this window/,
  'overview/Loading': /Loading…/,
  'overview/NeedsToken': /needs the collector’s read token/,
  'business/Default': /Monthly active users/,
  'funnel/Default': /of users who did page_viewed went on to checkout_completed/,
  'funnel/BadStep': /Could not load this report: steps: "Signup Completed" is not an event name/,
  'retention/Default': /Share of each cohort/,
  'experiment/SignificantWin': /Treatment \+10% conversion \(p<0\.05\): better than control, significant\./,
  'experiment/NotSignificant': /not significant, no difference shown yet/,
  'experiment/SampleRatioMismatch': /Sample ratio mismatch \(p<0\.001\)/,
  'experiments/Default': /pricing_page/,
  'experiments/Empty': /No experiment has been exposed in this window/,
  'quality/Default': /Rejected at ingest, by reason/,
  'quality/CollectorDown': /Could not load this report: store unreachable/,
  'dashboard/Default': /Requests per second/,
  'dashboard/OnAnExperiment': /Day 7 of 14/,
}

describe('dashboard stories', () => {
  const files = { overview, business, funnel, retention, experiment, experiments, quality, dashboard }
  for (const [file, module] of Object.entries(files)) {
    for (const [name, Story] of Object.entries(
      composeStories(module as Parameters<typeof composeStories>[0]),
    ) as [string, ComponentType][]) {
      it(`${file} › ${name} shows what it is about`, async () => {
        await act(async () => {
          render(<Story />)
        })
        const want = expected[`${file}/${name}`]
        expect(want, `an expectation for ${file}/${name}`).toBeDefined()
        await screen.findAllByText((_, el) => el?.tagName === 'BODY' && want!.test(el.textContent ?? ''))
      })
    }
  }
})
