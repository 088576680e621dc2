/**
 * A fixed set of numbered slots: `acquire` waits until one is free. Each running program holds one
 * slot (and, as root, the slot's uid).
 *
 * @module
 */

/** Slots 0 … size-1, handed out lowest first. */
export class SlotPool {
  #free: number[];
  #waiting: ((slot: number) => void)[] = [];

  constructor(size: number) {
    this.#free = Array.from({ length: size }, (_, i) => i);
  }

  /** A free slot, waiting for one when all are taken. */
  acquire(): Promise<number> {
    const slot = this.#free.shift();
    if (slot !== undefined) return Promise.resolve(slot);
    return new Promise((resolve) => this.#waiting.push(resolve));
  }

  /** Gives a slot back (to the longest waiter, if any). */
  release(slot: number): void {
    const next = this.#waiting.shift();
    if (next) next(slot);
    else {
      this.#free.push(slot);
      this.#free.sort((a, b) => a - b);
    }
  }
}
