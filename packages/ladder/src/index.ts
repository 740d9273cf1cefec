// The ladder for the browser (the page, the offline replay); Node's exports add ./node.
export * from './layout.ts';
export * from './geometry.ts';
export * from './visible.ts';
export * from './labels.ts';
export * from './retransmission-attempts.ts';
export * from './track-lanes.ts';
export { closedEndpoints, laneEndpoint } from './closed-ports.ts';
export { textWidth, shortened } from './text-width.ts';
export { headPlaces, twoLines, type HeadSizes } from './lane-heads.ts';
export * from './focus-order.ts';
export * from './row-tone.ts';
export * from './step-words.ts';
export * from './words.ts';
export { josa, type JosaPair } from './josa.ts';
export { formatDuration, LadderSvg, type LadderSvgProps } from './LadderSvg.tsx';
export * from './ladder-picture.tsx';
export type { XmlDocument, XmlElement, XmlNode, XmlTools } from './xml-dom.ts';
export * from './layout-builder.ts';
