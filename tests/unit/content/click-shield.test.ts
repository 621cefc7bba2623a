// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { clickShield } from '../../../src/content/click-shield';

afterEach(() => document.body.replaceChildren());

describe('click shield', () => {
  // happy-dom's events are never trusted; a marker on the event stands for a person's.
  const byPerson = (event: Event) => (event as Event & { person?: boolean }).person === true;
  const personClick = () => Object.assign(new MouseEvent('click', { bubbles: true, composed: true }), { person: true });
  // One shield per window, put up on first use: this file's tests share it.
  const shield = clickShield(window, byPerson);

  it('hands a person click on our element to its handler before a page listener that swallows clicks', () => {
    const host = document.body.appendChild(document.createElement('div'));
    const handle = vi.fn();
    shield.guard(host, handle);
    const pageListener = vi.fn((event: Event) => event.stopImmediatePropagation());
    window.addEventListener('click', pageListener, true);
    try {
      host.dispatchEvent(personClick());
      expect(handle).toHaveBeenCalledOnce();
      expect(pageListener).not.toHaveBeenCalled();
      // A scripted click goes on to the page as usual, and does nothing of ours.
      host.dispatchEvent(new MouseEvent('click', { bubbles: true }));
      expect(handle).toHaveBeenCalledOnce();
      expect(pageListener).toHaveBeenCalledOnce();
    } finally {
      window.removeEventListener('click', pageListener, true);
    }
  });

  it('keeps key presses on our element from the page, so that it cannot cancel Enter', () => {
    const host = document.body.appendChild(document.createElement('div'));
    shield.guard(host, vi.fn());
    const pageListener = vi.fn((event: Event) => event.preventDefault());
    window.addEventListener('keydown', pageListener, true);
    try {
      const press = Object.assign(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true }), { person: true });
      host.dispatchEvent(press);
      expect(pageListener).not.toHaveBeenCalled();
      expect(press.defaultPrevented).toBe(false);
      // Elsewhere the page's listener works on its own content.
      document.body.dispatchEvent(Object.assign(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }), { person: true }));
      expect(pageListener).toHaveBeenCalledOnce();
    } finally {
      window.removeEventListener('keydown', pageListener, true);
    }
  });

  it('is one shield per window, shared by every script that asks for it', () => {
    expect(clickShield(window)).toBe(shield);
  });
});
