/**
 * A small declarative description of an operation's input and output, belonging to no wire.
 * Input shapes are enough to decode the Query protocol's flat form (`Tags.member.1.Key=…`) into a
 * typed object and to apply the model's constraints with AWS's ValidationError texts; output
 * shapes say what a codec writes and how: member order, which strings are IAM policy documents
 * (URL-encoded on the Query wire), which members are maps, and which are `sensitive` (never
 * recorded by the audit). Handlers receive decoded objects and return plain ones; they never see
 * a wire format.
 */
interface ShapeBase {
  required?: boolean;
  /** A secret (a secret access key, a session token, a password, an MFA seed): the audit never records it. */
  sensitive?: boolean;
}
export interface StringShape extends ShapeBase {
  kind: 'string';
  min?: number;
  max?: number;
  pattern?: RegExp;
  /** The pattern as AWS prints it in messages. */
  patternText?: string;
  enum?: readonly string[];
  /** Output: IAM's policyDocumentType (the Query wire carries it URL-encoded). */
  policyDocument?: boolean;
}
export interface IntegerShape extends ShapeBase {
  kind: 'integer';
  min?: number;
  max?: number;
}
export interface BooleanShape extends ShapeBase {
  kind: 'boolean';
}
export interface ListShape extends ShapeBase {
  kind: 'list';
  member: Shape;
  min?: number;
  max?: number;
}
export interface StructShape extends ShapeBase {
  kind: 'struct';
  members: Record<string, Shape>;
}
/** Output only: string keys to scalar values, in order (`<entry><key/><value/></entry>` on the Query wire). */
export interface MapShape extends ShapeBase {
  kind: 'map';
  value: StringShape | IntegerShape | BooleanShape;
}
export type Shape = StringShape | IntegerShape | BooleanShape | ListShape | StructShape | MapShape;

const MEMBER_ENTRIES = new WeakMap<StructShape, ReadonlyArray<readonly [string, Shape]>>();

/**
 * A structure's members as [name, shape] pairs in order, listed once per shape: code that walks a
 * shape on every request (the audit's redaction, the input check) would otherwise allocate the
 * whole list with Object.entries each time (about 2 KB of garbage per AssumeRole).
 */
export function memberEntries(struct: StructShape): ReadonlyArray<readonly [string, Shape]> {
  let entries = MEMBER_ENTRIES.get(struct);
  if (entries === undefined) {
    entries = Object.entries(struct.members);
    MEMBER_ENTRIES.set(struct, entries);
  }
  return entries;
}

type Opt<S> = Omit<S, 'kind'>;
// `const` type parameters keep `required: true` as a literal, so Decoded<> knows what is optional.
export const shape = {
  string: <const O extends Opt<StringShape>>(o: O = {} as O): StringShape & O => ({ kind: 'string', ...o }),
  integer: <const O extends Opt<IntegerShape>>(o: O = {} as O): IntegerShape & O => ({ kind: 'integer', ...o }),
  boolean: <const O extends Opt<BooleanShape>>(o: O = {} as O): BooleanShape & O => ({ kind: 'boolean', ...o }),
  list: <M extends Shape, const O extends Omit<Opt<ListShape>, 'member'>>(member: M, o: O = {} as O): ListShape & { member: M } & O => ({
    kind: 'list',
    member,
    ...o,
  }),
  struct: <M extends Record<string, Shape>, const O extends Omit<Opt<StructShape>, 'members'>>(
    members: M,
    o: O = {} as O,
  ): Omit<StructShape, 'members'> & { members: M } & O => ({ kind: 'struct', members, ...o }),
  map: <V extends MapShape['value'], const O extends Omit<Opt<MapShape>, 'value'>>(
    value: V,
    o: O = {} as O,
  ): MapShape & { value: V } & O => ({
    kind: 'map',
    value,
    ...o,
  }),
};

/** The TypeScript type of a scalar shape (input and output alike). */
type Scalar<S extends Shape> = S extends StringShape ? string : S extends IntegerShape ? number : S extends BooleanShape ? boolean : never;
type ScalarShape = StringShape | IntegerShape | BooleanShape;

/** Maps a decoded struct shape to its TypeScript type (optional members may be undefined). */
export type Decoded<S extends Shape> = S extends ScalarShape
  ? Scalar<S>
  : S extends ListShape
    ? Decoded<S['member']>[]
    : S extends StructShape
      ? {
          [K in keyof S['members']]: S['members'][K] extends { required: true }
            ? Decoded<S['members'][K]>
            : Decoded<S['members'][K]> | undefined;
        }
      : S extends MapShape
        ? ReadonlyArray<readonly [string, Decoded<S['value']>]>
        : never;

/**
 * What a handler returns for an output shape: every member optional (absent members are left out
 * on the wire), lists read-only. The codec writes what the shape declares, in its order, and
 * refuses a member the shape does not declare.
 */
export type Output<S extends Shape> = S extends ScalarShape
  ? Scalar<S>
  : S extends ListShape
    ? readonly Output<S['member']>[]
    : S extends StructShape
      ? { [K in keyof S['members']]?: Output<S['members'][K]> | undefined }
      : S extends MapShape
        ? ReadonlyArray<readonly [string, Output<S['value']>]>
        : never;
