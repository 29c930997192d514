/** A horizontal bar (SVG) filled to `share` (0 to 1) of its width; decorative, the number is written beside it. */
export function ShareBar({ share, height = 14 }: { share: number; height?: number }) {
  const filled = Math.max(0, Math.min(1, share))
  return (
    <svg className="ikdash-svg" height={height + 4} aria-hidden="true">
      <rect
        x="0"
        y="2"
        width="100%"
        height={height}
        rx="3"
        style={{ fill: 'var(--ik-bg2)', stroke: 'var(--ik-line)' }}
      />
      {filled > 0 && (
        <rect
          x="0"
          y="2"
          width={`${filled * 100}%`}
          height={height}
          rx="3"
          style={{ fill: 'var(--ik-accent)' }}
        />
      )}
    </svg>
  )
}
