import type * as z from 'zod';

/**
 * A catalogue schema compiled to a plain predicate: the per-event fast path of `validateEvent`.
 *
 * zod stays the judge. The predicate only answers "certainly valid": when it says true, zod would
 * accept the body and hand back a copy equal to it (every catalogue object is loose, and nothing
 * transforms or defaults), so the body itself becomes the payload and zod's copy is not made. When it
 * says false, zod parses as before and its issues make the 400. zod's object parse allocates a result
 * object and an issues array per property, then the copy: after HMAC and `JSON.parse`, the largest
 * cost of a 1 KB event, and most of a 230 KB one (bench/README.md, "Per event").
 *
 * The predicate is generated code, as zod's own fast path is: one function per object, array and
 * record, reading each key by its constant name (closures reading keys from a list were measured
 * slower than zod: megamorphic property loads). Generated text holds only `JSON.stringify`d key
 * names; literal and enum values stay in sets passed in. Where code cannot be generated (Workers and
 * Edge forbid `new Function`), there is no predicate and zod parses every event, as before.
 *
 * Only what the built-in catalogues use compiles: string, number, `z.int()`, boolean, unknown/any,
 * null, literal, enum, optional, nullable, array, union, record with string keys, and loose objects.
 * A schema with anything else anywhere inside (a refinement or check, a string or number format,
 * coercion, a transform, a default, a strip or strict object, a lazy or a pipe) has no predicate and
 * is always parsed by zod, so `defineProvider` schemas keep zod's exact behaviour.
 * plain-check.test.ts checks, on every documented sample and on random mutations of them, that the
 * predicate and zod agree and that zod's data then equals the body.
 */
export type PlainCheck = (value: unknown) => boolean;

/** A schema's predicate, or null when it has none; compiled on first use, per schema object. */
const compiled = new WeakMap<object, PlainCheck | null>();

/** The predicate of `schema`, or undefined when it uses something the predicate does not mirror. */
export function plainCheckOf(schema: z.ZodType): PlainCheck | undefined {
  let check = compiled.get(schema);
  if (check === undefined) {
    check = generate(schema) ?? null;
    compiled.set(schema, check);
  }
  return check ?? undefined;
}

interface Def {
  readonly type: string;
  readonly checks?: readonly unknown[];
  readonly format?: unknown;
  readonly coerce?: boolean;
  readonly innerType?: z.ZodType;
  readonly element?: z.ZodType;
  readonly options?: readonly z.ZodType[];
  readonly inclusive?: boolean;
  readonly shape?: Readonly<Record<string, z.ZodType>>;
  readonly catchall?: z.ZodType;
  readonly keyType?: z.ZodType;
  readonly valueType?: z.ZodType;
}

interface Internals {
  readonly _zod: { readonly def: Def; readonly values?: ReadonlySet<unknown>; readonly optin?: string };
}

const internals = (schema: z.ZodType) => (schema as unknown as Internals)._zod;

/** No refinement or check, no string or number format, no coercion: the type alone decides. */
const unrefined = (def: Def) => !def.checks?.length && def.format === undefined && !def.coerce;

/** Source of functions `f0`, `f1`…, and the value sets they test against (`s[i]`). */
class Program {
  readonly functions: string[] = [];
  readonly sets: ReadonlySet<unknown>[] = [];

  /** A new function `f<n>(v)` with `body`; returns its name. */
  define(body: string): string {
    this.functions.push(body);
    return `f${this.functions.length - 1}`;
  }

  set(values: ReadonlySet<unknown>): string {
    this.sets.push(values);
    return `s[${this.sets.length - 1}]`;
  }
}

/** Whether `new Function` may run here (Workers and Edge refuse it); asked once. */
let evalAllowed: boolean | undefined;
function canGenerate(): boolean {
  if (evalAllowed === undefined) {
    try {
      evalAllowed = new Function('return true')() === true;
    } catch {
      evalAllowed = false;
    }
  }
  return evalAllowed;
}

function generate(schema: z.ZodType): PlainCheck | undefined {
  if (!canGenerate()) return undefined;
  const program = new Program();
  const root = expression(schema, 'v', program);
  if (root === undefined) return undefined;
  const source = `"use strict";${program.functions.map((body, i) => `function f${i}(v){${body}}`).join('')}return function check(v){return ${root};};`;
  return new Function('s', source)(program.sets) as PlainCheck;
}

/** A boolean expression testing the variable `x` against `schema`, or undefined when unsupported. */
function expression(schema: z.ZodType, x: string, program: Program): string | undefined {
  const zod = internals(schema);
  const def = zod.def;
  // `z.int()` is a number whose own format check is Number.isSafeInteger's.
  if (def.type === 'number' && def.format === 'safeint' && !def.checks?.length && !def.coerce)
    return `Number.isSafeInteger(${x})`;
  if (!unrefined(def)) return undefined;
  switch (def.type) {
    case 'string':
      return `typeof ${x}==="string"`;
    case 'number':
      // zod's number refuses NaN and ±Infinity (JSON has neither; a `defineProvider` decode might).
      return `(typeof ${x}==="number"&&Number.isFinite(${x}))`;
    case 'boolean':
      return `typeof ${x}==="boolean"`;
    case 'null':
      return `${x}===null`;
    case 'unknown':
    case 'any':
      return 'true';
    case 'literal':
    case 'enum':
      // zod's own set of the accepted values (literal and enum both keep one).
      return zod.values && `${program.set(zod.values)}.has(${x})`;
    case 'optional':
    case 'nullable': {
      const inner = def.innerType && expression(def.innerType, x, program);
      return inner && `(${x}===${def.type === 'optional' ? 'undefined' : 'null'}||${inner})`;
    }
    case 'union': {
      // An exclusive union (`z.xor`) also fails when two options match: zod decides those.
      if (def.inclusive === false || !def.options) return undefined;
      const options = def.options.map((option) => expression(option, x, program));
      return options.every((option) => option !== undefined) ? `(${options.join('||')})` : undefined;
    }
    case 'array': {
      const element = def.element && expression(def.element, 'e', program);
      if (!element) return undefined;
      const name = program.define(
        `if(!Array.isArray(v))return false;for(let i=0;i<v.length;i++){const e=v[i];if(!(${element}))return false;}return true;`,
      );
      return `${name}(${x})`;
    }
    case 'record': {
      const key = def.keyType && internals(def.keyType).def;
      const item = def.valueType && expression(def.valueType, 'e', program);
      if (!key || key.type !== 'string' || !unrefined(key) || !item) return undefined;
      const name = program.define(
        `if(typeof v!=="object"||v===null||Array.isArray(v))return false;for(const k of Object.keys(v)){const e=v[k];if(!(${item}))return false;}return true;`,
      );
      return `${name}(${x})`;
    }
    case 'object':
      return object(def, x, program);
    default:
      return undefined;
  }
}

/** A loose object (unknown keys kept as they are): every shape key checked, others let through. */
function object(def: Def, x: string, program: Program): string | undefined {
  const catchall = def.catchall && internals(def.catchall).def.type;
  // A strip object's data drops unknown keys and a strict one refuses them: not the body as is.
  if ((catchall !== 'unknown' && catchall !== 'any') || !def.shape) return undefined;
  let body = 'if(typeof v!=="object"||v===null||Array.isArray(v))return false;let p;';
  for (const [key, schema] of Object.entries(def.shape)) {
    const check = expression(schema, 'p', program);
    if (check === undefined) return undefined;
    // Read as zod reads it (`input[key]`), so an absent key is `undefined` for both. A key whose
    // schema is not optional must hold a value: zod refuses an absent one even for `z.unknown()`.
    const present = internals(schema).optin === 'optional' ? '' : 'p!==undefined&&';
    body += `p=v[${JSON.stringify(key)}];if(!(${present}${check}))return false;`;
  }
  return `${program.define(`${body}return true;`)}(${x})`;
}
