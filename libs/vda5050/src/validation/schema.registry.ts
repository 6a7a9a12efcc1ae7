import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { HEADER_TIME_FORMAT } from '../header/header-time';
import { Topic, type ProtocolVersion } from '../topics/topic';
import connection20 from '../schemas/v2.0/connection.schema.json';
import factsheet20 from '../schemas/v2.0/factsheet.schema.json';
import instantActions20 from '../schemas/v2.0/instantActions.schema.json';
import order20 from '../schemas/v2.0/order.schema.json';
import state20 from '../schemas/v2.0/state.schema.json';
import visualization20 from '../schemas/v2.0/visualization.schema.json';
import connection21 from '../schemas/v2.1/connection.schema.json';
import factsheet21 from '../schemas/v2.1/factsheet.schema.json';
import instantActions21 from '../schemas/v2.1/instantActions.schema.json';
import order21 from '../schemas/v2.1/order.schema.json';
import state21 from '../schemas/v2.1/state.schema.json';
import visualization21 from '../schemas/v2.1/visualization.schema.json';

type SchemaTable = Readonly<Record<Topic, object>>;

const SCHEMAS: Readonly<Record<ProtocolVersion, SchemaTable>> = {
  '2.0': {
    [Topic.Order]: order20,
    [Topic.InstantActions]: instantActions20,
    [Topic.State]: state20,
    [Topic.Visualization]: visualization20,
    [Topic.Connection]: connection20,
    [Topic.Factsheet]: factsheet20,
  },
  '2.1': {
    [Topic.Order]: order21,
    [Topic.InstantActions]: instantActions21,
    [Topic.State]: state21,
    [Topic.Visualization]: visualization21,
    [Topic.Connection]: connection21,
    [Topic.Factsheet]: factsheet21,
  },
};

/**
 * Compiles each VDA 5050 schema once, on first use, and keeps the validator. Compiling all twelve up front would
 * cost start-up time for processes that only ever see two or three topics.
 */
export class SchemaRegistry {
  private readonly ajvs = new Map<ProtocolVersion, Ajv2020>();
  private readonly validators = new Map<string, ValidateFunction>();

  /** The compiled validator for a topic's schema in one version. */
  validatorFor(version: ProtocolVersion, topic: Topic): ValidateFunction {
    const key = `${version}/${topic}`;
    let validate = this.validators.get(key);
    if (!validate) {
      validate = this.ajvFor(version).compile(SCHEMAS[version][topic]);
      this.validators.set(key, validate);
    }
    return validate;
  }

  // One Ajv per version: the schemas of 2.0 and 2.1 are separate documents and must not share a namespace.
  private ajvFor(version: ProtocolVersion): Ajv2020 {
    let ajv = this.ajvs.get(version);
    if (!ajv) {
      // strict: false because the VDA schemas carry custom keywords such as `subtopic`.
      // allErrors stays off: the first error is enough to report, and it bounds the work on hostile input.
      ajv = new Ajv2020({ strict: false, allErrors: false });
      addFormats(ajv);
      // Only header timestamps are `date-time` in these schemas; a zone-less one is UTC by the spec (see HEADER_TIME_FORMAT).
      ajv.addFormat('date-time', HEADER_TIME_FORMAT);
      this.ajvs.set(version, ajv);
    }
    return ajv;
  }
}

/** The registry shared by everything in the process, so each schema is compiled once. */
export const schemaRegistry = new SchemaRegistry();
