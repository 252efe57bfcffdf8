import type { PrismaPg } from "@prisma/adapter-pg";

type Adapter = Awaited<ReturnType<PrismaPg["connect"]>>;
type Transaction = Awaited<ReturnType<Adapter["startTransaction"]>>;

/**
 * One query at a time on a transaction's connection.
 *
 * Prisma's query interpreter fetches the children of a `join` node (a write with `include`, a
 * read of several relations) with `Promise.all`. Outside a transaction each query takes its own
 * pooled connection; inside one they all land on the single connection the transaction holds, so
 * node-postgres receives a query while another is running. pg queues it (it still works) but since
 * 8.19 warns at the first one ("Calling client.query() when the client is already executing a
 * query"), and pg 9 will refuse it. Until the adapter serialises them itself (prisma/orm#29468,
 * #29979, both open), this wrapper does: every query of a transaction waits for the one before.
 */
export function serialTransactions(factory: PrismaPg): PrismaPg {
  const connect = factory.connect.bind(factory);
  factory.connect = async () => {
    const adapter = await connect();
    const startTransaction = adapter.startTransaction.bind(adapter);
    adapter.startTransaction = async (isolationLevel) => serialised(await startTransaction(isolationLevel));
    return adapter;
  };
  return factory;
}

function serialised(tx: Transaction): Transaction {
  let tail: Promise<unknown> = Promise.resolve();
  const inTurn = <T>(run: () => Promise<T>): Promise<T> => {
    const result = tail.then(run, run);
    tail = result.catch(() => undefined);
    return result;
  };
  const queryRaw = tx.queryRaw.bind(tx);
  const executeRaw = tx.executeRaw.bind(tx);
  tx.queryRaw = (query) => inTurn(() => queryRaw(query));
  tx.executeRaw = (query) => inTurn(() => executeRaw(query));
  return tx;
}
