import fc from 'fast-check';
import { createQuerySerializer } from 'openapi-fetch';
import { describe, expect, it } from 'vitest';
import { serializeQuery } from '../../src/core/query.js';

const openapiFetch = createQuerySerializer();
const primitive = fc.oneof(fc.string(), fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.constant(undefined));
const value = fc.oneof(primitive, fc.array(primitive, { maxLength: 4 }), fc.dictionary(fc.string(), primitive, { maxKeys: 3 }));

describe('serializeQuery', () => {
  it('writes the query exactly as openapi-fetch does (what raw sends)', () => {
    fc.assert(fc.property(fc.dictionary(fc.string(), value, { maxKeys: 5 }), (query) => {
      expect(serializeQuery(query)).toBe(openapiFetch(query));
    }), { numRuns: 2000 });
  });

  it('the cases the specs have', () => {
    expect(serializeQuery({ pageSize: 25, pageNumber: 2, excludeDisconnectedMembers: true })).toBe('pageSize=25&pageNumber=2&excludeDisconnectedMembers=true');
    expect(serializeQuery({ after: 'a b&c', before: undefined, sortOrder: null })).toBe('after=a%20b%26c');
    expect(serializeQuery({ ids: ['x', 'y'], empty: [], filter: { state: 'open' } })).toBe('ids=x&ids=y&filter[state]=open');
  });

  it('refuses nesting as openapi-fetch does', () => {
    expect(() => serializeQuery({ a: [[1]] })).toThrow('query parameter a: a nested array or object has no query-string form');
    expect(() => openapiFetch({ a: [[1]] })).toThrow(/Deeply-nested/);
  });
});
