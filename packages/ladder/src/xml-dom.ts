/**
 * The little of an XML DOM that making a standalone picture uses. The browser's Document and
 * linkedom's (in Node) both have it; typing it here, rather than with the DOM library, keeps the
 * ladder, and the server that draws with it, free of the browser's types.
 */
export interface XmlNode {
  readonly nodeType: number;
  textContent: string | null;
  readonly parentNode: XmlNode | null;
  readonly firstChild: XmlNode | null;
  readonly nextSibling: XmlNode | null;
  readonly childNodes: ArrayLike<XmlNode>;
  cloneNode(deep?: boolean): XmlNode;
  appendChild(node: XmlNode): XmlNode;
  insertBefore(node: XmlNode, child: XmlNode | null): XmlNode;
  replaceChild(node: XmlNode, child: XmlNode): XmlNode;
  removeChild(child: XmlNode): XmlNode;
}

export interface XmlQueries {
  querySelector(selector: string): XmlElement | null;
  querySelectorAll(selector: string): ArrayLike<XmlElement>;
}

export interface XmlElement extends XmlNode, XmlQueries {
  readonly tagName: string;
  readonly attributes: ArrayLike<{ readonly name: string; readonly value: string }>;
  getAttribute(name: string): string | null;
  setAttribute(name: string, value: string): void;
  removeAttribute(name: string): void;
}

export interface XmlDocument extends XmlQueries {
  readonly documentElement: XmlElement;
  createElementNS(namespace: string, qualifiedName: string): XmlElement;
}

/** The XML parser and serialiser of where this runs: the browser's own, or linkedom's in Node. */
export interface XmlTools<D extends XmlDocument = XmlDocument> {
  parse(xml: string): D;
  serialize(document: D): string;
}
