/**
 * Hosts the warning bar in its own shadow root, so the page's CSS cannot restyle it and its
 * markup never mixes with the page's. One custom element appended to <html>; nothing else.
 */
import { render } from 'preact';
import { OWN_UI_TAG } from './extract';
import { WARNING_BAR_STYLE, WarningBar, type WarningBarProps } from './WarningBar';

export class WarningBarHost {
  private host: HTMLElement | undefined;
  private mount: HTMLElement | undefined;

  constructor(private readonly document: Document) {}

  get element(): HTMLElement | undefined {
    return this.host;
  }

  show(props: WarningBarProps): void {
    if (!this.host || !this.host.isConnected) {
      this.host = this.document.createElement(OWN_UI_TAG);
      const shadow = this.host.attachShadow({ mode: 'open' });
      const style = this.document.createElement('style');
      style.textContent = WARNING_BAR_STYLE;
      this.mount = this.document.createElement('div');
      shadow.append(style, this.mount);
      this.document.documentElement.append(this.host);
    }
    render(<WarningBar {...props} />, this.mount!);
  }

  remove(): void {
    if (this.mount) render(null, this.mount);
    this.host?.remove();
    this.host = undefined;
    this.mount = undefined;
  }
}
