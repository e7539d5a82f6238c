/**
 * A gate for race tests: calls wait at it until `expected` arrivals have been counted, then all
 * go on together. Holding every request at one point until the last has reached it makes "all in
 * flight at once" certain, without sleeps.
 */
export interface ArrivalGate {
  /** Counts one arrival; resolves once `expected` arrivals were counted (at once after that). */
  arrive(): Promise<void>;
}

/**
 * A gate that opens at the `expected`-th arrival.
 *
 * @example
 * const gate = arrivalGate(30);
 * const verify = async (stored, password) => { await gate.arrive(); return hasher.verify(stored, password); };
 */
export function arrivalGate(expected: number): ArrivalGate {
  let arrived = 0;
  let open: () => void = () => undefined;
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return {
    arrive() {
      arrived += 1;
      if (arrived >= expected) open();
      return opened;
    },
  };
}

/**
 * `target` with every method call held at `gate` first (properties pass through): requests wait
 * at a service's door whatever method they call on it, as they do behind a slow network store.
 *
 * @example
 * const throttle = holdCalls(services.registrationThrottle, arrivalGate(30));
 */
export function holdCalls<T extends object>(target: T, gate: ArrivalGate): T {
  return new Proxy(target, {
    get(object, property) {
      const value: unknown = Reflect.get(object, property);
      if (typeof value !== 'function') return value;
      return async (...args: unknown[]): Promise<unknown> => {
        await gate.arrive();
        return Reflect.apply(value, object, args) as unknown;
      };
    },
  });
}
