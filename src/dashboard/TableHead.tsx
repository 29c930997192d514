/**
 * A table's header row: text columns first, then columns of numbers, which are right-aligned like
 * their cells so digits line up.
 */
export function TableHead({ text, numbers = [] }: { text: readonly string[]; numbers?: readonly string[] }) {
  return (
    <thead>
      <tr>
        {text.map((label) => (
          <th key={label} scope="col">
            {label}
          </th>
        ))}
        {numbers.map((label, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: labels may repeat (a funnel step twice); the position is the column
          <th key={`${i}:${label}`} scope="col" className="ikdash-num">
            {label}
          </th>
        ))}
      </tr>
    </thead>
  )
}
