// Input checking with zod through Hono's validator: a request that does not fit gets a 400 listing every
// problem, each with where it is and what was expected.
import type { ValidationTargets } from 'hono';
import { validator } from 'hono/validator';
import type { z } from 'zod';
import { issuesOf, Problem } from './problems.js';

const WHERE: Partial<Record<keyof ValidationTargets, string>> = { query: 'query', json: 'body', param: 'path' };

export function valid<Target extends 'query' | 'json' | 'param', S extends z.ZodType>(target: Target, schema: S) {
  return validator(target, (value): z.output<S> => {
    const r = schema.safeParse(value);
    if (r.success) return r.data;
    const issues = issuesOf(r.error, WHERE[target] ?? target);
    throw new Problem(400, issues.map((i) => `${i.at}: ${i.message}`).join('; '), issues);
  });
}
