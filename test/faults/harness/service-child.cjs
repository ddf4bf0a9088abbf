// One embedded service in a process of its own, so the fault suite can kill it and start it again on the same port
// and the same storage directory: `node service-child.cjs s3 <port> <dir> <bucket>` or `… smtp <port> <dir>`.
// It runs the product's own embedded servers (libs/embedded, built to dist/) and prints "ready <url>".
const path = require('node:path');

const root = path.resolve(__dirname, '../../..');
const { startS3Server, startSmtpSink } = require(path.join(root, 'dist/libs/embedded/src/index.js'));

async function main() {
  const [kind, port, dir, bucket] = process.argv.slice(2);
  const svc =
    kind === 's3'
      ? await startS3Server({ dir, bucket: bucket || 'evidence', port: Number(port) })
      : kind === 'smtp'
        ? await startSmtpSink({ dir, port: Number(port) })
        : null;
  if (!svc) throw new Error(`unknown service ${kind}`);
  console.log(`ready ${svc.url}`);
  const stop = () => svc.stop().finally(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
