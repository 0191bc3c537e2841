/**
 * A small declarative description of an operation's input, enough to decode the Query protocol's
 * flat form (`Tags.member.1.Key=…`) into a typed object and to apply the model's constraints with
 * AWS's ValidationError texts. Handlers receive the decoded object and never see the form.
 */
export interface StringShape {
  kind: 'string';
  required?: boolean;
  min?: number;
  max?: number;
  pattern?: RegExp;
  /** The pattern as AWS prints it in messages. */
  patternText?: string;
  enum?: readonly string[];
}
export interface IntegerShape {
  kind: 'integer';
  required?: boolean;
  min?: number;
  max?: number;
}
export interface BooleanShape {
  kind: 'boolean';
  required?: boolean;
}
export interface ListShape {
  kind: 'list';
  required?: boolean;
  member: Shape;
  min?: number;
  max?: number;
}
export interface StructShape {
  kind: 'struct';
  required?: boolean;
  members: Record<string, Shape>;
}
export type Shape = StringShape | IntegerShape | BooleanShape | ListShape | StructShape;

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
  ): StructShape & { members: M } & O => ({ kind: 'struct', members, ...o }),
};

/** Maps a decoded struct shape to its TypeScript type (optional members may be undefined). */
export type Decoded<S extends Shape> = S extends StringShape
  ? string
  : S extends IntegerShape
    ? number
    : S extends BooleanShape
      ? boolean
      : S extends ListShape
        ? Decoded<S['member']>[]
        : S extends StructShape
          ? {
              [K in keyof S['members']]: S['members'][K] extends { required: true }
                ? Decoded<S['members'][K]>
                : Decoded<S['members'][K]> | undefined;
            }
          : never;
