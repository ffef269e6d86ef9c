import { describe, expect, it } from 'vitest';
import { applyToolConfig, type ManifestTool } from '../src/index.js';

function tool(
  name: string,
  method: ManifestTool['binding']['method'],
  path: string,
  tags: string[] = [],
  operationId: string | undefined = name,
): ManifestTool {
  return {
    name,
    description: `${name} description`,
    inputSchema: { type: 'object' },
    annotations: {},
    binding: { method, path, parameters: [], ...(operationId ? { operationId } : {}) },
    tags,
  };
}

const TOOLS = [
  tool('findPets', 'get', '/pets', ['pets']),
  tool('addPet', 'post', '/pets', ['pets']),
  tool('getPet', 'get', '/pets/{petId}', ['pets']),
  tool('deletePet', 'delete', '/pets/{petId}', ['pets', 'admin']),
  tool('listStores', 'get', '/stores', ['stores']),
  tool('get_health', 'get', '/health', [], undefined),
];
const names = (r: { tools: { name: string }[] }): string[] => r.tools.map((t) => t.name);

describe('applyToolConfig', () => {
  it('exposes every tool unchanged without a configuration', () => {
    const result = applyToolConfig(TOOLS);
    expect(result.tools).toEqual(TOOLS);
    expect(result.excluded).toEqual([]);
  });

  it('includes by tag and excludes by method and path glob, naming the rule', () => {
    const result = applyToolConfig(TOOLS, {
      mode: 'all',
      selection: { include: [{ tag: 'pets' }], exclude: [{ method: 'DELETE', path: '/pets/*' }] },
      overrides: {},
    });
    expect(names(result)).toEqual(['findPets', 'addPet', 'getPet']);
    expect(result.excluded).toEqual([
      { name: 'deletePet', reason: 'excluded by selection.exclude[0]' },
      { name: 'listStores', reason: 'not matched by any selection.include selector' },
      { name: 'get_health', reason: 'not matched by any selection.include selector' },
    ]);
  });

  it('requires every field of a selector to match, and reads braces in paths literally', () => {
    const both = applyToolConfig(TOOLS, {
      mode: 'all',
      selection: { include: [{ method: 'get', path: '/pets/{petId}' }, { operationId: 'addPet' }] },
      overrides: {},
    });
    expect(names(both)).toEqual(['addPet', 'getPet']);
    const deep = applyToolConfig(TOOLS, {
      mode: 'all',
      selection: { include: [{ path: '/pets/**' }], exclude: [{ name: 'findPets' }] },
      overrides: {},
    });
    expect(names(deep)).toEqual(['addPet', 'getPet', 'deletePet']);
  });

  it('renames and re-describes tools, keeping the manifest name as originalName', () => {
    const result = applyToolConfig(TOOLS, {
      mode: 'all',
      selection: {},
      overrides: {
        findPets: { name: 'search_pets', description: 'Search.' },
        getPet: { description: 'One pet.' },
      },
    });
    expect(result.tools[0]).toMatchObject({
      name: 'search_pets',
      originalName: 'findPets',
      description: 'Search.',
    });
    expect(result.tools[2]).toMatchObject({ name: 'getPet', description: 'One pet.' });
    expect(result.tools[2]?.originalName).toBeUndefined();
    expect(result.issues).toEqual([]);
  });

  it('never yields duplicate names: a rename onto a taken name is skipped and reported', () => {
    const result = applyToolConfig(TOOLS, {
      mode: 'all',
      selection: {},
      overrides: {
        findPets: { name: 'addPet' },
        getPet: { name: 'bad name!' },
        listStores: { name: 'stores' },
        get_health: { name: 'stores' },
        vanished: { name: 'x' },
      },
    });
    expect(new Set(names(result)).size).toBe(TOOLS.length);
    expect(names(result)).toEqual([
      'findPets',
      'addPet',
      'getPet',
      'deletePet',
      'stores',
      'get_health',
    ]);
    expect(result.issues.map((i) => i.tool).sort()).toEqual([
      'findPets',
      'getPet',
      'get_health',
      'vanished',
    ]);
  });
});
