#!/usr/bin/env node
// Generates the TypeScript message types of libs/vda5050 from the VDA 5050 JSON schemas copied into
// libs/vda5050/src/schemas. Run `node scripts/gen-vda5050-types.js` after changing a schema; commit the output.
//
// The official schemas name their nested types inconsistently (some `title`s, many none, "Error" and "Map" would
// shadow JavaScript globals), so before compiling, every object and string-enum schema gets a title derived from
// its property key. That keeps type names stable across 2.0 and 2.1 (e.g. `NodeState`, `BlockingType`), so the
// hand-written version-neutral aliases in src/types do not break when the generator is re-run.
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const { compile } = require('json-schema-to-typescript');

const root = path.resolve(__dirname, '..', 'libs', 'vda5050', 'src');
const versions = ['2.0', '2.1'];
const schemas = {
  order: { file: 'order.schema.json', title: 'Order', out: 'order' },
  instantActions: { file: 'instantActions.schema.json', title: 'InstantActions', out: 'instant-actions' },
  state: { file: 'state.schema.json', title: 'State', out: 'state' },
  visualization: { file: 'visualization.schema.json', title: 'Visualization', out: 'visualization' },
  connection: { file: 'connection.schema.json', title: 'Connection', out: 'connection' },
  factsheet: { file: 'factsheet.schema.json', title: 'Factsheet', out: 'factsheet' },
};

// Array property key -> name of one item's type, where dropping a trailing "s" is wrong or shadows a global.
const itemNames = {
  errors: 'VdaError',
  maps: 'AgvMap',
  information: 'Info',
  loadSets: 'LoadSet',
  optionalParameters: 'OptionalParameter',
  agvActions: 'AgvAction',
  actionParameters: 'ActionParameter',
};
// Object property key -> type name, where the key alone would shadow a global or collide.
const objectNames = { error: 'VdaError', map: 'AgvMap' };

const pascal = (key) => key.charAt(0).toUpperCase() + key.slice(1);

function singular(key) {
  if (itemNames[key]) return itemNames[key];
  if (key.endsWith('ies')) return pascal(key.slice(0, -3)) + 'y';
  if (key.endsWith('s')) return pascal(key.slice(0, -1));
  return pascal(key) + 'Item';
}

const isObjectSchema = (s) => s.type === 'object' || s.properties !== undefined;
const isEnumSchema = (s) => Array.isArray(s.enum) && s.enum.every((v) => typeof v === 'string');

/** Sets `title` on object and enum schemas from their key; removes it from anything else (so primitives inline). */
function retitle(schema, name) {
  if (schema === null || typeof schema !== 'object') return;
  if (name !== undefined && (isObjectSchema(schema) || isEnumSchema(schema))) schema.title = name;
  else if (name !== undefined || !isObjectSchema(schema)) delete schema.title;
  for (const [key, child] of Object.entries(schema.properties ?? {})) {
    retitle(child, objectNames[key] ?? pascal(key));
    if (child.type === 'array' && child.items) retitle(child.items, singular(key));
  }
  for (const [key, child] of Object.entries(schema.definitions ?? {})) retitle(child, pascal(key));
  for (const [key, child] of Object.entries(schema.$defs ?? {})) retitle(child, pascal(key));
  for (const keyword of ['anyOf', 'oneOf', 'allOf']) {
    for (const child of schema[keyword] ?? []) retitle(child, undefined);
  }
}

function banner(version, file) {
  return [
    '/* eslint-disable */',
    '/**',
    ` * VDA 5050 ${version} message types, generated from src/schemas/v${version}/${file}`,
    ' * by scripts/gen-vda5050-types.js (json-schema-to-typescript). Do not edit by hand: change the generator.',
    ' */',
  ].join('\n');
}

async function generate(version, spec) {
  const source = path.join(root, 'schemas', `v${version}`, spec.file);
  const schema = JSON.parse(fs.readFileSync(source, 'utf8'));
  retitle(schema, undefined);
  schema.title = spec.title;
  const ts = await compile(schema, spec.title, {
    bannerComment: banner(version, spec.file),
    additionalProperties: false, // the schemas allow extra fields; the types for what we emit should not
    declareExternallyReferenced: true,
    unknownAny: true,
    format: true,
    style: { singleQuote: true, printWidth: 120 },
    cwd: path.dirname(source),
  });
  const dir = path.join(root, 'types', `v${version.replace('.', '-')}`);
  fs.mkdirSync(dir, { recursive: true });
  const target = path.join(dir, `${spec.out}.generated.ts`);
  fs.writeFileSync(target, ts);
  return path.relative(process.cwd(), target);
}

async function main() {
  for (const version of versions) {
    for (const spec of Object.values(schemas)) console.log(await generate(version, spec));
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
