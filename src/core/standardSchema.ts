/**
 * The Standard Schema interface (standardschema.dev), which Zod, Valibot and ArkType implement.
 * Declared here rather than imported so the published types need no extra package.
 */
export interface StandardSchemaV1<Input = unknown, Output = Input> {
  readonly '~standard': {
    readonly version: 1
    readonly vendor: string
    readonly validate: (
      value: unknown,
    ) => StandardSchemaV1.Result<Output> | Promise<StandardSchemaV1.Result<Output>>
    readonly types?: { readonly input: Input; readonly output: Output } | undefined
  }
}

export declare namespace StandardSchemaV1 {
  type Result<Output> =
    | { readonly value: Output; readonly issues?: undefined }
    | { readonly issues: ReadonlyArray<Issue> }
  interface Issue {
    readonly message: string
    readonly path?: ReadonlyArray<PropertyKey | { readonly key: PropertyKey }> | undefined
  }
  type InferInput<S extends StandardSchemaV1> = NonNullable<S['~standard']['types']>['input']
  type InferOutput<S extends StandardSchemaV1> = NonNullable<S['~standard']['types']>['output']
}
