/** Attributes and text of an element made with {@link h}. */
export interface ElementProps {
  readonly class?: string;
  readonly text?: string;
  readonly attrs?: Readonly<Record<string, string>>;
}

/**
 * Creates an element with a class, text, attributes and children.
 *
 * @example
 * ```ts
 * import { h } from './dom.ts';
 *
 * document.body.append(h('p', { class: 'note' }, 'Hello ', h('strong', { text: 'wallboard' })));
 * ```
 */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: ElementProps = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  if (props.class) element.className = props.class;
  if (props.text !== undefined) element.textContent = props.text;
  for (const [name, value] of Object.entries(props.attrs ?? {})) element.setAttribute(name, value);
  element.append(...children);
  return element;
}
