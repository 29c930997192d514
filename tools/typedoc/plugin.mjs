// Members that the public types inherit from other packages' types (React's Component, node:http's
// IncomingMessage) are documented by those packages; listing them here would bury the kit's own members.
import { Converter, ReflectionKind } from 'typedoc'

/** @param {import('typedoc').Application} app */
export function load(app) {
  app.converter.on(Converter.EVENT_RESOLVE_END, (context) => {
    const { project } = context
    for (const owner of project.getReflectionsByKind(ReflectionKind.ClassOrInterface)) {
      const ownPackage = project.getSymbolIdFromReflection(owner)?.packageName
      for (const member of [...(owner.children ?? [])]) {
        const from = project.getSymbolIdFromReflection(member)?.packageName
        if (from && from !== ownPackage) project.removeReflection(member)
      }
    }
  })
}
