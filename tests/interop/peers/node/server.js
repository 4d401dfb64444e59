#!/usr/bin/env node
'use strict';
// InteropTest server on @grpc/grpc-js: a real third-party peer for our transport.
//
// Usage: node server.js --port 0
// Prints "LISTENING <port>" once bound on 127.0.0.1, serves until SIGTERM/SIGINT, or until
// stdin reaches EOF when stdin is a pipe or socket (a test harness closing it means "stop").
const fs = require('fs');
const { grpc, InteropTest } = require('./proto');

function parsePort(argv) {
  const i = argv.indexOf('--port');
  const port = i >= 0 ? Number(argv[i + 1]) : 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`bad --port ${argv[i + 1]}`);
  }
  return port;
}

// Sleep outcomes by tag, plus the Outcome calls waiting for one.
const outcomes = new Map();
const outcomeWaiters = new Map();

function record(tag, outcome) {
  if (outcomes.has(tag)) return; // first ending wins (cancel vs. deadline vs. timer)
  outcomes.set(tag, outcome);
  for (const wake of outcomeWaiters.get(tag) || []) wake();
  outcomeWaiters.delete(tag);
}

// Non-constant bytes so a corrupted or truncated payload is noticeable.
function pattern(size) {
  const buf = Buffer.allocUnsafe(size);
  for (let i = 0; i < size; i++) buf[i] = i & 0xff;
  return buf;
}

// int64 fields arrive as strings (longs: String); sums go through BigInt to stay exact.
const echo = (req) => ({ text: req.text, n: req.n, payload: req.payload });

const handlers = {
  Unary(call, callback) {
    callback(null, echo(call.request));
  },

  ServerStream(call) {
    const count = Number(call.request.count);
    let i = 0;
    // Respect backpressure: write until the stream buffer is full, resume on 'drain'.
    const pump = () => {
      while (i < count && !call.cancelled) {
        const ok = call.write({ text: `item-${i}`, n: String(i) });
        i++;
        if (!ok) {
          call.once('drain', pump);
          return;
        }
      }
      if (!call.cancelled) call.end();
    };
    pump();
  },

  ClientStream(call, callback) {
    const texts = [];
    let sum = 0n;
    call.on('data', (req) => {
      texts.push(req.text);
      sum += BigInt(req.n);
    });
    call.on('end', () => {
      callback(null, { text: texts.join(','), n: sum.toString(), count: String(texts.length) });
    });
  },

  Bidi(call) {
    // Echo each request the moment it arrives; end our side when the client half-closes.
    call.on('data', (req) => call.write(echo(req)));
    call.on('end', () => call.end());
  },

  Fail(call, callback) {
    const { code, message } = call.request;
    if (code === 0) {
      callback(null, { text: message });
      return;
    }
    callback({ code, details: message });
  },

  Sleep(call, callback) {
    const { tag } = call.request;
    const millis = Number(call.request.millis);
    let done = false;
    const finish = (outcome) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      clearTimeout(deadlineTimer);
      record(tag, outcome);
      if (outcome === 'completed') callback(null, { text: 'slept', n: String(millis) });
    };
    const timer = setTimeout(() => finish('completed'), millis);
    call.on('cancelled', () => finish('cancelled'));
    // grpc-js answers DEADLINE_EXCEEDED by itself when the deadline passes; record that too,
    // in case no 'cancelled' event follows the status it sent.
    const deadline = call.getDeadline();
    const left = deadline instanceof Date ? deadline.getTime() - Date.now() : Number(deadline) - Date.now();
    const deadlineTimer = Number.isFinite(left) && left < millis
      ? setTimeout(() => finish('cancelled'), Math.max(0, left))
      : null;
  },

  Outcome(call, callback) {
    const { tag } = call.request;
    const reply = () => callback(null, { outcome: outcomes.get(tag) || '' });
    if (outcomes.has(tag)) {
      reply();
      return;
    }
    let answered = false;
    const once = () => {
      if (answered) return;
      answered = true;
      clearTimeout(timeout);
      reply();
    };
    const timeout = setTimeout(() => {
      const list = outcomeWaiters.get(tag) || [];
      outcomeWaiters.set(tag, list.filter((w) => w !== once));
      once();
    }, Number(call.request.waitMillis));
    if (!outcomeWaiters.has(tag)) outcomeWaiters.set(tag, []);
    outcomeWaiters.get(tag).push(once);
  },

  EchoMetadata(call, callback) {
    // getMap() would keep only the first value of a repeated key; toJSON() keeps them all.
    // -bin values are Buffers and go back as Buffers (grpc-js base64s them on the wire).
    const header = new grpc.Metadata();
    const trailer = new grpc.Metadata();
    for (const [key, values] of Object.entries(call.metadata.toJSON())) {
      if (!key.startsWith('x-')) continue;
      for (const v of values) {
        header.add(key, v);
        trailer.add(key, v);
      }
    }
    call.sendMetadata(header);
    callback(null, echo(call.request), trailer);
  },

  Big(call, callback) {
    const size = Number(call.request.size);
    callback(null, { payload: pattern(size), n: String(size) });
  },
};

function main() {
  const port = parsePort(process.argv.slice(2));
  // Default options on purpose: 4 MiB max receive, gzip/deflate accepted.
  const server = new grpc.Server();
  server.addService(InteropTest.service, handlers);
  server.bindAsync(`127.0.0.1:${port}`, grpc.ServerCredentials.createInsecure(), (err, bound) => {
    if (err) {
      process.stderr.write(`could not bind 127.0.0.1:${port}: ${err.message}\n`);
      process.exit(1);
    }
    process.stdout.write(`LISTENING ${bound}\n`);
  });

  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    const force = setTimeout(() => {
      server.forceShutdown();
      process.exit(0);
    }, 1000);
    server.tryShutdown(() => {
      clearTimeout(force);
      process.exit(0);
    });
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);

  // Only a pipe/socket closing means "the harness is gone"; /dev/null or a TTY would
  // otherwise stop the server at once (e.g. under CI with no standard input).
  let st = null;
  try {
    st = fs.fstatSync(0);
  } catch (_) {
    // no stdin at all
  }
  if (st && (st.isFIFO() || st.isSocket())) {
    process.stdin.on('end', stop);
    process.stdin.on('error', stop);
    process.stdin.resume();
  }
}

main();
