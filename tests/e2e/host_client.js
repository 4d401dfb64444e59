#!/usr/bin/env node
'use strict';
// A partner's view of the host in Node @grpc/grpc-js: the e2e tests drive the host through it, as they
// do through host_client.py. host.proto is loaded from protos/ at run time; grpc-js comes from the
// interop peer's node_modules. Output: one JSON object per line (proto field names, int64 as strings).
//
//   host_client.js --target HOST:PORT [--token T] report          < observations.jsonl
//   host_client.js --target HOST:PORT [--token T] progress GOAL_ID
//   host_client.js --target HOST:PORT [--token T] alignment [AS_OF]
//   host_client.js --target HOST:PORT [--token T] watch GOAL_ID COUNT
//   host_client.js --target HOST:PORT [--token T] register MODULE_ID MEASURE_ID...
const path = require('path');
const readline = require('readline');

const NODE_PEER = path.join(__dirname, '..', 'interop', 'peers', 'node');
const load = (name) => require(require.resolve(name, { paths: [NODE_PEER] }));
const grpc = load('@grpc/grpc-js');
const protoLoader = load('@grpc/proto-loader');

const PROTOS = path.join(__dirname, '..', '..', 'protos');
const definition = protoLoader.loadSync('collaborative/v1/host.proto', {
  keepCase: true, longs: String, enums: String, defaults: false, oneofs: true, includeDirs: [PROTOS],
});
const { Host } = grpc.loadPackageDefinition(definition).collaborative.v1;

const emit = (obj) => process.stdout.write(JSON.stringify(obj) + '\n');
const error = (e) => ({ error: e.code, details: e.details });
const deadline = (seconds) => ({ deadline: new Date(Date.now() + seconds * 1000) });

async function main(argv) {
  const target = argv[argv.indexOf('--target') + 1];
  const tokenAt = argv.indexOf('--token');
  const rest = argv.filter((_, i) => i !== argv.indexOf('--target') && i !== argv.indexOf('--target') + 1
    && (tokenAt < 0 || (i !== tokenAt && i !== tokenAt + 1)));
  const [command, ...args] = rest;
  const metadata = new grpc.Metadata();
  if (tokenAt >= 0) {
    metadata.set('authorization', 'Bearer ' + argv[tokenAt + 1]);
  }

  const host = new Host(target, grpc.credentials.createInsecure());
  const unary = (method, request) => new Promise((resolve) => {
    host[method](request, metadata, deadline(30), (e, reply) => resolve(e ? error(e) : reply));
  });
  try {
    switch (command) {
      case 'report': {
        const call = host.ReportObservations(metadata, deadline(60));
        const done = new Promise((resolve) => {
          call.on('data', (ack) => emit(ack));
          call.on('error', (e) => { emit(error(e)); resolve(); });
          call.on('end', resolve);
        });
        for await (const line of readline.createInterface({ input: process.stdin })) {
          if (line.trim()) {
            call.write(JSON.parse(line));
          }
        }
        call.end();
        await done;
        break;
      }
      case 'progress':
        emit(await unary('GetGoalProgress', { goal_id: args[0] }));
        break;
      case 'alignment':
        emit(await unary('CheckAlignment', { as_of: args[0] || '' }));
        break;
      case 'register':
        emit(await unary('RegisterModule', {
          module: { id: args[0], name: `Waiting-list tracker (${args[0]})`, version: '2.1.0', measures: args.slice(1).map((m) => ({ measure_id: m })) },
        }));
        break;
      case 'watch': {
        const wanted = Number(args[1]);
        let seen = 0;
        const call = host.WatchProgress({ goal_id: args[0] }, metadata, deadline(60));
        await new Promise((resolve) => {
          call.on('data', (progress) => {
            emit(progress);
            if (++seen >= wanted) {
              call.cancel();
              resolve();
            }
          });
          call.on('error', (e) => { if (e.code !== grpc.status.CANCELLED) emit(error(e)); resolve(); });
          call.on('end', resolve);
        });
        break;
      }
      default:
        process.stderr.write(`unknown command ${command}\n`);
        return 2;
    }
  } finally {
    host.close();
  }
  return 0;
}

main(process.argv.slice(2)).then((code) => process.exit(code), (e) => { process.stderr.write(String(e.stack || e) + '\n'); process.exit(1); });
