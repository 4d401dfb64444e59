#!/usr/bin/env node
'use strict';
// InteropTest client on @grpc/grpc-js: runs one scenario, prints one JSON line.
//
// Usage: node client.js --target 127.0.0.1:PORT --scenario NAME
// Exit 0 whenever the call machinery worked, whatever status was observed (the caller judges
// the JSON); non-zero only on a crash. The JSON is ASCII-only (non-ASCII is \u-escaped).
const crypto = require('crypto');
const { grpc, InteropTest } = require('./proto');

// Safety net so a hung peer shows up as DEADLINE_EXCEEDED (4) in the JSON instead of a hang.
const TIMEOUT_MS = 30000;
// 50 loopback round trips take milliseconds; a buffering peer should fail fast, not in 30 s.
const BIDI_TIMEOUT_MS = 10000;
const MIB = 1024 * 1024;

const UNARY_TEXT = 'héllo wörld ✓';
const FAIL_MESSAGE = 'Zielwert überschritten — 目标 ✓ 100%';
const BIN_VALUE = Buffer.from([0, 1, 2, 250, 251, 255, 10, 13]);

const deadline = (ms = TIMEOUT_MS) => ({ deadline: Date.now() + ms });
const tag = (prefix) => `${prefix}-${crypto.randomBytes(6).toString('hex')}`;

// A failed call's status as JSON; anything that is not a gRPC status is a crash.
function statusOf(err) {
  if (typeof err?.code !== 'number') throw err;
  return { code: err.code, details: err.details ?? '' };
}

// Promisified unary call; resolves to the reply, rejects with the grpc-js ServiceError.
function unaryCall(client, method, request, options = deadline(), metadata = new grpc.Metadata()) {
  return new Promise((resolve, reject) => {
    client[method](request, metadata, options, (err, reply) => (err ? reject(err) : resolve(reply)));
  });
}

// x- keys only; -bin values as base64 of the received bytes; a repeated key as a list.
function xMetadata(md) {
  const out = {};
  for (const [key, values] of Object.entries(md.toJSON())) {
    if (!key.startsWith('x-')) continue;
    const vs = values.map((v) => (Buffer.isBuffer(v) ? v.toString('base64') : v));
    out[key] = vs.length === 1 ? vs[0] : vs;
  }
  return out;
}

async function outcome(client, t) {
  const reply = await unaryCall(client, 'Outcome', { tag: t, waitMillis: 3000 });
  return reply.outcome;
}

const scenarios = {
  async unary(client) {
    const r = await unaryCall(client, 'Unary', { text: UNARY_TEXT, n: 42 });
    return { code: 0, text: r.text, n: Number(r.n) };
  },

  server_stream(client) {
    return new Promise((resolve, reject) => {
      let count = 0;
      let ordered = true;
      let lastN = null;
      const call = client.ServerStream({ count: 10000 }, deadline());
      call.on('data', (r) => {
        // n is a string (longs: String); compare exactly.
        if (r.n !== String(count) || r.text !== `item-${count}`) ordered = false;
        lastN = Number(r.n);
        count++;
      });
      call.on('error', reject);
      call.on('end', () => resolve({ code: 0, count, ordered, last_n: lastN }));
    });
  },

  client_stream(client) {
    return new Promise((resolve, reject) => {
      const call = client.ClientStream(deadline(), (err, r) => {
        if (err) reject(err);
        else resolve({ code: 0, text: r.text, n: Number(r.n), count: Number(r.count) });
      });
      for (let i = 0; i < 100; i++) call.write({ text: `m${i}`, n: i });
      call.end();
    });
  },

  bidi(client) {
    // Message i+1 goes out only after echo i came back, so a peer that buffers replies until
    // the end of the stream never answers and the call fails with code 4.
    return new Promise((resolve, reject) => {
      const call = client.Bidi(deadline(BIDI_TIMEOUT_MS));
      let count = 0;
      let ordered = true;
      const send = () => call.write({ text: `ping-${count}`, n: count });
      call.on('data', (r) => {
        if (r.text !== `ping-${count}` || r.n !== String(count)) ordered = false;
        count++;
        if (count < 50) send();
        else if (count === 50) call.end();
        else ordered = false; // an echo nobody asked for
      });
      call.on('error', reject);
      call.on('end', () => resolve({ code: 0, count, ordered }));
      send();
    });
  },

  async error(client) {
    await unaryCall(client, 'Fail', { code: 9, message: FAIL_MESSAGE });
    return { code: 0 };
  },

  async deadline(client) {
    const t = tag('dl');
    const start = process.hrtime.bigint();
    let result;
    try {
      await unaryCall(client, 'Sleep', { millis: 5000, tag: t }, deadline(200));
      result = { code: 0 };
    } catch (err) {
      result = statusOf(err);
    }
    result.elapsed_ms = Number((process.hrtime.bigint() - start) / 1000000n);
    result.tag = t;
    result.server_outcome = await outcome(client, t);
    return result;
  },

  metadata(client) {
    return new Promise((resolve, reject) => {
      const md = new grpc.Metadata();
      md.add('x-ascii', 'plain value 123');
      md.add('x-bin-bin', BIN_VALUE);
      let headers = {};
      let trailers = null;
      let replied = false;
      // The reply callback and the 'status' event (which carries the trailers) can come in
      // either order; answer when both are in.
      const done = () => {
        if (replied && trailers) resolve({ code: 0, headers, trailers });
      };
      const call = client.EchoMetadata({ text: 'md' }, md, deadline(), (err) => {
        if (err) return reject(err);
        replied = true;
        done();
      });
      call.on('metadata', (m) => { headers = xMetadata(m); });
      call.on('status', (s) => {
        if (s.code !== 0) return; // the callback rejects
        trailers = xMetadata(s.metadata);
        done();
      });
    });
  },

  async too_big(client) {
    const r = await unaryCall(client, 'Unary', { text: 'big', payload: Buffer.alloc(5 * MIB) });
    return { code: 0, payload_len: r.payload.length };
  },

  async too_big_reply(client) {
    const r = await unaryCall(client, 'Big', { size: 5 * MIB });
    return { code: 0, payload_len: r.payload.length };
  },

  unknown_method: (client) => rawUnary(client, '/interop.v1.InteropTest/NoSuchMethod'),
  unknown_service: (client) => rawUnary(client, '/interop.v1.NoSuchService/Unary'),

  cancel(client) {
    const t = tag('cx');
    return new Promise((resolve) => {
      const call = client.Sleep({ millis: 10000, tag: t }, deadline(), (err) => {
        resolve(err ? { ...statusOf(err), tag: t } : { code: 0, tag: t });
      });
      setTimeout(() => call.cancel(), 300);
    }).then(async (result) => ({ ...result, server_outcome: await outcome(client, t) }));
  },

  async gzip(client) {
    // The compression comes from the channel options set in main() for this scenario.
    const r = await unaryCall(client, 'Unary', { text: 'gzip '.repeat(2000), n: 7 });
    return { code: 0, text_len: r.text.length, n: Number(r.n) };
  },
};

// Identity (de)serializers: request and reply are raw bytes, no method descriptor needed.
function rawUnary(client, path) {
  return new Promise((resolve, reject) => {
    client.makeUnaryRequest(path, (b) => b, (b) => b, Buffer.alloc(0), deadline(), (err) =>
      (err ? reject(err) : resolve({ code: 0 })));
  });
}

function arg(argv, name) {
  const i = argv.indexOf(name);
  if (i < 0 || i + 1 >= argv.length) throw new Error(`missing ${name}`);
  return argv[i + 1];
}

// JSON with every non-ASCII char \u-escaped, so the reader needs no encoding agreement.
const asciiJson = (obj) =>
  JSON.stringify(obj).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

async function main() {
  const argv = process.argv.slice(2);
  const target = arg(argv, '--target');
  const scenario = arg(argv, '--scenario');
  if (!Object.hasOwn(scenarios, scenario)) {
    throw new Error(`unknown scenario ${scenario}; one of ${Object.keys(scenarios).join(', ')}`);
  }

  // Unlimited send so too_big reaches the server (its limit must refuse it); receive limit
  // stays at the 4 MiB default for too_big_reply.
  const options = { 'grpc.max_send_message_length': -1 };
  if (scenario === 'gzip') {
    options['grpc.default_compression_algorithm'] = 2; // gzip
    options['grpc.default_compression_level'] = 2;
  }
  const client = new InteropTest(target, grpc.credentials.createInsecure(), options);
  // Connected before any scenario starts: a 200 ms deadline is about the call, not about resolving and
  // connecting on a busy machine (which alone took 150 ms under load, so the server never saw the call).
  await new Promise((resolve, reject) => client.waitForReady(Date.now() + TIMEOUT_MS, (err) => (err ? reject(err) : resolve())));

  let result;
  try {
    result = await scenarios[scenario](client);
  } catch (err) {
    result = statusOf(err);
  }
  client.close();
  process.stdout.write(`${asciiJson(result)}\n`, () => process.exit(0));
}

main().catch((err) => {
  process.stderr.write(`${err.stack || err}\n`);
  process.exit(1);
});
