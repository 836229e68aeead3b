// Kysely hands the driver's errors through as they are (pg's "Connection terminated
// unexpectedly", better-sqlite3's SQLITE_BUSY). Wrapping the driver turns the ones that mean
// "the database cannot be used right now" into one typed store error at the single place every
// query, transaction and connection passes, so no caller has to know the drivers' vocabularies.
import type {
  CompiledQuery,
  DatabaseConnection,
  Dialect,
  Driver,
  QueryCompiler,
  QueryResult,
  TransactionSettings,
} from "kysely";

/** Returns what to throw instead of `error`: a store error, or `error` itself. */
export type ErrorTranslator = (error: unknown) => unknown;

/**
 * `dialect` with every error of its driver passed through `translate`.
 * @example new Kysely({ dialect: translatingErrors(new PostgresDialect({ pool }), toStoreError) })
 */
export function translatingErrors(dialect: Dialect, translate: ErrorTranslator): Dialect {
  return {
    createDriver: () => new TranslatingDriver(dialect.createDriver(), translate),
    createQueryCompiler: () => dialect.createQueryCompiler(),
    createAdapter: () => dialect.createAdapter(),
    createIntrospector: (db) => dialect.createIntrospector(db),
  };
}

class TranslatingConnection implements DatabaseConnection {
  constructor(
    readonly inner: DatabaseConnection,
    private readonly translate: ErrorTranslator,
  ) {}

  // Awaited inside try: Kysely's SQLite connection throws synchronously.
  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    try {
      return await this.inner.executeQuery<R>(query);
    } catch (error) {
      throw this.translate(error);
    }
  }

  async *streamQuery<R>(
    query: CompiledQuery,
    chunkSize?: number,
  ): AsyncIterableIterator<QueryResult<R>> {
    try {
      yield* this.inner.streamQuery<R>(query, chunkSize);
    } catch (error) {
      throw this.translate(error);
    }
  }
}

/** The inner driver's connection behind ours: the driver keeps private state on its own objects. */
const innerOf = (connection: DatabaseConnection) => (connection as TranslatingConnection).inner;

class TranslatingDriver implements Driver {
  constructor(
    private readonly inner: Driver,
    private readonly translate: ErrorTranslator,
  ) {}

  private async run<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      throw this.translate(error);
    }
  }

  init(): Promise<void> {
    return this.run(() => this.inner.init());
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    const connection = await this.run(() => this.inner.acquireConnection());
    return new TranslatingConnection(connection, this.translate);
  }

  beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    return this.run(() => this.inner.beginTransaction(innerOf(connection), settings));
  }

  commitTransaction(connection: DatabaseConnection): Promise<void> {
    return this.run(() => this.inner.commitTransaction(innerOf(connection)));
  }

  rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    return this.run(() => this.inner.rollbackTransaction(innerOf(connection)));
  }

  savepoint(
    connection: DatabaseConnection,
    name: string,
    compile: QueryCompiler["compileQuery"],
  ): Promise<void> {
    return this.run(() => this.optional("savepoint")(innerOf(connection), name, compile));
  }

  rollbackToSavepoint(
    connection: DatabaseConnection,
    name: string,
    compile: QueryCompiler["compileQuery"],
  ): Promise<void> {
    return this.run(() => this.optional("rollbackToSavepoint")(innerOf(connection), name, compile));
  }

  releaseSavepoint(
    connection: DatabaseConnection,
    name: string,
    compile: QueryCompiler["compileQuery"],
  ): Promise<void> {
    return this.run(() => this.optional("releaseSavepoint")(innerOf(connection), name, compile));
  }

  releaseConnection(connection: DatabaseConnection): Promise<void> {
    return this.inner.releaseConnection(innerOf(connection));
  }

  destroy(): Promise<void> {
    return this.inner.destroy();
  }

  /** Both drivers Masthead uses have savepoints; a driver without them fails as Kysely would. */
  private optional(method: "savepoint" | "rollbackToSavepoint" | "releaseSavepoint") {
    const fn = this.inner[method];
    if (fn === undefined)
      throw new Error(`the \`${method}\` method is not supported by this driver`);
    return fn.bind(this.inner);
  }
}
