/**
 * Each frame's content script holds a port to the background named FRAME_PORT:<documentStart>.
 * The port closes when the frame goes (removed, navigated, tab closed), so the background drops
 * its report; and when the extension is reloaded or removed, so the content script stops. Both
 * without any event a page could forge.
 */
export const FRAME_PORT = 'lureguard-frame';

export const framePortName = (documentStart: number) => `${FRAME_PORT}:${documentStart}`;

/** The document a frame port belongs to, or null when the name is not a frame port's. */
export function documentOfPort(name: string): number | null {
  if (!name.startsWith(`${FRAME_PORT}:`)) return null;
  const documentStart = Number(name.slice(FRAME_PORT.length + 1));
  return Number.isFinite(documentStart) ? documentStart : null;
}
