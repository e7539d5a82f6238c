import { createRequire } from 'node:module';

/** A drange (randexp's character set type), as far as it is used here. */
interface CharRange {
  subtract(low: number, high: number): CharRange;
}

/** The part of randexp's generator used here. */
interface RegExpSampler {
  /** Characters that `.`, negated classes and the like may produce (a mutable drange). */
  defaultRange: CharRange;
  /** Every random choice goes through it. */
  randInt(low: number, high: number): number;
  gen(): string;
}

// randexp is CommonJS whose typings declare a default export that its `module.exports` replaces,
// so an ESM default import is typed as the module object: require it and name what is used.
const RandExp = createRequire(import.meta.url)('randexp') as new (pattern: RegExp) => RegExpSampler;

/** The parts of a @koa/router layer that sampling reads. */
export interface SampledLayer {
  /** The route's path pattern as written: a string (`/items/:id`) or a RegExp. */
  path: string | RegExp;
  /** Whether a concrete path reaches this route (@koa/router's `Layer#match`). */
  match?: (path: string) => boolean;
  /** The compiled pattern, used when `match` is absent. */
  regexp?: RegExp;
}

/**
 * The key a route's declared sample is listed under: its path as written (`String(regexp)` for a RegExp).
 *
 * @example
 * routeKey(/^\/files\/(.*)$/); // '/^\\/files\\/(.*)$/'
 * routeKey('/items/:id');       // '/items/:id'
 */
export function routeKey(path: string | RegExp): string {
  return typeof path === 'string' ? path : String(path);
}


/**
 * The shortest string randexp generates for `pattern`, made deterministic (every random choice
 * takes its lowest option: the first alternative, the fewest repetitions, the first character).
 * randexp rather than a hand-written generator: it covers groups, classes, back-references and
 * quantifiers that a route's RegExp may use.
 */
function fromRegExp(pattern: RegExp): string | undefined {
  try {
    const generator = new RandExp(pattern);
    // Plain path characters only (`0-9a-z`), so a sample needs no percent-encoding.
    generator.defaultRange.subtract(0, 47).subtract(58, 96).subtract(123, 0x10ffff);
    generator.randInt = (low: number) => low;
    return generator.gen();
  } catch {
    return undefined;
  }
}

/** Fills `:name` and `*name` parameters with `x` and keeps optional `{…}` parts (path-to-regexp v8 syntax). */
function fromPattern(path: string): string {
  return path.replace(/[:*](?:\w+|"[^"]*")/g, 'x').replace(/[{}]/g, '');
}

function reaches(layer: SampledLayer, path: string): boolean {
  if (!path.startsWith('/')) return false;
  if (layer.match) return layer.match(path);
  const pattern = layer.regexp ?? (typeof layer.path === 'string' ? undefined : layer.path);
  return pattern ? new RegExp(pattern.source, pattern.flags.replace(/[gy]/g, '')).test(path) : layer.path === path;
}

/**
 * A concrete path that reaches `layer`: the one declared in `declared` under {@link routeKey},
 * else the pattern with parameters filled with `x`, else the shortest string the route's RegExp
 * generates. Every candidate is checked against the route itself; `undefined` means none fits
 * (the caller must then refuse to go on, never skip the route).
 *
 * @example
 * samplePath({ path: /^\/files\/(\d+)$/ }, {}); // '/files/0'
 * samplePath({ path: '/items/:id' }, {});       // '/items/x'
 */
export function samplePath(layer: SampledLayer, declared: Readonly<Record<string, string>>): string | undefined {
  const given = declared[routeKey(layer.path)];
  if (given !== undefined) return reaches(layer, given) ? given : undefined;
  const candidates = typeof layer.path === 'string' ? [fromPattern(layer.path)] : [];
  const pattern = typeof layer.path === 'string' ? layer.regexp : layer.path;
  if (pattern) candidates.push(fromRegExp(pattern) ?? '');
  return candidates.find((path) => reaches(layer, path));
}
