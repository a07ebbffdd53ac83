// PostGraphile 4 as a team would generate it for the hub's tables: connection filters (with relations), the
// simplified inflector, no GraphiQL, one process per core. Usage: node server.js <database url> <port> <workers>
const cluster = require("cluster");
const http = require("http");
const { postgraphile } = require("postgraphile");

const [databaseUrl, port, workers] = process.argv.slice(2);

if (cluster.isPrimary) {
  for (let i = 0; i < Number(workers || 2); i++) cluster.fork();
} else {
  const handler = postgraphile(databaseUrl, "public", {
    appendPlugins: [
      require("@graphile-contrib/pg-simplify-inflector"),
      require("postgraphile-plugin-connection-filter"),
    ],
    graphileBuildOptions: { connectionFilterRelations: true },
    disableQueryLog: true,
    retryOnInitFail: false,
    graphiql: false,
  });
  http.createServer(handler).listen(Number(port), "127.0.0.1");
}
