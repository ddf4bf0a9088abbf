// Stops the server the setup started (SIGTERM: the launcher closes the API, the worker and its embedded services).
export default async function globalTeardown(): Promise<void> {
  const child = globalThis.__LYG_UI_SERVER__;
  if (!child || child.exitCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
  await exited;
  clearTimeout(timer);
}
