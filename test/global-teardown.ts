export default async function globalTeardown(): Promise<void> {
  for (const s of (globalThis.__LYG_SERVICES__ ?? []).reverse()) await s.stop().catch(() => undefined);
}
