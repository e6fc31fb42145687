/**
 * Reads a RELAX NG grammar (XML syntax, with its includes) and simplifies it into the pattern
 * model of patterns.ts, following the simplification of the RELAX NG specification (section 4):
 * includes with overriding components, combined defines, nested grammars with parentRef,
 * externalRef, div, the inherited ns and datatypeLibrary, QNames, optional/zeroOrMore/mixed
 * rewritten, n-ary choice/group/interleave made binary, and notAllowed/empty folded away.
 * Files are read through `readFile`, so tests can give grammars from memory.
 *
 * A user schema is untrusted input, so compiling is bounded (`CompileLimits`): include and
 * externalRef chains may nest only so deep and must not loop (4.5, 4.7: "this must not result in
 * a loop", also through an element), the work done is counted, and a time budget stops it.
 */
import { DOMParser } from '@xmldom/xmldom';
import * as path from 'node:path';
import {
  DataParam,
  ElementDefinition,
  EMPTY,
  Grammar,
  NOT_ALLOWED,
  NameClass,
  Pattern,
  TEXT,
  combine,
  oneOrMore,
} from './patterns';

export const RNG_NS = 'http://relaxng.org/ns/structure/1.0';

export class GrammarError extends Error {
  constructor(message: string, readonly file: string) {
    super(`${file}: ${message}`);
  }
}

/** The part of a DOM element this compiler uses (xmldom's Element has it). */
interface XmlElement {
  localName: string | null;
  namespaceURI: string | null;
  parentNode: XmlElement | null;
  childNodes: ArrayLike<XmlNode>;
  textContent: string | null;
  getAttribute(name: string): string | null;
  hasAttribute(name: string): boolean;
  lookupNamespaceURI(prefix: string | null): string | null;
}

interface XmlNode {
  nodeType: number;
}

type CombineMethod = 'choice' | 'interleave';

interface Component {
  /** A define's name, or START for the start component. */
  name: string;
  combine: CombineMethod | undefined;
  body: XmlElement;
  file: string;
}

const START = '\u0000start';

export interface CompileLimits {
  /** How many files deep includes, and externalRefs, may nest (libvirt 12.8.0's domain schema: 4). */
  maxNesting: number;
  /** Patterns, name classes and grammar components compiled in all (libvirt 12.8.0's domain schema: 6,625). */
  maxSteps: number;
  /** Milliseconds the whole compile may take, reading and parsing included (libvirt 12.8.0's domain schema: 200 to 300). */
  timeBudgetMs: number;
}

export const COMPILE_LIMITS: CompileLimits = { maxNesting: 32, maxSteps: 500_000, timeBudgetMs: 10_000 };

/** The defines of one grammar element, after includes. */
class Scope {
  readonly components = new Map<string, Component[]>();
  readonly compiled = new Map<string, Pattern | 'in progress'>();

  constructor(
    readonly parent: Scope | undefined,
    components: Component[],
    /** The files whose externalRefs lead here, the outermost first: a file among them may not be referenced again. */
    readonly externalRefs: readonly string[],
  ) {
    for (const component of components) {
      const list = this.components.get(component.name) ?? [];
      list.push(component);
      this.components.set(component.name, list);
    }
    for (const [name, list] of this.components) {
      const methods = new Set(list.map((c) => c.combine).filter((m) => m !== undefined));
      if (methods.size > 1 || list.filter((c) => c.combine === undefined).length > 1) {
        const what = name === START ? 'the start' : `define "${name}"`;
        throw new GrammarError(`${what} is given more than once without one combine method`, list[1].file);
      }
    }
  }

  /** How the components of `name` combine: they agree, as the constructor checked. */
  combineMethod(name: string): CombineMethod {
    return this.components.get(name)?.some((c) => c.combine === 'interleave') ? 'interleave' : 'choice';
  }
}

export function compileGrammar(mainFile: string, readFile: (file: string) => string, limits: CompileLimits = COMPILE_LIMITS): Grammar {
  return new Compiler(readFile, limits).compile(mainFile);
}

class Compiler {
  private readonly elements: ElementDefinition[] = [];
  private readonly pendingElements: { id: number; node: XmlElement; scope: Scope; file: string }[] = [];
  private readonly documents = new Map<string, XmlElement>();
  private steps = 0;
  private readonly deadline: number;

  constructor(
    private readonly readFile: (file: string) => string,
    private readonly limits: CompileLimits,
  ) {
    this.deadline = performance.now() + limits.timeBudgetMs;
  }

  /** Counts one step of work; throws when the work or the time passes its limit. */
  private step(file: string): void {
    this.steps++;
    if (this.steps > this.limits.maxSteps) {
      throw new GrammarError(`the grammar is too large: it expands to more than ${this.limits.maxSteps} patterns and definitions`, file);
    }
    // performance.now() is cheap but not free: look at the clock every 1024 steps.
    if ((this.steps & 1023) === 0) this.checkTime(file);
  }

  private checkTime(file: string): void {
    if (performance.now() > this.deadline) {
      throw new GrammarError(`compiling took longer than ${this.limits.timeBudgetMs / 1000} s, and was stopped`, file);
    }
  }

  /** The chain of files one more include or externalRef makes, or an error when it loops or nests too deep. */
  private nest(chain: readonly string[], next: string, how: 'include' | 'externalRef'): string[] {
    const longer = [...chain, next];
    if (chain.includes(next)) throw new GrammarError(`the ${how}s loop: ${longer.map((f) => path.basename(f)).join(' → ')}`, chain[chain.length - 1]);
    if (chain.length >= this.limits.maxNesting) {
      throw new GrammarError(`${how}s nest more than ${this.limits.maxNesting} files deep`, chain[chain.length - 1]);
    }
    return longer;
  }

  compile(mainFile: string): Grammar {
    const root = this.load(mainFile);
    const start = this.compileTopLevel(root, mainFile, [mainFile]);
    // Element contents are compiled after the patterns that mention them, so recursion through
    // elements never meets a define that is still being compiled.
    for (let pending = this.pendingElements.shift(); pending; pending = this.pendingElements.shift()) {
      this.elements[pending.id].content = this.compileGroup(contentChildren(pending.node), pending.scope, pending.file);
    }
    return { start, elements: this.elements };
  }

  private load(file: string): XmlElement {
    const cached = this.documents.get(file);
    if (cached) return cached;
    let text: string;
    try {
      text = this.readFile(file);
    } catch (error) {
      throw new GrammarError(`cannot be read (${error instanceof Error ? error.message : String(error)})`, file);
    }
    const errors: string[] = [];
    const parser = new DOMParser({
      onError: (level: string, message: string) => {
        if (level !== 'warning') errors.push(message);
      },
    });
    let root: XmlElement | null;
    try {
      root = parser.parseFromString(text, 'text/xml').documentElement as unknown as XmlElement | null;
    } catch (error) {
      // xmldom throws on fatal errors (an unclosed root) after reporting them; the file is named here.
      throw new GrammarError(`is not well-formed XML: ${errors[0] ?? (error instanceof Error ? error.message : String(error))}`, file);
    }
    if (errors.length > 0 || !root) throw new GrammarError(`is not well-formed XML: ${errors[0] ?? 'no root element'}`, file);
    if (root.namespaceURI !== RNG_NS) throw new GrammarError(`the root element is not in the RELAX NG namespace ${RNG_NS}`, file);
    this.checkTime(file);
    this.documents.set(file, root);
    return root;
  }

  /**
   * A file's root pattern, or a nested grammar's: a grammar's start, or any other pattern.
   * `externalRefs` is the chain of files that led here (see Scope).
   */
  private compileTopLevel(root: XmlElement, file: string, externalRefs: readonly string[], parent?: Scope): Pattern {
    if (root.localName === 'grammar') {
      const scope = new Scope(parent, this.components(root, file, [file]), externalRefs);
      return this.compileDefine(scope, START, file);
    }
    return this.compilePattern(root, new Scope(parent, [], externalRefs), file);
  }

  /** The start and defines of a grammar element, its includes expanded and overridden; `includes`: the chain of files that led here. */
  private components(container: XmlElement, file: string, includes: readonly string[]): Component[] {
    const result: Component[] = [];
    for (const child of rngChildren(container)) {
      this.step(file);
      switch (child.localName) {
        case 'start':
        case 'define': {
          const name = child.localName === 'start' ? START : requiredAttribute(child, 'name', file);
          result.push({ name, combine: combineMethod(child, file), body: child, file });
          break;
        }
        case 'div':
          result.push(...this.components(child, file, includes));
          break;
        case 'include': {
          const included = path.resolve(path.dirname(file), requiredAttribute(child, 'href', file));
          const chain = this.nest(includes, included, 'include');
          const root = this.load(included);
          if (root.localName !== 'grammar') throw new GrammarError(`includes ${included}, whose root is not a grammar`, file);
          const overrides = this.components(child, file, includes);
          const overridden = new Set(overrides.map((c) => c.name));
          const inherited = this.components(root, included, chain);
          for (const name of overridden) {
            if (!inherited.some((c) => c.name === name)) {
              throw new GrammarError(`overrides ${name === START ? 'the start' : `define "${name}"`}, which ${included} does not have`, file);
            }
          }
          result.push(...inherited.filter((c) => !overridden.has(c.name)), ...overrides);
          break;
        }
        default:
          throw new GrammarError(`<${child.localName}> cannot appear in a grammar`, file);
      }
    }
    return result;
  }

  private compileDefine(scope: Scope, name: string, file: string): Pattern {
    const done = scope.compiled.get(name);
    if (done === 'in progress') {
      throw new GrammarError(`define "${name}" refers to itself without an element in between`, file);
    }
    if (done) return done;
    const components = scope.components.get(name);
    if (!components) {
      throw new GrammarError(name === START ? 'the grammar has no start' : `refers to define "${name}", which does not exist`, file);
    }
    scope.compiled.set(name, 'in progress');
    const method = scope.combineMethod(name);
    let pattern: Pattern | undefined;
    for (const component of components) {
      this.step(component.file);
      const body = this.compileGroup(rngChildren(component.body), scope, component.file);
      pattern = pattern ? combine(method, pattern, body) : body;
    }
    scope.compiled.set(name, pattern as Pattern);
    return pattern as Pattern;
  }

  /** Several patterns in a row are a group (4.12). */
  private compileGroup(nodes: XmlElement[], scope: Scope, file: string): Pattern {
    let result: Pattern | undefined;
    for (const node of nodes) {
      const pattern = this.compilePattern(node, scope, file);
      result = result ? combine('group', result, pattern) : pattern;
    }
    return result ?? EMPTY;
  }

  private fold(kind: 'choice' | 'group' | 'interleave', nodes: XmlElement[], scope: Scope, file: string): Pattern {
    if (nodes.length === 0) throw new GrammarError(`<${kind}> needs at least one pattern`, file);
    let result = this.compilePattern(nodes[0], scope, file);
    for (let i = 1; i < nodes.length; i++) result = combine(kind, result, this.compilePattern(nodes[i], scope, file));
    return result;
  }

  private compilePattern(node: XmlElement, scope: Scope, file: string): Pattern {
    this.step(file);
    const children = rngChildren(node);
    switch (node.localName) {
      case 'empty':
        return EMPTY;
      case 'notAllowed':
        return NOT_ALLOWED;
      case 'text':
        return TEXT;
      case 'choice':
      case 'group':
      case 'interleave':
        return this.fold(node.localName, children, scope, file);
      case 'optional':
        return combine('choice', this.compileGroup(children, scope, file), EMPTY);
      case 'zeroOrMore':
        return combine('choice', oneOrMore(this.compileGroup(children, scope, file)), EMPTY);
      case 'oneOrMore':
        return oneOrMore(this.compileGroup(children, scope, file));
      case 'mixed':
        return combine('interleave', this.compileGroup(children, scope, file), TEXT);
      case 'list':
        return { kind: 'list', p: this.compileGroup(children, scope, file) };
      case 'ref':
        return this.compileDefine(scope, requiredAttribute(node, 'name', file), file);
      case 'parentRef': {
        if (!scope.parent) throw new GrammarError('<parentRef> outside a nested grammar', file);
        return this.compileDefine(scope.parent, requiredAttribute(node, 'name', file), file);
      }
      case 'grammar':
        return this.compileTopLevel(node, file, scope.externalRefs, scope);
      case 'externalRef': {
        const referenced = path.resolve(path.dirname(file), requiredAttribute(node, 'href', file));
        const chain = this.nest(scope.externalRefs, referenced, 'externalRef');
        return this.compileTopLevel(this.load(referenced), referenced, chain);
      }
      case 'element': {
        const name = this.nameClassOf(node, 'element', file);
        const id = this.elements.length;
        this.elements.push({ name, content: EMPTY, define: enclosingDefine(node) });
        this.pendingElements.push({ id, node, scope, file });
        return { kind: 'element', id };
      }
      case 'attribute': {
        const name = this.nameClassOf(node, 'attribute', file);
        const content = contentChildren(node);
        return { kind: 'attribute', name, p: content.length === 0 ? TEXT : this.compileGroup(content, scope, file) };
      }
      case 'data': {
        const params: DataParam[] = [];
        let except: Pattern | undefined;
        for (const child of children) {
          if (child.localName === 'param') params.push({ name: requiredAttribute(child, 'name', file), value: child.textContent ?? '' });
          else if (child.localName === 'except') except = this.fold('choice', rngChildren(child), scope, file);
          else throw new GrammarError(`<${child.localName}> cannot appear in <data>`, file);
        }
        const pattern: Pattern = { kind: 'data', library: inherited(node, 'datatypeLibrary'), type: requiredAttribute(node, 'type', file), params };
        if (except) pattern.except = except;
        // A pattern is named in words by the define that holds it (datatypeWords.ts): libvirt
        // writes some patterns, `.+` among them, for several things.
        const define = params.some((param) => param.name === 'pattern') ? enclosingDefine(node) : undefined;
        if (define) pattern.define = define;
        return pattern;
      }
      case 'value': {
        const typed = node.hasAttribute('type');
        return {
          kind: 'value',
          // An untyped value is a token of the built-in library (4.4).
          library: typed ? inherited(node, 'datatypeLibrary') : '',
          type: typed ? (node.getAttribute('type') as string) : 'token',
          value: node.textContent ?? '',
          ns: inherited(node, 'ns'),
        };
      }
      default:
        throw new GrammarError(`<${node.localName}> is not a RELAX NG pattern`, file);
    }
  }

  /** The name class of an element or attribute pattern: its name attribute or first child. */
  private nameClassOf(node: XmlElement, kind: 'element' | 'attribute', file: string): NameClass {
    const name = node.getAttribute('name');
    if (name !== null) {
      const qname = name.trim();
      const colon = qname.indexOf(':');
      if (colon >= 0) {
        const ns = node.lookupNamespaceURI(qname.slice(0, colon));
        if (ns === null) throw new GrammarError(`the prefix of "${qname}" is not declared`, file);
        return { kind: 'name', ns, local: qname.slice(colon + 1) };
      }
      // Attributes are in no namespace unless they say so (4.9); elements inherit ns.
      const ns = kind === 'attribute' ? (node.getAttribute('ns') ?? '') : inherited(node, 'ns');
      return { kind: 'name', ns, local: qname };
    }
    const first = rngChildren(node)[0];
    if (!first) throw new GrammarError(`<${kind}> has neither a name nor a name class`, file);
    return this.compileNameClass(first, file);
  }

  private compileNameClass(node: XmlElement, file: string): NameClass {
    this.step(file);
    const exceptOf = (): NameClass | undefined => {
      const except = rngChildren(node).find((c) => c.localName === 'except');
      return except ? this.foldNameClasses(rngChildren(except), file) : undefined;
    };
    switch (node.localName) {
      case 'name': {
        const qname = (node.textContent ?? '').trim();
        const colon = qname.indexOf(':');
        if (colon < 0) return { kind: 'name', ns: inherited(node, 'ns'), local: qname };
        const ns = node.lookupNamespaceURI(qname.slice(0, colon));
        if (ns === null) throw new GrammarError(`the prefix of "${qname}" is not declared`, file);
        return { kind: 'name', ns, local: qname.slice(colon + 1) };
      }
      case 'anyName': {
        const except = exceptOf();
        return except ? { kind: 'anyName', except } : { kind: 'anyName' };
      }
      case 'nsName': {
        const except = exceptOf();
        const ns = inherited(node, 'ns');
        return except ? { kind: 'nsName', ns, except } : { kind: 'nsName', ns };
      }
      case 'choice':
        return this.foldNameClasses(rngChildren(node), file);
      default:
        throw new GrammarError(`<${node.localName}> is not a name class`, file);
    }
  }

  private foldNameClasses(nodes: XmlElement[], file: string): NameClass {
    if (nodes.length === 0) throw new GrammarError('a name class choice needs at least one name class', file);
    let result = this.compileNameClass(nodes[0], file);
    for (let i = 1; i < nodes.length; i++) result = { kind: 'choice', a: result, b: this.compileNameClass(nodes[i], file) };
    return result;
  }
}

/** Child elements in the RELAX NG namespace; annotations in other namespaces are dropped (4.1). */
function rngChildren(node: XmlElement): XmlElement[] {
  const result: XmlElement[] = [];
  for (let i = 0; i < node.childNodes.length; i++) {
    const child = node.childNodes[i] as unknown as XmlElement & XmlNode;
    if (child.nodeType === 1 && child.namespaceURI === RNG_NS) result.push(child);
  }
  return result;
}

/** An element or attribute pattern's children after its name class. */
function contentChildren(node: XmlElement): XmlElement[] {
  const children = rngChildren(node);
  return node.hasAttribute('name') ? children : children.slice(1);
}

/** The value of an attribute inherited from the nearest ancestor that has it (ns, datatypeLibrary). */
function inherited(node: XmlElement, attribute: 'ns' | 'datatypeLibrary'): string {
  for (let current: XmlElement | null = node; current && current.getAttribute; current = current.parentNode) {
    const value = current.getAttribute(attribute);
    if (value !== null) return value;
  }
  return '';
}

function enclosingDefine(node: XmlElement): string | undefined {
  for (let current = node.parentNode; current && current.getAttribute; current = current.parentNode) {
    if (current.localName === 'define') return current.getAttribute('name') ?? undefined;
  }
  return undefined;
}

function requiredAttribute(node: XmlElement, name: string, file: string): string {
  const value = node.getAttribute(name);
  if (value === null) throw new GrammarError(`<${node.localName}> needs a ${name} attribute`, file);
  return value.trim();
}

function combineMethod(node: XmlElement, file: string): CombineMethod | undefined {
  const value = node.getAttribute('combine');
  if (value === null) return undefined;
  if (value === 'choice' || value === 'interleave') return value;
  throw new GrammarError(`combine="${value}" must be "choice" or "interleave"`, file);
}
