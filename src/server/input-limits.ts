import { GraphQLError, Kind, visit, type DocumentNode, type ValueNode } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { memoPerOperation } from './operation-memo.js';

/**
 * The longest string and list any argument takes (README, "Limits"). Global ids are ~60 characters
 * and providers' room ids under 64, so the caps leave room without letting one input grow a
 * message, a key or an upstream URL without bound.
 */
export const INPUT_LIMITS = {
  /** `id`, `ids` (global ids, also an `_entities` representation's `id`). */
  idLength: 256,
  /** `roomId`, `roomIds`: a provider's own room id. */
  roomIdLength: 128,
  /** `after`, `before`. */
  cursorLength: 512,
  /** Any other string (`filter.name`, …). */
  stringLength: 256,
  /** Any list (`nodes(ids:)`, `filter.roomIds`, `_entities(representations:)`). */
  listLength: 100,
} as const;

/** How deep lists and input objects may nest inside one argument. */
const MAX_NESTING = 8;

const LENGTH_BY_NAME: Record<string, number> = {
  id: INPUT_LIMITS.idLength,
  ids: INPUT_LIMITS.idLength,
  roomId: INPUT_LIMITS.roomIdLength,
  roomIds: INPUT_LIMITS.roomIdLength,
  after: INPUT_LIMITS.cursorLength,
  before: INPUT_LIMITS.cursorLength,
};

/**
 * Refuses, before any resolver runs, an operation with a string argument or a list over its limit
 * (BAD_USER_INPUT naming the argument, never repeating its value). Literals and variables alike are
 * checked, wherever they sit: arguments, input object fields, lists, `_Any` representations.
 */
export function useInputLimits(): Plugin {
  // An operation asked again with the same variables is known to fit; one that does not is checked again (it is refused).
  const fits = memoPerOperation((document, variables) => findOversizedInput(document, variables) === null);
  const refuseOversized = ({ args, setResultAndStopExecution }: { args: { document: DocumentNode; variableValues?: unknown }; setResultAndStopExecution(result: { errors: GraphQLError[] }): void }) => {
    const variables = (args.variableValues ?? {}) as Record<string, unknown>;
    if (!fits(args.document, variables)) setResultAndStopExecution({ errors: [findOversizedInput(args.document, variables)!] });
  };
  // Subscriptions run through `subscribe`, not `execute`: the same limits apply to their arguments.
  return { onExecute: refuseOversized, onSubscribe: refuseOversized };
}

/** The first argument of `document` over its limit, as a BAD_USER_INPUT error; null when all fit. */
export function findOversizedInput(document: DocumentNode, variables: Record<string, unknown>): GraphQLError | null {
  let problem: GraphQLError | null = null;
  visit(document, {
    Argument: (node) => {
      problem ??= checkValue(fromAst(node.value, variables), node.name.value, node.name.value);
      return false;
    },
  });
  return problem;
}

/** The plain value of a literal, with variables substituted (raw, as the client sent them). */
function fromAst(node: ValueNode, variables: Record<string, unknown>): unknown {
  switch (node.kind) {
    case Kind.VARIABLE:
      return variables[node.name.value];
    case Kind.STRING:
      return node.value;
    case Kind.LIST:
      return node.values.map((value) => fromAst(value, variables));
    case Kind.OBJECT:
      return Object.fromEntries(node.fields.map((field) => [field.name.value, fromAst(field.value, variables)]));
    default:
      return null;
  }
}

/** Walks a value; `name` is the nearest argument or field name, `path` the dotted way to it. */
function checkValue(value: unknown, name: string, path: string, depth = 0): GraphQLError | null {
  if (depth > MAX_NESTING) return refusal(`\`${path}\` nests more than ${MAX_NESTING} levels deep.`, path, MAX_NESTING);
  if (typeof value === 'string') {
    const limit = LENGTH_BY_NAME[name] ?? INPUT_LIMITS.stringLength;
    return value.length > limit ? refusal(`\`${path}\` is at most ${limit} characters long.`, path, limit) : null;
  }
  if (Array.isArray(value)) {
    if (value.length > INPUT_LIMITS.listLength) return refusal(`\`${path}\` takes at most ${INPUT_LIMITS.listLength} items.`, path, INPUT_LIMITS.listLength);
    for (const item of value) {
      const problem = checkValue(item, name, path, depth + 1);
      if (problem) return problem;
    }
    return null;
  }
  if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      const problem = checkValue(item, key, `${path}.${key.slice(0, 32)}`, depth + 1);
      if (problem) return problem;
    }
  }
  return null;
}

function refusal(message: string, argument: string, limit: number): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', argument, limit } });
}
