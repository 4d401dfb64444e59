'use strict';
// Loads the InteropTest contract at run time, so the Node peer always matches interop.proto.
const path = require('path');
const grpc = require('@grpc/grpc-js');
const protoLoader = require('@grpc/proto-loader');

const PROTO = path.join(__dirname, '..', '..', 'protos', 'interop.proto');

// keepCase false: fields are camelCase (waitMillis). longs: String keeps int64 exact; code that
// does arithmetic on them goes through BigInt. bytes decode to Buffer (the default).
const LOADER_OPTIONS = { keepCase: false, longs: String, enums: String, defaults: true, oneofs: true };

const packageDefinition = protoLoader.loadSync(PROTO, LOADER_OPTIONS);
const interop = grpc.loadPackageDefinition(packageDefinition).interop.v1;

module.exports = { grpc, interop, InteropTest: interop.InteropTest };
