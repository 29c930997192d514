/** @type {import('next').NextConfig} */
const nextConfig = {
  // DuckDB is a native module: load it from node_modules at run time rather than bundling it
  serverExternalPackages: ['@duckdb/node-api', '@clickhouse/client'],
}

export default nextConfig
