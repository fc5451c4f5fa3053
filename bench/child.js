// Runs one handler event in a fresh Node.js process, as Lambda would, and prints how long the handler took.
// env: BENCH_HANDLER (path), BENCH_EVENT (JSON), BENCH_HTTPS_TO (port: send https.request to local http).
const started = process.hrtime.bigint();
if (process.env.BENCH_HTTPS_TO) {
  // AwsCustomResource answers CloudFormation with https.request on port 443; point it at the local stand-in.
  const http = require('http');
  require('https').request = (options, callback) => http.request({ ...options, hostname: '127.0.0.1', port: Number(process.env.BENCH_HTTPS_TO) }, callback);
}
const { handler } = require(process.env.BENCH_HANDLER);
const loaded = process.hrtime.bigint();
handler(JSON.parse(process.env.BENCH_EVENT), { getRemainingTimeInMillis: () => 300000, functionName: 'bench', invokedFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:bench' })
  .then(() => {
    const done = process.hrtime.bigint();
    console.log(`BENCH ${JSON.stringify({ loadMs: Number(loaded - started) / 1e6, handlerMs: Number(done - loaded) / 1e6 })}`);
    // Lambda freezes the process once the handler has returned; without this, a kept-alive SDK socket would hold
    // the process open until the local endpoint closes it, seconds later, on every event.
    process.exit(0);
  })
  .catch((e) => { console.error(e); process.exit(1); });
