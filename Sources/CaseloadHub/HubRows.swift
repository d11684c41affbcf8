import PostgresNIO

extension PostgresConnection {
    /// Runs a statement and reads its whole reply: the server may report a
    /// failure after the first rows, and it must surface here, not be lost.
    func run(_ query: PostgresQuery, logger: Logger) async throws {
        for try await _ in try await self.query(query, logger: logger) {}
    }
}
