/**
 * The Standard Schema interface (standardschema.dev), which Zod, Valibot and ArkType implement.
 * Declared here rather than imported so the published types need no extra package.
 */
export interface StandardSchemaV1<Input = unknown, Output = Input> {
  /** The Standard Schema properties, under a key that keeps them out of editor completion. */
  readonly '~standard': {
    /** The version of the standard: 1. */
    readonly version: 1
    /** The library that made the schema, e.g. `zod`. */
    readonly vendor: string
    /** Validates a value: its output, or the issues that make it invalid. */
    readonly validate: (
      value: unknown,
    ) => StandardSchemaV1.Result<Output> | Promise<StandardSchemaV1.Result<Output>>
    /** The input and output types, for type inference only. */
    readonly types?:
      | {
          /** The type the schema accepts. */
          readonly input: Input
          /** The type it gives after validation. */
          readonly output: Output
        }
      | undefined
  }
}

/** Types that go with `StandardSchemaV1`. */
export declare namespace StandardSchemaV1 {
  /** What `validate` gives: the value when valid, the issues otherwise. */
  type Result<Output> =
    | {
        /** The validated (and possibly transformed) value. */
        readonly value: Output
        /** Absent on success. */
        readonly issues?: undefined
      }
    | {
        /** Why the value is invalid. */
        readonly issues: ReadonlyArray<Issue>
      }
  /** One reason a value is invalid. */
  interface Issue {
    /** A readable explanation. */
    readonly message: string
    /** Where in the value the problem is, e.g. `['items', 0, 'price']`. */
    readonly path?:
      | ReadonlyArray<
          | PropertyKey
          | {
              /** The key of one step of the path. */
              readonly key: PropertyKey
            }
        >
      | undefined
  }
  /** The input type of a schema. */
  type InferInput<S extends StandardSchemaV1> = NonNullable<S['~standard']['types']>['input']
  /** The output type of a schema. */
  type InferOutput<S extends StandardSchemaV1> = NonNullable<S['~standard']['types']>['output']
}
