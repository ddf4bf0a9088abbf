import { createRequire } from 'node:module';

/**
 * Several statements in one round trip: the extended protocol's Parse (once per connection for a named statement),
 * Bind, Describe and Execute of each, then a single Sync, written to the socket in one go. PostgreSQL runs them in
 * order, each with its own snapshot (a statement sees what the ones before it wrote), and stops at the first error,
 * skipping the rest up to the Sync. Inside a transaction that leaves the transaction aborted, as one statement's
 * failure would.
 *
 * This is the `Submittable` shape node-postgres' client queues and feeds with the backend's messages (the same
 * shape as its own `Query`).
 */

const load = createRequire(__filename);
// node-postgres' own result parsing and value mapping, so that rows and parameters are exactly what `query` gives.
const PgResult = load('pg/lib/result') as new (rowMode?: string, types?: unknown) => PgResultObject;
const { prepareValue } = load('pg/lib/utils') as { prepareValue(v: unknown): unknown };

interface PgResultObject {
  rows: unknown[];
  command: string;
  rowCount: number | null;
  addFields(fields: unknown[]): void;
  parseRow(fields: unknown[]): unknown;
  addRow(row: unknown): void;
  addCommandComplete(msg: unknown): void;
}

export interface BatchStatement {
  text: string;
  values?: readonly unknown[];
  /** The prepared statement's name, or null for an unnamed one. */
  name: string | null;
}

export interface BatchResult {
  rows: unknown[];
  command: string;
  rowCount: number | null;
}

interface Connection {
  stream: { cork?(): void; uncork?(): void };
  parsedStatements: Record<string, string>;
  submittedNamedStatements: Record<string, string>;
  parse(msg: { text: string; name: string; types?: unknown[] }): void;
  bind(msg: { portal: string; statement: string; values: unknown[] }): void;
  describe(msg: { type: 'P'; name: string }): void;
  execute(msg: { portal: string; rows?: number }): void;
  sync(): void;
  sendCopyFail(msg: string): void;
  on(event: 'parseComplete', h: () => void): void;
  removeListener(event: 'parseComplete', h: () => void): void;
}

export class StatementBatch {
  private readonly results: PgResultObject[];
  private current = 0;
  /** Names of the statements parsed by this batch, in the order of their Parse messages (null: unnamed). */
  private parses: { name: string | null; text: string }[] = [];
  private confirmed = 0;
  private connection: Connection | null = null;
  private readonly onParsed = () => {
    const p = this.parses[this.confirmed++];
    if (p?.name && this.connection) {
      this.connection.parsedStatements[p.name] = p.text;
      delete this.connection.submittedNamedStatements[p.name];
    }
  };

  constructor(
    private readonly statements: readonly BatchStatement[],
    private readonly done: (error: Error | null, results: BatchResult[]) => void,
  ) {
    this.results = statements.map(() => new PgResult());
  }

  submit(connection: Connection): Error | null {
    // Values first: a value that cannot be sent (e.g. a cyclic object) fails the batch before anything is written.
    let values: unknown[][];
    try {
      values = this.statements.map((s) => (s.values ?? []).map((v) => prepareValue(v)));
    } catch (e) {
      return e as Error;
    }
    this.connection = connection;
    connection.on('parseComplete', this.onParsed);
    connection.stream.cork?.();
    try {
      this.statements.forEach((s, i) => {
        const name = s.name ?? '';
        const known = s.name !== null && (connection.parsedStatements[name] !== undefined || connection.submittedNamedStatements[name] !== undefined);
        if (!known) {
          connection.parse({ text: s.text, name });
          if (s.name !== null) connection.submittedNamedStatements[name] = s.text;
          this.parses.push({ name: s.name, text: s.text });
        }
        connection.bind({ portal: '', statement: name, values: values[i] });
        connection.describe({ type: 'P', name: '' });
        connection.execute({ portal: '' });
      });
      connection.sync();
    } finally {
      connection.stream.uncork?.();
    }
    return null;
  }

  handleRowDescription(msg: { fields: unknown[] }): void {
    this.results[this.current]?.addFields(msg.fields);
  }

  handleDataRow(msg: { fields: unknown[] }): void {
    const r = this.results[this.current];
    if (r) r.addRow(r.parseRow(msg.fields));
  }

  handleCommandComplete(msg: unknown): void {
    this.results[this.current]?.addCommandComplete(msg);
    this.current++;
  }

  handleEmptyQuery(): void {
    this.current++;
  }

  handlePortalSuspended(): void {
    // Every Execute asks for all rows: a portal is never suspended.
  }

  handleCopyInResponse(connection: Connection): void {
    connection.sendCopyFail('COPY is not supported in a statement batch');
  }

  handleCopyData(): void {
    // Not used.
  }

  handleError(error: Error): void {
    this.finish();
    // The statements after the failed one were skipped: their Parse never happened on the server.
    if (this.connection) {
      for (const p of this.parses.slice(this.confirmed)) if (p.name) delete this.connection.submittedNamedStatements[p.name];
    }
    const failed = this.statements[Math.min(this.current, this.statements.length - 1)];
    Object.assign(error, { statement: failed?.text });
    this.done(error, []);
  }

  handleReadyForQuery(): void {
    this.finish();
    this.done(null, this.results.map((r) => ({ rows: r.rows, command: r.command, rowCount: r.rowCount })));
  }

  private finish(): void {
    this.connection?.removeListener('parseComplete', this.onParsed);
  }
}
