#!/usr/bin/env node
'use strict';
// bench.Echo/Unary on @grpc/grpc-js: a peer for the load test in tests/bench/transport.sh.
//
// Usage: node tests/bench/peers/echo_server.js PORT
// Binds 127.0.0.1:PORT (0 = a free port), prints "LISTENING <port>", serves until SIGTERM/SIGINT.
// grpc-js and proto-loader come from the interop peer's node_modules (no second package.json).
const path = require('path');

const NODE_PEER = path.join(__dirname, '..', '..', 'interop', 'peers', 'node');
const load = (name) => require(require.resolve(name, { paths: [NODE_PEER] }));
const grpc = load('@grpc/grpc-js');
const protoLoader = load('@grpc/proto-loader');

const PROTO = path.join(__dirname, '..', 'protos', 'bench', 'echo.proto');
// longs: String keeps int64 exact without converting; the message is handed back as it came.
const definition = protoLoader.loadSync(PROTO, { keepCase: true, longs: String, defaults: true });
const { Echo } = grpc.loadPackageDefinition(definition).bench;

const port = Number(process.argv[2]);
if (process.argv.length !== 3 || !Number.isInteger(port) || port < 0 || port > 65535) {
  process.stderr.write('usage: node echo_server.js PORT\n');
  process.exit(2);
}

const server = new grpc.Server();
server.addService(Echo.service, {
  Unary(call, callback) {
    callback(null, call.request);
  },
});

server.bindAsync(`127.0.0.1:${port}`, grpc.ServerCredentials.createInsecure(), (err, bound) => {
  if (err) {
    process.stderr.write(`could not bind 127.0.0.1:${port}: ${err.message}\n`);
    process.exit(1);
  }
  process.stdout.write(`LISTENING ${bound}\n`);
});

for (const signal of ['SIGTERM', 'SIGINT']) {
  process.on(signal, () => server.tryShutdown(() => process.exit(0)));
}
