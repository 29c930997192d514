// The one Node global the library reads: bundlers replace process.env.NODE_ENV at build time.
// Declared here so declaration emit needs no @types/node, which users of the browser build lack.
declare var process: { env: { NODE_ENV?: string } }
