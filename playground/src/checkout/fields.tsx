/** Shipping address inputs, filled in with a demo address; their values are never tracked. */
export function AddressFields() {
  return (
    <fieldset style={{ display: 'grid', gap: 8, border: 0, padding: 0 }}>
      <legend style={{ fontWeight: 600, marginBottom: 6 }}>Shipping address</legend>
      <label>
        Full name
        <input name="full_name" autoComplete="name" defaultValue="Ada Lovelace" required />
      </label>
      <label>
        Street
        <input name="street" autoComplete="street-address" defaultValue="12 St James's Square" required />
      </label>
      <label>
        City
        <input name="city" autoComplete="address-level2" defaultValue="London" required />
      </label>
    </fieldset>
  )
}

/** Card inputs, filled in with a test card number; their values are never tracked. */
export function PaymentFields() {
  return (
    <fieldset style={{ display: 'grid', gap: 8, border: 0, padding: 0 }}>
      <legend style={{ fontWeight: 600, marginBottom: 6 }}>Payment</legend>
      <label>
        Card number
        <input name="card_number" autoComplete="cc-number" defaultValue="4242 4242 4242 4242" required />
      </label>
      <label>
        Expiry
        <input name="expiry" autoComplete="cc-exp" defaultValue="12/30" required />
      </label>
    </fieldset>
  )
}
