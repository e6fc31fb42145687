/**
 * Whole-value matching of XSD patterns in time linear in the value's length.
 *
 * V8 runs a RegExp by backtracking, so `(a+)+b` takes exponential time and libvirt's own
 * `[a-zA-Z_]+[a-zA-Z0-9_]*` quadratic time on a long value that fails at its end. XSD regexes have
 * no backreferences or lookaround and always match the whole value, so a finite automaton decides
 * them: the parsed pattern becomes a Thompson NFA, and the NFA runs as a DFA built lazily, one
 * state set per distinct situation, each transition computed once and then looked up (RE2's
 * approach). V8's own linear engine (`--enable-experimental-regexp-engine`) rejects the `u` flag
 * the translation needs; re2js is linear too but 5 to 10 times slower on libvirt's patterns, and
 * would need them rewritten in RE2's syntax.
 *
 * Each character test is the node's one-character JS class run on one code point: constant time,
 * and exactly the class semantics the RegExp translation has (categories, subtraction, `\i`).
 */
import { XsdRegexError, XsdRegexNode, parseXsdRegex } from './xsdRegex';

/**
 * More NFA states than this (counted repeats multiply) and the pattern is refused: a step costs up
 * to the number of states (libvirt's largest pattern, IPv6, has 850), and `[ -~]{0,4096}` still fits.
 */
const MAX_NFA_STATES = 10_000;
/** What the cached DFA may hold (per state: its NFA states and its ASCII row); beyond it the cache starts afresh. */
const MAX_DFA_CACHE = 1_000_000;
/** Cached non-ASCII transitions per DFA state. */
const MAX_OTHER_TRANSITIONS = 256;
const ASCII = 128;

/** A char state consumes one character passing `tests[test]`; a split goes on to each of `outs` without consuming. */
type NfaState = { readonly kind: 'char'; readonly test: number; readonly out: number } | { readonly kind: 'split'; readonly outs: number[] } | { readonly kind: 'match' };

class DfaState {
  /** Transitions on ASCII code points, filled as they are first taken. */
  readonly ascii: (DfaState | undefined)[] = new Array<DfaState | undefined>(ASCII);
  readonly other = new Map<number, DfaState>();
  readonly dead: boolean;

  constructor(
    /** The NFA char states this DFA state stands for, sorted. */
    readonly states: readonly number[],
    readonly accepts: boolean,
  ) {
    this.dead = states.length === 0 && !accepts;
  }
}

function dfaKey(states: readonly number[], accepts: boolean): string {
  return `${accepts ? 1 : 0}:${states.join(',')}`;
}

/** The NFA, its character tests (one per distinct class), and its start state; throws XsdRegexError or SyntaxError. */
function buildNfa(root: XsdRegexNode): { states: NfaState[]; tests: ((cp: number) => boolean)[]; start: number } {
  const states: NfaState[] = [];
  const tests: ((cp: number) => boolean)[] = [];
  const testIndex = new Map<string, number>();
  const add = (state: NfaState): number => {
    if (states.length >= MAX_NFA_STATES) throw new XsdRegexError(`the pattern's repeats make it too large to match (over ${MAX_NFA_STATES} states)`, 0);
    return states.push(state) - 1;
  };
  const split = (outs: number[]) => add({ kind: 'split', outs });

  // Built back to front: each node is given the state that follows it.
  const build = (node: XsdRegexNode, next: number): number => {
    switch (node.kind) {
      case 'char': {
        let test = testIndex.get(node.source);
        if (test === undefined) {
          const re = new RegExp(`^(?:${node.source})$`, 'u');
          test = tests.push((cp) => re.test(String.fromCodePoint(cp))) - 1;
          testIndex.set(node.source, test);
        }
        return add({ kind: 'char', test, out: next });
      }
      case 'seq':
        for (let i = node.items.length - 1; i >= 0; i--) next = build(node.items[i], next);
        return next;
      case 'alt':
        return split(node.branches.map((b) => build(b, next)));
      case 'group':
        return build(node.inner, next);
      case 'repeat': {
        let start = next;
        if (node.max === Infinity) {
          const loop: number[] = [];
          start = split(loop);
          loop.push(build(node.item, start), next);
        } else {
          // x{0,k} as (x(x(…)?)?)?: each optional copy either goes on to the next or leaves.
          for (let i = node.min; i < node.max; i++) start = split([build(node.item, start), next]);
        }
        for (let i = 0; i < node.min; i++) start = build(node.item, start);
        return start;
      }
    }
  };
  const match = add({ kind: 'match' });
  const start = build(root, match);
  return { states, tests, start };
}

export class XsdMatcher {
  private readonly nfa: NfaState[];
  private readonly tests: ((cp: number) => boolean)[];
  private dfa = new Map<string, DfaState>();
  private dfaSize = 0;
  private start: DfaState;

  constructor(
    /** The XSD pattern as written. */
    readonly source: string,
  ) {
    const { states, tests, start } = buildNfa(parseXsdRegex(source));
    this.nfa = states;
    this.tests = tests;
    this.start = this.closure([start]);
  }

  /** Whether the whole value matches. */
  test(value: string): boolean {
    let state = this.start;
    for (let i = 0; i < value.length; ) {
      let cp = value.charCodeAt(i);
      let next: DfaState | undefined;
      if (cp < ASCII) {
        i++;
        next = state.ascii[cp];
        if (!next) {
          next = this.step(state, cp);
          state.ascii[cp] = next;
        }
      } else {
        cp = value.codePointAt(i)!;
        i += cp > 0xffff ? 2 : 1;
        next = state.other.get(cp);
        if (!next) {
          next = this.step(state, cp);
          if (state.other.size < MAX_OTHER_TRANSITIONS) state.other.set(cp, next);
        }
      }
      if (next.dead) return false;
      state = next;
    }
    return state.accepts;
  }

  private step(from: DfaState, cp: number): DfaState {
    const targets: number[] = [];
    for (const id of from.states) {
      const s = this.nfa[id] as Extract<NfaState, { kind: 'char' }>;
      if (this.tests[s.test](cp)) targets.push(s.out);
    }
    return this.closure(targets);
  }

  /** The DFA state for the NFA states reachable from `from` without consuming input. */
  private closure(from: readonly number[]): DfaState {
    const seen = new Set<number>();
    const chars: number[] = [];
    let accepts = false;
    const stack = [...from].reverse();
    while (stack.length) {
      const id = stack.pop()!;
      if (seen.has(id)) continue;
      seen.add(id);
      const s = this.nfa[id];
      if (s.kind === 'match') accepts = true;
      else if (s.kind === 'split') for (let i = s.outs.length - 1; i >= 0; i--) stack.push(s.outs[i]);
      else chars.push(id);
    }
    chars.sort((a, b) => a - b);
    const key = dfaKey(chars, accepts);
    let state = this.dfa.get(key);
    if (!state) {
      if (this.dfaSize >= MAX_DFA_CACHE) this.forget();
      state = new DfaState(chars, accepts);
      this.dfa.set(key, state);
      this.dfaSize += chars.length + ASCII;
    }
    return state;
  }

  /** Drops the cached DFA (a pattern with very many reachable state sets): states are rebuilt as needed. */
  private forget(): void {
    this.dfa = new Map();
    this.start = new DfaState(this.start.states, this.start.accepts);
    this.dfa.set(dfaKey(this.start.states, this.start.accepts), this.start);
    this.dfaSize = this.start.states.length + ASCII;
  }
}

/** A matcher for an XSD pattern, or why it cannot be made. */
export function compileXsdRegex(pattern: string): XsdMatcher | { error: string } {
  try {
    return new XsdMatcher(pattern);
  } catch (e) {
    if (e instanceof XsdRegexError) return { error: `invalid XSD pattern ${JSON.stringify(pattern)}: ${e.message} (at ${e.offset})` };
    if (e instanceof SyntaxError) return { error: `XSD pattern ${JSON.stringify(pattern)} could not be translated: ${e.message}` };
    throw e;
  }
}
