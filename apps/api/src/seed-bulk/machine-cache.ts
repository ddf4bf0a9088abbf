import {
  type ActorRole,
  type CaseEvent,
  createInitialSnapshot,
  type Effect,
  type PersistedCaseSnapshot,
  transition,
} from '@lyg/domain';

/**
 * The case statechart, memoised. A transition costs a few hundred microseconds (xstate resolves the snapshot each
 * time), too slow for millions of steps, but cases follow few distinct paths: the same events in the same order
 * from the same snapshot give the same result except for the instants the context copies from `event.now`. So each
 * node is computed once with a placeholder instant per depth (a minute apart, so time-window guards see the events
 * in order and close together), and a case's real snapshot is the node's JSON with its own instants put back.
 */

const BASE = Date.UTC(2001, 0, 1);
const placeholder = (depth: number) => new Date(BASE + depth * 60_000).toISOString();
const PLACEHOLDER = /"(2001-01-\d\dT\d\d:\d\d:00\.000Z)"/g;

export interface MachineNode {
  depth: number;
  state: string;
  respondentAnswer: string | null;
  route: string | null;
  competentAgency: string | null;
  outcome: string | null;
  terminal: boolean;
  /** The snapshot's JSON split around placeholder instants: text, depth, text, depth, …, text. */
  parts: string[];
  slots: number[];
  children: Map<string, MachineEdge | null>;
}

export interface MachineEdge {
  node: MachineNode;
  effects: Effect[];
}

const FREE_TEXT = new Set(['reason', 'summary', 'message', 'items', 'overrideReason']);
const TERMINAL = new Set(['not_accepted', 'withdrawn', 'closed']);

function makeNode(snapshot: PersistedCaseSnapshot, depth: number, state: string, respondentAnswer: string | null): MachineNode {
  const json = JSON.stringify(snapshot);
  const parts: string[] = [];
  const slots: number[] = [];
  let last = 0;
  for (const m of json.matchAll(PLACEHOLDER)) {
    parts.push(json.slice(last, m.index + 1));
    slots.push(Math.round((Date.parse(m[1]) - BASE) / 60_000));
    last = m.index + m[0].length - 1;
  }
  parts.push(json.slice(last));
  const ctx = snapshot.context;
  return {
    depth,
    state,
    respondentAnswer,
    route: ctx.route,
    competentAgency: ctx.competentAgency,
    outcome: ctx.outcome,
    terminal: TERMINAL.has(state),
    parts,
    slots,
    children: new Map(),
  };
}

export class MachineCache {
  readonly root: MachineNode;
  private readonly snapshots = new Map<MachineNode, PersistedCaseSnapshot>();
  computed = 0;
  readonly byType = new Map<string, number>();
  hits = 0;

  constructor() {
    const s = createInitialSnapshot();
    this.root = makeNode(s, 0, 'draft', 'none');
    this.snapshots.set(this.root, s);
  }

  /**
   * The step from `node` by `type` with `payload` sent by `role`; null when the machine refuses it. Free texts
   * (reasons, summaries, messages, correction items) are only checked to be present and end up in notices, never in
   * the context, so the step is computed with a stand-in text and every wording shares it.
   */
  step(node: MachineNode, type: string, role: ActorRole, given: Record<string, unknown>): MachineEdge | null {
    const payload: Record<string, unknown> = {};
    for (const k of Object.keys(given)) payload[k] = FREE_TEXT.has(k) ? (Array.isArray(given[k]) ? ['…'] : '…') : given[k];
    const key = `${type}\u0001${role}\u0001${JSON.stringify(payload)}`;
    const known = node.children.get(key);
    if (known !== undefined) {
      this.hits++;
      return known;
    }
    this.computed++;
    this.byType.set(type, (this.byType.get(type) ?? 0) + 1);
    const from = this.snapshots.get(node)!;
    const actor = { role, userId: role === 'system' || role === 'respondent' ? null : `${role}-user`, organizationId: null };
    const event = { ...payload, type, actor, now: placeholder(node.depth) } as unknown as CaseEvent;
    const r = transition(from, event);
    let edge: MachineEdge | null = null;
    if (r.ok) {
      const next = makeNode(r.snapshot, node.depth + 1, r.state, r.respondentAnswer ?? null);
      this.snapshots.set(next, r.snapshot);
      edge = { node: next, effects: r.effects };
    }
    node.children.set(key, edge);
    return edge;
  }

  get size(): number {
    return this.snapshots.size;
  }
}

/** The node's snapshot as the case row stores it, with the case's own instants (ISO strings, by depth). */
export function renderSnapshot(node: MachineNode, instants: readonly string[]): string {
  let s = node.parts[0];
  for (let i = 0; i < node.slots.length; i++) s += instants[node.slots[i]] + node.parts[i + 1];
  return s;
}
