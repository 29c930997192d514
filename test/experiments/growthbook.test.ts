import { describe, expect, it } from 'vitest'
import {
  chooseVariation,
  getBucketRanges,
  getEqualWeights,
  getQueryStringOverride,
  hash,
  inNamespace,
} from '../../src/index.js'
// GrowthBook's own SDK conformance cases; the file's "source" and "commit" fields say where it was taken from
import cases from '../fixtures/growthbook-cases.json' with { type: 'json' }

type Range = [number, number]
const round = (ranges: readonly (readonly number[])[]) => ranges.map((r) => r.map((x) => +x.toFixed(6)))

describe('GrowthBook conformance cases', () => {
  it('come from GrowthBook’s SDK test suite', () => {
    expect(cases.source).toBe('growthbook/growthbook packages/sdk-js/test/cases.json')
    expect(cases.commit).toMatch(/^[0-9a-f]{40}$/)
  })

  it.each(cases.hash as [string, string, number, number | null][])(
    'hash(%j, %j, v%i) is %s',
    (seed, value, version, expected) => {
      expect(hash(seed, value, version)).toBe(expected)
    },
  )

  it.each(cases.getBucketRange as [string, [number, number, number[] | null], Range[]][])(
    'getBucketRanges: %s',
    (_name, [n, coverage, weights], expected) => {
      expect(round(getBucketRanges(n, coverage, weights))).toEqual(round(expected))
    },
  )

  it.each(cases.chooseVariation as [string, number, Range[], number][])(
    'chooseVariation: %s',
    (_name, n, ranges, expected) => {
      expect(chooseVariation(n, ranges)).toBe(expected)
    },
  )

  it.each(cases.getQueryStringOverride as [string, string, string, number, number | null][])(
    'getQueryStringOverride: %s',
    (_name, key, url, numVariations, expected) => {
      expect(getQueryStringOverride(key, url, numVariations)).toBe(expected)
    },
  )

  it.each(cases.inNamespace as [string, string, [string, number, number], boolean][])(
    'inNamespace: %s',
    (_name, id, namespace, expected) => {
      expect(inNamespace(id, namespace)).toBe(expected)
    },
  )

  it.each(cases.getEqualWeights as [number, number[]][])('getEqualWeights(%i)', (n, expected) => {
    expect(getEqualWeights(n).map((w) => +w.toFixed(8))).toEqual(expected)
  })
})
