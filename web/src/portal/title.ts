// The document title of a portal page.
export function setTitle(title: string): void {
  document.title = `${title} · 一窗办事`;
}
