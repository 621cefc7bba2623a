/**
 * A shadow root the page closed to scripts, as an extension may see it: a page can put its text
 * in one (`attachShadow({ mode: 'closed' })`, `<template shadowrootmode="closed">`) to keep it
 * from being read. Firefox gives content scripts `openOrClosedShadowRoot`; Chromium has
 * chrome.dom. Each look is an extension-API call (~3 µs, ten times an open root's), so the reader
 * asks only where a closed root can hide text (see BlockReader).
 */
import { browser } from 'wxt/browser';

export function closedShadowRootOf(element: Element): ShadowRoot | null {
  if ('openOrClosedShadowRoot' in element) return (element as { openOrClosedShadowRoot: ShadowRoot | null }).openOrClosedShadowRoot ?? null;
  try {
    return browser.dom?.openOrClosedShadowRoot(element as HTMLElement) ?? null;
  } catch {
    return null;
  }
}
