/**
 * The ids the domain defines for its own parts and the places that refer to them: the vCPU count
 * and each `<vcpupin>`'s vCPU, the IOThreads, the guest NUMA cells. Read once per document version;
 * the reference rules and cpuset completion share them.
 */
import { AttrValue, Domain, El, decimalNumber } from '../domain';
import { IdSet } from '../cpuset/idSet';

/** A `<vcpupin>` and the vCPU it pins, with where that id is written. */
export interface VcpuPin {
  el: El;
  vcpu: number;
  attr: AttrValue;
}

export interface GuestVcpus {
  /** `<vcpu>`, when present. */
  vcpu: El | undefined;
  /** Its count, when a whole number. */
  count: number | undefined;
  pins: VcpuPin[];
}

export function guestVcpus(domain: Domain): GuestVcpus {
  return domain.derived(readVcpus);
}

function readVcpus(domain: Domain): GuestVcpus {
  const vcpu = domain.first(['vcpu']);
  const pins: VcpuPin[] = [];
  for (const el of domain.at(['cputune', 'vcpupin'])) {
    const attr = domain.attr(el, 'vcpu');
    const id = decimalNumber(attr?.value);
    if (attr && id !== undefined) pins.push({ el, vcpu: id, attr });
  }
  return { vcpu, count: vcpu ? decimalNumber(domain.content(vcpu).value) : undefined, pins };
}

/**
 * The IOThread ids the domain defines: `<iothreadids>` when present, else 1..`<iothreads>`;
 * undefined when that cannot be told (a count that is not a number, or neither element and no pin).
 */
export function definedIOThreads(domain: Domain): IdSet | undefined {
  return domain.derived(readIOThreads);
}

function readIOThreads(domain: Domain): IdSet | undefined {
  const ids = domain.at(['iothreadids', 'iothread']);
  if (ids.length > 0) {
    const set = new IdSet();
    for (const thread of ids) {
      const id = decimalNumber(domain.value(thread, 'id'));
      if (id !== undefined) set.add(id, id);
    }
    return set;
  }
  const count = domain.first(['iothreads']);
  if (!count) return domain.at(['cputune', 'iothreadpin']).length > 0 ? new IdSet() : undefined;
  const n = decimalNumber(domain.content(count).value);
  return n === undefined ? undefined : n === 0 ? new IdSet() : IdSet.of([[1, n]]);
}

/** The ids of the guest NUMA cells (`<cpu><numa><cell id>`). */
export function numaCellIds(domain: Domain): IdSet {
  return domain.derived(readCellIds);
}

function readCellIds(domain: Domain): IdSet {
  const cells = new IdSet();
  for (const cell of domain.at(['cpu', 'numa', 'cell'])) {
    const id = decimalNumber(domain.value(cell, 'id'));
    if (id !== undefined) cells.add(id, id);
  }
  return cells;
}
