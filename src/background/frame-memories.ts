/**
 * The frames' memories, by tab and frame, in the background's memory only (page text is never
 * stored). A new document in a frame starts afresh; a closed tab or a frame that went away is
 * forgotten. Lost when the browser stops the service worker: content scripts then send their
 * texts again (the judge answers with the keys it is missing).
 */
import { FrameMemory } from './frame-judge';

const memories = new Map<number, Map<number, FrameMemory>>();

export function frameMemory(tabId: number, frameId: number, documentStart: number): FrameMemory {
  let frames = memories.get(tabId);
  if (!frames) memories.set(tabId, (frames = new Map()));
  let memory = frames.get(frameId);
  if (!memory || memory.documentStart !== documentStart) frames.set(frameId, (memory = new FrameMemory(documentStart)));
  // A new top document: the old page's frames are gone with it.
  if (frameId === 0) for (const [id, other] of frames) if (id !== 0 && other.documentStart < documentStart) frames.delete(id);
  return memory;
}

/** Forgets a frame's memory; given a document, only when the memory is of that document (not a newer one). */
export function forgetFrame(tabId: number, frameId: number, documentStart?: number): void {
  const frames = memories.get(tabId);
  if (documentStart === undefined || frames?.get(frameId)?.documentStart === documentStart) frames?.delete(frameId);
}

export function forgetTab(tabId: number): void {
  memories.delete(tabId);
}
