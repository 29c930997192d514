/** A report's parameter was missing or wrong: the collector answers 400 with this message. */
export class ReportParamError extends Error {
  /** The query parameter at fault. */
  readonly param: string | undefined

  constructor(message: string, param?: string) {
    super(message)
    this.name = 'ReportParamError'
    this.param = param
  }
}
