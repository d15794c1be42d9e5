// The named constants of the generated modules: one per component schema (an input/output pair
// only when its two normalized forms differ, through readOnly/writeOnly properties of its own or
// of a component it uses) and one per shared response (components/responses) the operations use.
import { responseRefOf, type Operation } from './operations.ts';
import { componentRefOf, type ComponentRef, type Direction } from './schema.ts';
import { SpecError, type JsonObject, type LoadedSpec } from './spec.ts';

export interface NamedConstant {
  /** The TypeScript name, e.g. `JobSchema`, `UserInputSchema`, `NotFoundResponse`. */
  name: string;
  value: JsonObject;
}

export interface SchemaConstant extends NamedConstant {
  component: string;
  /** The directions this constant serves: both, or one of a pair. */
  directions: Direction[];
}

export interface ComponentForms {
  input: Record<string, JsonObject>;
  output: Record<string, JsonObject>;
}

export class SchemaConstants {
  /** In openapi.yaml's component order, a pair as input then output. */
  readonly all: SchemaConstant[] = [];
  private readonly byRef = new Map<string, SchemaConstant>();

  constructor(forms: ComponentForms, locate: LoadedSpec['locate']) {
    const owners = new Map<string, string>();
    for (const component of Object.keys(forms.input)) {
      const input = forms.input[component];
      const output = forms.output[component];
      const base = identifier(component);
      const constants: SchemaConstant[] =
        JSON.stringify(input) === JSON.stringify(output)
          ? [{ name: `${base}Schema`, component, directions: ['input', 'output'], value: input }]
          : [
              { name: `${base}InputSchema`, component, directions: ['input'], value: input },
              { name: `${base}OutputSchema`, component, directions: ['output'], value: output },
            ];
      for (const constant of constants) {
        const owner = owners.get(constant.name);
        if (owner) {
          throw new SpecError(
            `${locate(['components', 'schemas', component])}: components "${owner}" and "${component}" would both generate the constant ${constant.name}; rename one`,
          );
        }
        owners.set(constant.name, component);
        this.all.push(constant);
        for (const direction of constant.directions) this.byRef.set(key({ component, direction }), constant);
      }
    }
  }

  get(ref: ComponentRef): SchemaConstant | undefined {
    return this.byRef.get(key(ref));
  }

  /** The constant of the component a normalized schema was resolved from, if any. */
  forValue(value: JsonObject): SchemaConstant | undefined {
    const ref = componentRefOf(value);
    return ref && this.get(ref);
  }
}

/** The shared responses the operations use, by name in components/responses (sorted). */
export function responseConstants(operations: Operation[], locate: LoadedSpec['locate']): Map<string, NamedConstant> {
  const found = new Map<string, NamedConstant>();
  const owners = new Map<string, string>();
  for (const op of operations) {
    for (const response of Object.values(op.responses)) {
      const name = responseRefOf(response);
      if (name === undefined || found.has(name)) continue;
      const constant = { name: `${identifier(name)}Response`, value: response as unknown as JsonObject };
      const owner = owners.get(constant.name);
      if (owner) {
        throw new SpecError(
          `${locate(['components', 'responses', name])}: responses "${owner}" and "${name}" would both generate the constant ${constant.name}; rename one`,
        );
      }
      owners.set(constant.name, name);
      found.set(name, constant);
    }
  }
  return new Map([...found].sort(([a], [b]) => (a < b ? -1 : 1)));
}

const key = (ref: ComponentRef) => `${ref.direction} ${ref.component}`;

/** A component name as a TypeScript identifier (OpenAPI also allows `.` and `-` in names). */
function identifier(component: string): string {
  const name = component.replace(/[^A-Za-z0-9_$]/g, '_');
  return /^[0-9]/.test(name) ? `_${name}` : name;
}

/** The constants ordered so each comes after the ones it uses (a `const` must be declared before use). */
export function dependenciesFirst<C extends NamedConstant>(constants: C[], uses: (constant: C) => Iterable<C>): C[] {
  const ordered: C[] = [];
  const placed = new Set<C>();
  const place = (constant: C) => {
    if (placed.has(constant)) return;
    placed.add(constant);
    for (const used of uses(constant)) place(used);
    ordered.push(constant);
  };
  constants.forEach(place);
  return ordered;
}
