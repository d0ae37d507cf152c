import { describe, expect, it } from 'vitest';
import { GroupGraph } from './group-graph';

const edge = (parentId: string, childId: string) => ({ parentId, childId });

describe('GroupGraph', () => {
  it('ok/ancestors follow nesting upwards with the shortest path', () => {
    const sut = new GroupGraph([edge('all', 'eng'), edge('eng', 'backend'), edge('all', 'backend')]);
    const paths = sut.ancestors(['backend']);
    expect(Object.fromEntries(paths)).toEqual({ backend: ['backend'], eng: ['backend', 'eng'], all: ['backend', 'all'] });
  });

  it('ok/a cycle terminates and still reaches every group on it', () => {
    const sut = new GroupGraph([edge('a', 'b'), edge('b', 'c'), edge('c', 'a')]);
    expect([...sut.ancestors(['a']).keys()].sort()).toEqual(['a', 'b', 'c']);
    expect([...sut.descendants(['b'])].sort()).toEqual(['a', 'b', 'c']);
  });

  it('ok/descendants include the group itself and every nested group', () => {
    const sut = new GroupGraph([edge('all', 'eng'), edge('eng', 'backend'), edge('sales', 'emea')]);
    expect([...sut.descendants(['all'])].sort()).toEqual(['all', 'backend', 'eng']);
  });

  it('ok/a group with no edges is its own only ancestor', () => {
    expect(Object.fromEntries(new GroupGraph([]).ancestors(['x']))).toEqual({ x: ['x'] });
  });
});
