// SHA-256 in the browser (Web Crypto): null where it is not available (plain http off localhost is no secure context).
export async function sha256Hex(data: BufferSource): Promise<string | null> {
  if (!globalThis.crypto?.subtle) return null;
  const digest = await crypto.subtle.digest('SHA-256', data);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

export const sha256OfText = (text: string) => sha256Hex(new TextEncoder().encode(text));

export const sha256OfFile = async (file: File) => sha256Hex(await file.arrayBuffer());
