import { styleText } from 'node:util';

/** A style name `node:util` styleText accepts, e.g. `'bold'`, `'red'`, `'dim'`. */
export type Style = Parameters<typeof styleText>[0];

/** Colours text for one stream; returns it unchanged when that stream should get no colour. */
export type Paint = (style: Style, text: string) => string;

/**
 * Colour only on a terminal: styleText checks that the stream is a TTY and honours NO_COLOR,
 * NODE_DISABLE_COLORS and FORCE_COLOR, so piped output and logs stay plain text.
 */
export function painter(stream: NodeJS.WriteStream): Paint {
  return (style, text) => styleText(style, text, { stream });
}

/** The width to fit lines into: the terminal's, or none (never cut) when the output is not a terminal. */
export function lineWidth(stream: NodeJS.WriteStream): number | undefined {
  return stream.isTTY && stream.columns > 0 ? stream.columns : undefined;
}
